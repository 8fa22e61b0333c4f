import type { CaseFact } from '@gbt/contracts';
import { historyReason, registryChange, validAt, type RegistryEntry } from './registry-entry';

const change = (type: string, data: Record<string, unknown>) => registryChange({ type, data } as CaseFact, { status: 'recertifying' });

describe('registry reasons: codes with parameters, dates as Shanghai calendar dates', () => {
  it('uses the code a lifecycle fact carries, whatever its sentence says', () => {
    const unmaintained = { reason: 'surveillance failed: surveillance found the service system not maintained', reasonCode: 'certificate.suspended-surveillance-not-maintained', reasonParams: { until: '2028-02-06' } };
    expect(change('certification.certificate-suspended', { ...unmaintained, until: '2028-02-06T02:00:00.000Z' })).toMatchObject({
      status: 'suspended',
      code: 'certificate.suspended-surveillance-not-maintained',
      params: { until: '2028-02-06' },
      reason: 'surveillance failed: surveillance found the service system not maintained (deadline 2028-02-06)',
      suspendedUntil: '2028-02-06T02:00:00.000Z',
    });
    const overdue = { reason: 'surveillance overdue: it was due by 2029-02-28', reasonCode: 'certificate.suspended-surveillance-overdue', reasonParams: { dueBy: '2029-03-01', until: '2029-06-01' } };
    expect(change('certification.certificate-suspended', { ...overdue, until: '2029-06-01T02:00:00.000Z' })).toMatchObject({ code: 'certificate.suspended-surveillance-overdue', params: { dueBy: '2029-03-01', until: '2029-06-01' } });
    const deadline = { reason: 'suspension deadline 2029-06-01 passed unresolved', reasonCode: 'certificate.withdrawn-deadline-passed', reasonParams: { deadline: '2029-06-01' } };
    expect(change('certification.certificate-withdrawn', deadline)).toMatchObject({ status: 'withdrawn', code: 'certificate.withdrawn-deadline-passed', params: { deadline: '2029-06-01' } });
    const failed = { reason: 'surveillance found the service system not maintained', reasonCode: 'certificate.surveillance-failed-not-maintained', reasonParams: {}, recordedBy: 'r' };
    expect(change('certification.surveillance-failed', failed)).toMatchObject({ code: 'certificate.surveillance-failed-not-maintained', params: {} });
    // A code with other parameters than it takes is not trusted: the fact is read as one without a code.
    expect(change('certification.certificate-withdrawn', { reason: '虚假宣传', reasonCode: 'certificate.withdrawn-deadline-passed', reasonParams: {} })).toMatchObject({ code: 'certificate.withdrawn', params: { detail: '虚假宣传' } });
  });

  it('gives each lifecycle change stored before codes its code from the sentence, and tells the system-worded suspensions and withdrawals apart', () => {
    // 2029-04-20T17:00Z is already 21 April in Shanghai.
    expect(change('certification.certificate-suspended', { reason: '投诉处理超时', until: '2029-04-20T17:00:00.000Z' })).toMatchObject({ code: 'certificate.suspended', params: { detail: '投诉处理超时', until: '2029-04-21' } });
    expect(change('certification.certificate-suspended', { reason: 'surveillance failed: 投诉处理超时', until: '2029-04-20T02:00:00.000Z' })).toMatchObject({ code: 'certificate.suspended-surveillance-failed', params: { detail: '投诉处理超时' } });
    expect(change('certification.certificate-suspended', { reason: 'surveillance overdue: it was due by 2029-03-01', until: '2029-06-01T02:00:00.000Z' })).toMatchObject({ code: 'certificate.suspended-surveillance-overdue', params: { dueBy: '2029-03-01', until: '2029-06-01' } });
    expect(change('certification.certificate-withdrawn', { reason: 'suspension deadline 2029-06-01 passed unresolved' })).toMatchObject({ code: 'certificate.withdrawn-deadline-passed', params: { deadline: '2029-06-01' } });
    expect(change('certification.certificate-withdrawn', { reason: 'decision retaken on a changed basis: 证据不足' })).toMatchObject({ code: 'certificate.withdrawn-decision-retaken', params: { detail: '证据不足' } });
    expect(change('certification.certificate-withdrawn', { reason: '虚假宣传' })).toMatchObject({ code: 'certificate.withdrawn', params: { detail: '虚假宣传' } });
    expect(change('certification.certificate-expired', { expiredAt: '2029-11-30T16:00:00.000Z' })).toMatchObject({ code: 'certificate.expired', params: { validUntil: '2029-11-30' } });
    expect(change('certification.surveillance-passed', { nextSurveillanceBy: '2028-11-30T16:30:00.000Z' })).toMatchObject({ code: 'certificate.surveillance-passed', params: { nextBy: '2028-12-01' } });
    expect(change('certification.certificate-reinstated', {})).toMatchObject({ code: 'certificate.reinstated', params: {} });
    expect(change('certification.recertification-started', {})).toMatchObject({ code: 'certificate.recertification-started' });
  });

  it("keeps the sites a surveillance under an audit plan visited on its history entry, and none for one without", () => {
    const sites = ['门店 3（3 Wusi Road）', '门店 9（9 Wusi Road）'];
    expect(change('certification.surveillance-passed', { nextSurveillanceBy: '2029-03-01T02:00:00.000Z', auditPlanId: 'case-1.audit.surveillance-1', auditPlanRevision: 1, sites })).toMatchObject({ code: 'certificate.surveillance-passed', sites });
    expect(change('certification.surveillance-failed', { reason: 'no complaint log', sites })).toMatchObject({ code: 'certificate.surveillance-failed', sites });
    expect(change('certification.surveillance-passed', { nextSurveillanceBy: '2029-03-01T02:00:00.000Z' })).not.toHaveProperty('sites');
  });

  it('reads an entry recorded before codes as its stored sentence', () => {
    expect(historyReason({ eventId: 'e', status: 'valid', change: 'issued', reason: 'certified at level five-star until 2029-12-01', at: '2026-11-30T16:30:00.000Z' })).toEqual({
      code: 'certificate.recorded',
      params: { detail: 'certified at level five-star until 2029-12-01' },
    });
  });

  it('answers a validity check by the calendar rule, with codes', () => {
    const entry = {
      validFrom: '2026-11-30T16:30:00.000Z',
      validUntil: '2029-11-30T16:00:00.000Z',
      history: [{ eventId: 'e', status: 'valid', change: 'issued', reason: 'x', code: 'certificate.issued', params: { level: 'five-star', validUntil: '2029-11-30' }, at: '2026-11-30T16:30:00.000Z' }],
    } as unknown as RegistryEntry;
    expect(validAt(entry, new Date('2026-11-30T16:00:00.000Z'))).toMatchObject({ valid: false, status: 'not-yet-issued', code: 'validity.not-yet-issued', params: { validFrom: '2026-12-01' } });
    expect(validAt(entry, new Date('2029-11-30T15:59:59.999Z'))).toMatchObject({ valid: true, code: 'validity.valid', params: { validUntil: '2029-11-30' } });
    expect(validAt(entry, new Date('2029-11-30T16:00:00.000Z'))).toMatchObject({ valid: false, status: 'expired', code: 'validity.ended', params: { validUntil: '2029-11-30' } });
  });
});
