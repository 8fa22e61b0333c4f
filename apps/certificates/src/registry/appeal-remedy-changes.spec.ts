import type { CaseFact } from '@gbt/contracts';
import type { CaseView } from '../lifecycle/case-mirror';
import { DEFAULT_TIMER_POLICY, timersFor } from '../timers/timer-plan';
import { registryChange } from './registry-entry';

const change = (type: string, data: Record<string, unknown>) => registryChange({ type, data } as CaseFact, null);
const certificate = { number: 'GBT27922-2027-000001-32', level: 'five-star', validFrom: '2027-03-01T02:00:00.000Z', validUntil: '2030-02-28T16:00:00.000Z', cycle: 1, nextSurveillanceBy: '2028-03-01T02:00:00.000Z' } as const;
const view = (status: CaseView['status'], suspendedUntil: string | null = null) => ({ caseId: 'case-1', status, certificate, suspendedUntil }) as unknown as CaseView;

describe('what the remedies of an upheld appeal do to the registry and the timers (ADR 0038)', () => {
  it('records a level re-decided as an informing change with both levels, and a withdrawal set aside as a status change', () => {
    expect(change('certification.level-redecided', { level: 'five-star', previousLevel: 'compliant', decidedBy: 'd', scorecardId: 's', appealId: 'a' })).toEqual({
      change: 'level-redecided',
      reason: 'level re-decided on appeal: compliant to five-star; a new version was issued',
      code: 'certificate.level-redecided',
      params: { level: 'five-star', previousLevel: 'compliant' },
    });
    const base = { appealId: 'a', setAsideBy: 'certificates', nextSurveillanceBy: certificate.nextSurveillanceBy };
    expect(change('certification.withdrawal-set-aside', { ...base, status: 'certified' })).toMatchObject({ status: 'valid', code: 'certificate.withdrawal-set-aside', params: {}, suspendedUntil: null });
    // 2028-06-01T17:00Z is already 2 June in Shanghai.
    const suspension = { reason: 'complaint upheld', until: '2028-06-01T17:00:00.000Z' };
    expect(change('certification.withdrawal-set-aside', { ...base, status: 'suspended', suspension })).toMatchObject({
      status: 'suspended',
      code: 'certificate.withdrawal-set-aside-suspended',
      params: { until: '2028-06-02' },
      suspendedUntil: suspension.until,
    });
  });

  it('plans the timers of the status a withdrawal set aside returns to, with the expiry again', () => {
    const certified = timersFor('certification.withdrawal-set-aside', view('certified'), DEFAULT_TIMER_POLICY).map((t) => t.kind);
    expect(certified).toEqual(expect.arrayContaining(['surveillance-due', 'surveillance-overdue', 'renewal-reminder', 'expiry']));
    expect(certified).not.toContain('suspension-deadline');
    const suspended = timersFor('certification.withdrawal-set-aside', view('suspended', '2028-06-01T17:00:00.000Z'), DEFAULT_TIMER_POLICY);
    expect(suspended.map((t) => t.kind)).toEqual(expect.arrayContaining(['suspension-deadline', 'expiry']));
    expect(suspended.map((t) => t.kind)).not.toContain('surveillance-overdue');
    expect(suspended.find((t) => t.kind === 'suspension-deadline')?.about).toBe('2028-06-01T17:00:00.000Z');
  });

  it('fires again, under new ids, the surveillance timers that fired for nothing while withdrawn, and sends no reminder late', () => {
    const granted = timersFor('certification.certification-granted', view('certified'), DEFAULT_TIMER_POLICY);
    // Set aside 30 days before the surveillance date: the due mark (60 days before) and the 30-day reminder fired while withdrawn.
    const again = timersFor('certification.withdrawal-set-aside', view('certified'), DEFAULT_TIMER_POLICY, { key: 'v9', at: '2028-02-01T02:00:00.000Z' });
    const grantedId = (kind: string, days?: number) => granted.find((t) => t.kind === kind && t.daysBefore === days)?.id;
    const due = again.find((t) => t.kind === 'surveillance-due');
    expect(due?.id).toBe(`${grantedId('surveillance-due')}.rearmed-v9`);
    expect(again.filter((t) => t.kind === 'surveillance-reminder').map((t) => t.daysBefore)).toEqual([7]);
    // Still waiting since the grant planned them: the same ids, so they fire once.
    expect(again.find((t) => t.kind === 'surveillance-reminder')?.id).toBe(grantedId('surveillance-reminder', 7));
    expect(again.find((t) => t.kind === 'surveillance-overdue')?.id).toBe(grantedId('surveillance-overdue'));
    expect(again.find((t) => t.kind === 'expiry')?.id).toBe(grantedId('expiry'));
  });
});
