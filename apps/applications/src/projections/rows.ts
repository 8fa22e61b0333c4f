import type { CaseState } from '@gbt/certification';
import type { StoredEvent } from '@gbt/event-store';
import type { RegisteredOrganisation } from '../organisations/organisations.service';

export interface OrganisationRow {
  _id: string;
  name: string;
  creditCode: string;
  members: string[];
  version: number;
}

export interface CaseRow {
  _id: string;
  organisationId: string;
  organisationName: string | null;
  status: string;
  phase: string | null;
  level: string | null;
  certificateNumber: string | null;
  validUntil: string | null;
  nextSurveillanceBy: string | null;
  suspendedUntil: string | null;
  /** The earliest date something is due: surveillance, end of suspension or expiry. */
  dueBy: string | null;
  openNonconformities: number;
  submittedAt: string | null;
  updatedAt: string;
  version: number;
}

export const organisationRow = (o: RegisteredOrganisation, version: number): OrganisationRow => ({
  _id: o.organisationId,
  name: o.name,
  creditCode: o.creditCode,
  members: [...o.members],
  version,
});

export function caseRow(state: Exclude<CaseState, { status: 'none' }>, version: number, events: readonly StoredEvent[], organisationName: string | null): CaseRow {
  const certificate = 'certificate' in state ? state.certificate : null;
  const suspendedUntil = state.status === 'suspended' ? state.until : null;
  const live = ['certified', 'suspended', 'recertifying'].includes(state.status);
  const due = live ? [certificate?.nextSurveillanceBy, suspendedUntil, certificate?.validUntil].filter((d): d is string => !!d).sort()[0] ?? null : null;
  return {
    _id: state.caseId,
    organisationId: state.organisationId,
    organisationName,
    status: state.status,
    phase: 'phase' in state ? state.phase : null,
    level: certificate?.level ?? state.score?.level ?? null,
    certificateNumber: certificate?.number ?? null,
    validUntil: certificate?.validUntil ?? null,
    nextSurveillanceBy: certificate?.nextSurveillanceBy ?? null,
    suspendedUntil,
    dueBy: due,
    openNonconformities: Object.values(state.nonconformities).filter((nc) => nc.open).length,
    submittedAt: events.find((e) => e.type === 'certification.application-submitted')?.occurredAt ?? null,
    updatedAt: events.at(-1)?.occurredAt ?? '',
    version,
  };
}
