import { certificateStanding } from '@gbt/certificate-core';
import { LEVEL_NAMES, type RegistryEntry } from './registry-entry';

/**
 * Exactly what a certificate shows publicly, its status and history: no case ids, no people.
 * `standing` is whether it may be relied on at `now` (the service's clock), as codes with
 * parameters: the verification page shows the same, and the offline verifier reports it.
 */
export function publicView(entry: RegistryEntry, verifyUrl: string, now: Date) {
  return {
    number: entry._id,
    version: entry.version,
    holder: entry.holder,
    level: entry.level,
    levelName: LEVEL_NAMES[entry.level],
    scope: entry.scope,
    issuingBody: entry.issuingBody,
    validFrom: entry.validFrom,
    validUntil: entry.validUntil,
    status: entry.status,
    statusReason: entry.statusReason,
    standing: certificateStanding(entry, now),
    suspendedUntil: entry.suspendedUntil,
    supersedes: entry.supersedes,
    supersededBy: entry.supersededBy,
    history: entry.history.map(({ status, change, reason, at }) => ({ status, change, reason, at })),
    verifyUrl,
  };
}

/** The registry's answer for one certificate (`GET /registry/certificates/:number`). */
export type PublicCertificate = ReturnType<typeof publicView>;
