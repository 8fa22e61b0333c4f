import { specFor } from '@gbt/decider';
import { complaintDecider, type About, type ComplaintCommand, type ComplaintEvent } from './complaint.decider';

const spec = specFor(complaintDecider);
const stateAfter = (events: readonly ComplaintEvent[]) => events.reduce(complaintDecider.evolve, complaintDecider.initialState);
const reference = 'TS-2026-000123';
const caseId = 'case-00000000-0000-4000-8000-000000000001';
const number = 'GBT27922-2026-000001-32';
const onCertificate: About = { kind: 'certificate' as const, certificateNumber: number, caseId };
const onBody: About = { kind: 'body' as const, certificateNumber: null, caseId: null };

const received = (about: About = onCertificate): ComplaintEvent => ({
  type: 'complaints.complaint-received',
  data: { reference, ...about, description: '维修拖了三个月 repair took three months', contactGiven: true, receivedAt: '2026-03-02T02:00:00.000Z', answerDueBy: '2026-03-30T02:00:00.000Z' },
});
const accepted = (about: About = onCertificate): ComplaintEvent => ({ type: 'complaints.complaint-triaged', data: { reference, ...about, decision: 'accepted', rejectionCode: null, note: null } });
const asked: ComplaintEvent = { type: 'complaints.information-requested', data: { reference, caseId, requestId: 'r1', question: 'Your repair records for March?', dueBy: '2026-03-16T02:00:00.000Z' } };
const ordered: ComplaintEvent = { type: 'complaints.surveillance-ordered', data: { reference, caseId, certificateNumber: number, note: 'on-site check of repair times' } };
const investigating = [received(), accepted()];
const types = (outcome: unknown) => (outcome as ComplaintEvent[]).map((e) => e.type);
const refusal = (given: ComplaintEvent[], command: ComplaintCommand) => (spec(given).when(command).outcome as { error: string }).error;

