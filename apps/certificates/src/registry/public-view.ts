import { certificateDates, certificateStanding } from '@gbt/certificate-core';
import { historyReason, LEVEL_NAMES, type RegistryEntry } from './registry-entry';

/**
 * Exactly what a certificate shows publicly, its status and history: no case ids, no people.
 * `standing` is whether it may be relied on at `now` (the service's clock), as codes with
 * parameters: the verification page shows the same, and the offline verifier reports it.
 * validFrom and validUntil are calendar dates in Asia/Shanghai, valid through the end of
 * validUntil (ADR 26). Each history entry has a reason code with parameters; `reason` and
 * `statusReason` are English sentences for developers, never shown to readers.
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
    ...certificateDates(entry),
    status: entry.status,
    statusReason: entry.statusReason,
    standing: certificateStanding(entry, now),
    suspendedUntil: entry.suspendedUntil,
    supersedes: entry.supersedes,
    supersededBy: entry.supersededBy,
    history: entry.history.map((h) => ({ status: h.status, change: h.change, reason: h.reason, ...historyReason(h), ...(h.sites?.length ? { sites: h.sites } : {}), at: h.at })),
    verifyUrl,
  };
}

/** The registry's answer for one certificate (`GET /registry/certificates/:number`). */
export type PublicCertificate = ReturnType<typeof publicView>;
