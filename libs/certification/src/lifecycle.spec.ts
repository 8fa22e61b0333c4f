import { isDomainError } from './errors';
import { decide } from './decide';
import { APPLICANT, cmd, DECIDER, LEAD, REVIEWER, REVIEWER_2, Scenario, decisionPending, scoreCmd } from './testing/scenarios';

const at = (iso: string) => new Date(iso);

describe('a whole three-year cycle with two surveillances and a recertification, in milliseconds', () => {
  it('keeps the certificate valid without gaps and hands over to the next cycle', () => {
    const s: Scenario = decisionPending().give(cmd('grant-certification', { certificateNumber: 'CN-2027-0001', level: 'five-star', scorecardId: 'sc-1' }, DECIDER, at('2027-03-01T02:00:00Z')));
    expect(s.state).toMatchObject({ status: 'certified', certificate: { validUntil: '2030-02-28T16:00:00.000Z', nextSurveillanceBy: '2028-03-01T02:00:00.000Z', cycle: 1 } });

    s.give(cmd('mark-surveillance-due', {}, { id: 'timer' }, at('2028-01-01T00:00:00Z')));
    expect(s.state).toMatchObject({ status: 'certified', surveillanceDueBy: '2028-03-01T02:00:00.000Z' });
    s.give(cmd('record-surveillance', { passed: true }, REVIEWER_2, at('2028-02-20T00:00:00Z')));
    expect(s.state).toMatchObject({ status: 'certified', surveillanceDueBy: null, certificate: { nextSurveillanceBy: '2029-02-20T00:00:00.000Z' } });

    s.give(cmd('mark-surveillance-due', {}, { id: 'timer' }, at('2029-01-01T00:00:00Z')));
    s.give(cmd('record-surveillance', { passed: true }, REVIEWER_2, at('2029-02-15T00:00:00Z')));

    const early = decide(cmd('start-recertification', { catalogueVersion: 'v2' }, APPLICANT, at('2029-08-28T00:00:00Z')), s.state); // the window opens six months before the end, 2029-08-28T16:00Z
    expect(isDomainError(early) && early.error).toBe('OutsideRecertificationWindow');
    s.give(cmd('start-recertification', { catalogueVersion: 'gbt27922-2011.v2' }, APPLICANT, at('2029-10-01T00:00:00Z')));
    expect(s.state).toMatchObject({ status: 'recertifying', phase: 'document-review', evaluators: [], certificate: { number: 'CN-2027-0001' } });

    s.give(cmd('assign-evaluator', { personId: REVIEWER.id }, LEAD, at('2029-10-02T00:00:00Z')))
      .give(cmd('complete-document-review', {}, REVIEWER, at('2029-10-20T00:00:00Z')))
      .give(cmd('complete-on-site-evaluation', {}, REVIEWER, at('2029-11-05T00:00:00Z')))
      .give(scoreCmd(true, 'sc-2', at('2029-11-10T00:00:00Z')))
      .give(cmd('grant-certification', { certificateNumber: 'CN-2029-0042', level: 'five-star', scorecardId: 'sc-2' }, DECIDER, at('2029-12-01T00:00:00Z')));
    expect(s.state).toMatchObject({
      status: 'certified',
      catalogueVersion: 'gbt27922-2011.v2',
      certificate: { number: 'CN-2029-0042', cycle: 2, validFrom: '2029-12-01T00:00:00.000Z', validUntil: '2033-02-28T16:00:00.000Z' },
    });

    const tooEarly = decide(cmd('expire-certificate', {}, { id: 'timer' }, at('2033-02-28T15:00:00Z')), s.state);
    expect(isDomainError(tooEarly) && tooEarly.error).toBe('NotYetExpired');
    // Valid through 2033-02-28 in Shanghai: it ends at midnight there (ADR 26).
    s.give(cmd('expire-certificate', {}, { id: 'timer' }, at('2033-02-28T16:00:00Z')));
    expect(s.state.status).toBe('expired');
    expect(s.events.map((e) => e.type.replace('certification.', ''))).toEqual([
      'application-drafted',
      'evidence-attached',
      'application-submitted',
      'application-accepted',
      'evaluator-assigned',
      'document-review-completed',
      'on-site-evaluation-completed',
      'case-scored',
      'certification-granted',
      'surveillance-due',
      'surveillance-passed',
      'surveillance-due',
      'surveillance-passed',
      'recertification-started',
      'evaluator-assigned',
      'document-review-completed',
      'on-site-evaluation-completed',
      'case-scored',
      'certification-granted',
      'certificate-expired',
    ]);
  });
});