describe('a complaint', () => {
  it('is received once, with its reference and answer deadline', () => {
    const receive = { type: 'receive', ...received().data } as ComplaintCommand;
    expect(spec([]).when(receive).outcome).toEqual([received()]);
    expect(refusal([received()], receive)).toBe('ComplaintExists');
  });

  it('is triaged once: accepted about a certificate (linked to it) or the body, or rejected with a code that closes it', () => {
    expect(types(spec([received()]).when({ type: 'triage', about: onCertificate, decision: 'accepted', rejectionCode: null, note: null }).outcome)).toEqual(['complaints.complaint-triaged']);
    expect(refusal(investigating, { type: 'triage', about: onBody, decision: 'accepted', rejectionCode: null, note: null })).toBe('AlreadyTriaged');
    expect(refusal([received()], { type: 'triage', about: onCertificate, decision: 'rejected', rejectionCode: null, note: null })).toBe('RejectionNeedsCode');
    expect(refusal([received()], { type: 'triage', about: { ...onCertificate, caseId: null }, decision: 'accepted', rejectionCode: null, note: null })).toBe('NotAboutCertificate');
    const rejected = spec([received()]).when({ type: 'triage', about: onCertificate, decision: 'rejected', rejectionCode: 'out-of-scope', note: null }).outcome as ComplaintEvent[];
    const after = stateAfter([received(), ...rejected]);
    expect(spec([received(), ...rejected]).when({ type: 'order-surveillance', note: 'x' }).outcome).toMatchObject({ error: 'ComplaintClosed' });
    expect(after).toMatchObject({ status: 'closed', rejectionCode: 'out-of-scope' });
  });

  it('is investigated only once triaged, and only about a certificate does it reach the holder or a surveillance', () => {
    expect(refusal([received()], { type: 'request-information', requestId: 'r1', question: 'q', dueBy: '2026-03-16T02:00:00.000Z' })).toBe('NotTriaged');
    expect(refusal([received(onBody), accepted(onBody)], { type: 'request-information', requestId: 'r1', question: 'q', dueBy: '2026-03-16T02:00:00.000Z' })).toBe('NotAboutCertificate');
    expect(refusal([received(onBody), accepted(onBody)], { type: 'order-surveillance', note: 'x' })).toBe('NotAboutCertificate');
    expect(refusal([received(onBody), accepted(onBody)], { type: 'close', outcome: 'founded-suspension', reasons: 'r', suspensionRequestId: null })).toBe('NotAboutCertificate');
    expect(types(spec(investigating).when({ type: 'request-information', requestId: 'r1', question: 'q', dueBy: '2026-03-16T02:00:00.000Z' }).outcome)).toEqual(['complaints.information-requested']);
  });

  it('takes the holder\'s answer once, on the case it is about', () => {
    const answer = { type: 'provide-information' as const, caseId, requestId: 'r1', answer: 'records attached' };
    expect(types(spec([...investigating, asked]).when(answer).outcome)).toEqual(['complaints.information-provided']);
    expect(refusal([...investigating, asked], { ...answer, caseId: 'case-00000000-0000-4000-8000-000000000009' })).toBe('NotThisCase');
    expect(refusal([...investigating, asked], { ...answer, requestId: 'r2' })).toBe('NoSuchInformationRequest');
    const answered: ComplaintEvent = { type: 'complaints.information-provided', data: { reference, caseId, requestId: 'r1', answer: 'records attached' } };
    expect(refusal([...investigating, asked, answered], answer)).toBe('InformationAlreadyProvided');
  });

  it('records an extraordinary surveillance only when ordered, and closes only once it is recorded', () => {
    const record = { type: 'record-surveillance' as const, passed: false, reason: 'repairs late', lifecycleRequestId: '00000000-0000-4000-8000-000000000001' };
    expect(refusal(investigating, record)).toBe('SurveillanceNotOrdered');
    expect(refusal([...investigating, ordered], { type: 'order-surveillance', note: 'again' })).toBe('SurveillanceAlreadyOrdered');
    expect(refusal([...investigating, ordered], { type: 'close', outcome: 'founded-suspension', reasons: 'r', suspensionRequestId: null })).toBe('SurveillanceOutstanding');
    const recorded = spec([...investigating, ordered]).when(record).outcome as ComplaintEvent[];
    expect(stateAfter([...investigating, ordered, ...recorded])).toMatchObject({ surveillance: 'failed' });
    const closed = spec([...investigating, ordered, ...recorded]).when({ type: 'close', outcome: 'founded-suspension', reasons: 'repairs late', suspensionRequestId: null }).outcome as ComplaintEvent[];
    expect(stateAfter([...investigating, ordered, ...recorded, ...closed])).toMatchObject({ status: 'closed', outcome: 'founded-suspension' });
    expect(refusal([...investigating, ordered, ...recorded, ...closed], { type: 'close', outcome: 'unfounded', reasons: 'r', suspensionRequestId: null })).toBe('ComplaintClosed');
  });

  it('reminds and escalates once each, not a reminder after the escalation, and neither after it is closed', () => {
    const remind = { type: 'remind' as const, answerDueBy: '2026-03-30T02:00:00.000Z', escalated: false };
    const reminded = spec(investigating).when(remind).outcome as ComplaintEvent[];
    expect(types(reminded)).toEqual(['complaints.answer-reminder']);
    expect(spec([...investigating, ...reminded]).when(remind).outcome).toEqual([]);
    expect(types(spec([...investigating, ...reminded]).when({ ...remind, escalated: true }).outcome)).toEqual(['complaints.answer-reminder']);
    const escalated = spec(investigating).when({ ...remind, escalated: true }).outcome as ComplaintEvent[];
    expect(spec([...investigating, ...escalated]).when(remind).outcome).toEqual([]);
    const closed: ComplaintEvent = { type: 'complaints.complaint-closed', data: { reference, outcome: 'unfounded', reasons: 'r', suspensionRequestId: null } };
    expect(spec([...investigating, closed]).when({ ...remind, escalated: true }).outcome).toEqual([]);
  });

  it('is not found before it is received', () => {
    expect(refusal([], { type: 'close', outcome: 'unfounded', reasons: 'r', suspensionRequestId: null })).toBe('ComplaintNotFound');
    expect(spec([]).when({ type: 'remind', answerDueBy: '2026-03-30T02:00:00.000Z', escalated: false }).outcome).toEqual([]);
  });
});
