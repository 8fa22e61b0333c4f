import { certificateDates, shanghaiDate } from '@gbt/certificate-core';
import type { CaseStatusSnapshot, EventEnvelope } from '@gbt/contracts';
import type { ReportHolder } from './report-records.model';
import type { NewReportRecord } from './report-records';

/**
 * Which events make which report records, in one place. Until the audit programme (issue 19)
 * brings real audit plans, the review's plan (`review.tasks-planned`) stands in for an audit plan
 * and the lifecycle's scoring of a case (`certification.case-scored`, the review's results
 * turned into a score) for an audit result. Certificates and their status changes are the
 * lifecycle's facts, carried by its status snapshots.
 */

export const STANDARD = 'GB/T 27922-2011';

/** The month (YYYY-MM, Asia/Shanghai) an instant falls in: the report it belongs to. */
export const periodOf = (at: string | Date) => shanghaiDate(at).slice(0, 7);

/** Review tasks done at the organisation's premises make an on-site audit, those on documents a remote one, both a combined one. */
export function auditModeOf(tasks: readonly { onSite: boolean }[]): 'on-site' | 'remote' | 'combined' {
  const onSite = tasks.filter((t) => t.onSite).length;
  return onSite === tasks.length ? 'on-site' : onSite === 0 ? 'remote' : 'combined';
}

/**
 * An audit plan's number: `R`, the body's 4-digit sequence, its 2-digit branch code (notice
 * 市监认证(司)函〔2021〕102号), then (our assumption, to make it unique) the month YYMM and the
 * plan's 4-digit sequence in that month.
 */
export function planNumber(prefix: { bodySequence: string; branchCode: string }, period: string, seq: number): string {
  return `R${prefix.bodySequence}${prefix.branchCode}${period.slice(2, 4)}${period.slice(5, 7)}${String(seq).padStart(4, '0')}`;
}

const organisation = (holder: ReportHolder | null) => ({ organisationName: holder?.name ?? null, creditCode: holder?.creditCode ?? null });

export interface PlannedReview {
  readonly caseId: string;
  readonly plannedAt: string;
  readonly dueAt: string;
  readonly tasks: readonly { onSite: boolean }[];
}

/** `review.tasks-planned`: an audit plan (its number comes from its sequence in the month). */
export function planRecord(event: EventEnvelope, plan: PlannedReview, holder: ReportHolder | null, auditType: 'initial' | 'recertification'): NewReportRecord {
  return {
    kind: 'audit-plans',
    source: event.eventId,
    reference: plan.caseId,
    caseId: plan.caseId,
    at: event.occurredAt,
    fields: {
      ...organisation(holder),
      applicationNumber: plan.caseId,
      standard: STANDARD,
      auditType,
      auditMode: auditModeOf(plan.tasks),
      plannedFrom: plan.plannedAt,
      plannedUntil: plan.dueAt,
    },
  };
}

const SCOPE_SEPARATOR = '、';
export const scopeText = (scope: CaseStatusSnapshot['scope']) => [...scope.productCategories, ...scope.serviceCategories].join(SCOPE_SEPARATOR);

const STATUS_CHANGES: Readonly<Record<string, (data: Record<string, unknown>) => string>> = {
  'certification.certificate-suspended': () => 'suspended',
  'certification.certificate-reinstated': () => 'reinstated',
  'certification.certificate-withdrawn': () => 'withdrawn',
  'certification.certificate-cancelled': () => 'cancelled',
  'certification.certificate-expired': () => 'expired',
  'certification.scope-changed': (data) => `scope-${String(data.change)}`,
  // A withdrawal set aside on appeal is reported in the format's own words: restored (恢复), or suspended again (ADR 0038).
  'certification.withdrawal-set-aside': (data) => (data.status === 'suspended' ? 'suspended' : 'reinstated'),
};

/**
 * The reason a status change states: the fact's own, or for a withdrawal set aside on appeal (which
 * has none at the top) what happened, with the resumed suspension's reason (ADR 0038).
 */
function reasonOf(type: string, data: Record<string, unknown>): string | null {
  if (type === 'certification.withdrawal-set-aside') {
    const suspended = data.status === 'suspended' ? (data.suspension as { reason?: unknown } | undefined)?.reason : undefined;
    return typeof suspended === 'string' ? `${SET_ASIDE_REASON}; suspended again: ${suspended}` : SET_ASIDE_REASON;
  }
  return typeof data.reason === 'string' ? data.reason : null;
}
const SET_ASIDE_REASON = '申诉成立，撤销决定已撤回 withdrawal set aside on appeal';

/**
 * The records of one status snapshot's facts: a grant is a certificate, a scoring an audit result
 * (`plan`: the case's audit plan, if one was recorded), a suspension, reinstatement, withdrawal,
 * cancellation, expiry or scope change a status change of the current certificate.
 */
export function snapshotRecords(event: EventEnvelope, snapshot: CaseStatusSnapshot, holder: ReportHolder | null, plan: { planNumber: string; auditMode: string } | null): NewReportRecord[] {
  const records: NewReportRecord[] = [];
  const certificate = snapshot.certificate;
  for (const [i, fact] of snapshot.changes.entries()) {
    const data: Record<string, unknown> = fact.data;
    const statusChange = STATUS_CHANGES[fact.type];
    const base = { source: `${event.eventId}:${i}`, caseId: snapshot.caseId, at: event.occurredAt };
    if (fact.type === 'certification.certification-granted') {
      const number = String(data.certificateNumber);
      // The certificate's own days (ADR 0026): its last day is the one before the validity's exclusive end.
      const dates = certificateDates({ validFrom: String(data.validFrom), validUntil: String(data.validUntil) });
      records.push({
        ...base,
        kind: 'certificates',
        reference: number,
        fields: {
          certificateNumber: number,
          ...organisation(holder),
          address: holder?.address ?? null,
          standard: STANDARD,
          scope: scopeText(snapshot.scope),
          level: String(data.level),
          issuedOn: dates.validFrom,
          validUntil: dates.validUntil,
          status: 'valid',
        },
      });
    } else if (fact.type === 'certification.case-scored') {
      records.push({
        ...base,
        kind: 'audit-results',
        reference: plan?.planNumber ?? snapshot.caseId,
        fields: {
          planNumber: plan?.planNumber ?? null,
          ...organisation(holder),
          auditMode: plan?.auditMode ?? null,
          completedOn: event.occurredAt,
          score: Number(data.score),
          level: data.level === null ? null : String(data.level),
          conclusion: data.passed ? 'passed' : 'failed',
        },
      });
    } else if (statusChange && certificate) {
      records.push({
        ...base,
        kind: 'status-changes',
        reference: certificate.number,
        fields: {
          certificateNumber: certificate.number,
          ...organisation(holder),
          change: statusChange(data),
          changedOn: event.occurredAt,
          reason: reasonOf(fact.type, data),
        },
      });
    }
  }
  return records;
}
