import type { CaseState } from '@gbt/certification';
import type { StoredEvent } from '@gbt/event-store';
import type { RegisteredOrganisation } from '../organisations/organisation.aggregate';
import type { CaseListRow, OrganisationEntry } from './read-models';

/** `members`: the organisation's members as the directory says (OrganisationMembers), else those on its stream. */
export const organisationEntry = (o: RegisteredOrganisation, version: number, members: readonly string[] = o.members): OrganisationEntry => ({
  _id: o.organisationId,
  name: o.name,
  creditCode: o.creditCode,
  members: [...members],
  version,
});

export function caseRow(state: Exclude<CaseState, { status: 'none' }>, version: number, events: readonly StoredEvent[], organisationName: string | null): CaseListRow {
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
    levelReopened: Boolean(state.levelReopened) && (state.status === 'certified' || state.status === 'suspended'),
    submittedAt: events.find((e) => e.type === 'certification.application-submitted')?.occurredAt ?? null,
    updatedAt: events.at(-1)?.occurredAt ?? '',
    version,
  };
}
