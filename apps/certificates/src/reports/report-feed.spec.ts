import type { CaseStatusSnapshot, EventEnvelope } from '@gbt/contracts';
import { snapshotRecords } from './report-feed';

const certificate = { number: 'CN-1', level: 'five-star', validFrom: '2027-03-01T02:00:00.000Z', validUntil: '2030-02-28T16:00:00.000Z', cycle: 1, nextSurveillanceBy: '2028-03-01T02:00:00.000Z' };
const event = { eventId: 'e-1', occurredAt: '2027-07-01T02:00:00.000Z' } as EventEnvelope;
const snapshotWith = (data: Record<string, unknown>) =>
  ({ caseId: 'case-1', certificate, scope: { productCategories: [], serviceCategories: [] }, changes: [{ type: 'certification.withdrawal-set-aside', data }] }) as unknown as CaseStatusSnapshot;
const reasonIn = (data: Record<string, unknown>) => snapshotRecords(event, snapshotWith(data), null, null)[0]?.fields;

describe("the regulator's report on a withdrawal set aside on appeal (ADR 0038)", () => {
  const base = { appealId: 'appeal-1', setAsideBy: 'dora.decider', nextSurveillanceBy: certificate.nextSurveillanceBy };

  it('states it as reinstated with a reason, not a null one', () => {
    expect(reasonIn({ ...base, status: 'certified' })).toMatchObject({ change: 'reinstated', reason: expect.stringContaining('withdrawal set aside on appeal') });
  });

  it('states a resumed suspension as suspended, with the suspension reason nested in the fact', () => {
    const fields = reasonIn({ ...base, status: 'suspended', suspension: { reason: '投诉处理超时', until: '2027-09-01T02:00:00.000Z' } });
    expect(fields).toMatchObject({ change: 'suspended', reason: expect.stringContaining('投诉处理超时') });
  });
});
