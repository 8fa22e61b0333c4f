import type { Actor } from '@gbt/platform';
import type { CertificatesEvent } from '../certificates/certificates.decider';
import type { CaseView } from '../lifecycle/case-mirror';
import { certificatesInMemory } from '../testing/certificates-in-memory';
import { reopenLevel, setAsideWithdrawal } from './appeal-remedies';
import type { AppealRecord } from './appeals.decider';

const context = { actor: { id: 'hana', role: 'decision-maker' } as Actor, at: new Date('2027-06-01T02:00:00.000Z') };
const certificate = { number: 'CN-1', level: 'compliant', cycle: 1, validFrom: '2027-03-01T02:00:00.000Z', validUntil: '2030-02-28T16:00:00.000Z' };
const view = (status: string, availableCommands: string[], extra: Partial<CaseView> = {}) => ({ caseId: 'case-1', status, certificate, availableCommands, ...extra }) as unknown as CaseView;
const appeal = (kind: 'level' | 'withdrawal') => ({ appealId: 'a1', against: { kind, certificateNumber: 'CN-1' } }) as unknown as AppealRecord;

const granted: CertificatesEvent[] = [
  {
    type: 'certificates.decision-recorded',
    data: { caseId: 'case-1', decisionId: 'd1', cycle: 1, outcome: 'grant', level: 'compliant', reasons: 'r', scorecardId: 'sc-1', scorecardHash: 'h1', reviewReportHash: null, certificateNumber: 'CN-1', decidedBy: 'dora', requestId: 'q1' },
  },
  { type: 'certificates.grant-certification', data: { caseId: 'case-1', requestId: 'q1', certificateNumber: 'CN-1', level: 'compliant', scorecardId: 'sc-1' } },
  { type: 'certificates.request-answered', data: { caseId: 'case-1', requestId: 'q1', requested: 'certificates.grant-certification', outcome: 'accepted', code: null, reason: null } },
] as CertificatesEvent[];

describe('upholding an appeal again after the remedy was sent but the answer not recorded (ADR 0038)', () => {
  it('answers a retried level appeal with the request the first attempt sent, and sends nothing more', async () => {
    const { certificates, written } = certificatesInMemory(granted);
    const certified = view('certified', ['reopen-level-decision']);
    const first = await reopenLevel(certificates, certified, appeal('level'), 'level too low', context);
    const reopened = view('certified', ['reopen-level-decision'], { levelReopened: { appealId: 'a1', setAsideBy: 'dora' } } as Partial<CaseView>);
    await expect(reopenLevel(certificates, reopened, appeal('level'), 'level too low', context)).resolves.toBe(first);
    expect(written.map((e) => e.type)).toEqual(['certificates.decision-set-aside', 'certificates.reopen-level-decision']);
  });

  it('answers a retried withdrawal appeal with its request once the case is certified again, but sends a new one after a rejection', async () => {
    const { certificates, written } = certificatesInMemory(granted);
    const first = await setAsideWithdrawal(certificates, view('withdrawn', ['set-aside-withdrawal']), appeal('withdrawal'), context);
    await expect(setAsideWithdrawal(certificates, view('certified', ['suspend-certificate']), appeal('withdrawal'), context)).resolves.toBe(first);
    expect(written.map((e) => e.type)).toEqual(['certificates.set-aside-withdrawal']);
    await certificates.execute('case-1', { type: 'record-answer', caseId: 'case-1', requestId: first, outcome: 'rejected', code: 'Conflict', reason: 'raced' }, context);
    const again = await setAsideWithdrawal(certificates, view('withdrawn', ['set-aside-withdrawal']), appeal('withdrawal'), context);
    expect(again).not.toBe(first);
  });
});
