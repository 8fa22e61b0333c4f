import { certificateEvents, certificateRecordEvents, EventRegistry, REQUESTED_COMMANDS } from '@gbt/contracts';
import { certificatesDecider, REQUEST_TYPES, type CertificatesEvent } from './certificates.decider';

// The registry this service stores its stream with and publishes to `certificates.certificate.v1` with.
const registry = new EventRegistry([...certificateEvents, ...certificateRecordEvents]);
const caseId = 'case-2b1c4a7e-0d3f-4e5a-9b8c-1f2e3d4c5b6a';
const requestId = '6f1c1b1e-9a3e-4c4a-9d0e-6a4b8f2d1c11';

/** What the event store's read gives a fold: the event under its current name (as `unpack` does). */
const read = (storedType: string, data: Record<string, unknown>) => {
  const { type, data: current } = registry.upcast(storedType, 1, data);
  const event = certificateEvents.find((d) => d.type === type) ?? certificateRecordEvents.find((d) => d.type === type);
  if (!event) throw new Error(`no definition for ${type}`);
  // Parsing with the definition's own schema types it as the stream's union, as the store's validation does.
  return { type, data: event.schema.parse(current) } as CertificatesEvent;
};

describe('requests to the lifecycle are named as commands (ADR 0025)', () => {
  it('names each request certificates.<the lifecycle command it asks for>', () => {
    for (const type of REQUEST_TYPES) expect(`certificates.${REQUESTED_COMMANDS[type]}`).toBe(type);
  });

  it('reads every request stored under its former fact-like name as the command-named type, and writes none under it', () => {
    const formerly = certificateEvents.flatMap((d) => (d.formerly ?? []).map((former) => [former, d.type] as const));
    // Requests added after the rename (appeals, ADR 0033 and 0038) were named as commands from the start.
    const bornAsCommands: readonly string[] = [
      'certificates.reopen-decision',
      'certificates.reopen-application',
      'certificates.reopen-level-decision',
      'certificates.redecide-level',
      'certificates.set-aside-withdrawal',
    ];
    expect(formerly.map(([, current]) => current)).toEqual(REQUEST_TYPES.filter((t) => !bornAsCommands.includes(t)));
    for (const [former, current] of formerly) {
      expect(registry.currentName(former)).toBe(current);
      expect(() => registry.validateNew(former, 1, {})).toThrow(`event type ${former} was renamed to ${current}`);
    }
  });

  it('folds a grant stored as certificates.certification-granted as a grant request: its rejection voids the number', () => {
    const decisionId = 'decision-1';
    const certificateNumber = 'GBT27922-2027-000001';
    const hash = 'a'.repeat(64);
    const stored = [
      read('certificates.decision-recorded', {
        caseId, decisionId, cycle: 1, outcome: 'grant', level: 'five-star', reasons: 'meets the standard', scorecardId: 'sc-1',
        scorecardHash: hash, reviewReportHash: null, certificateNumber, decidedBy: 'dan.decider', requestId,
      }),
      read('certificates.certification-granted', { caseId, requestId, certificateNumber, level: 'five-star', scorecardId: 'sc-1' }),
    ];
    const state = stored.reduce(certificatesDecider.evolve, certificatesDecider.initialState);
    expect(state.requests[requestId]).toMatchObject({ requested: 'certificates.grant-certification', status: 'requested' });

    const answered = certificatesDecider.decide({ type: 'record-answer', caseId, requestId, outcome: 'rejected', code: 'ConflictOfInterest', reason: 'declared conflict' }, state);
    expect(answered).toEqual([
      { type: 'certificates.request-answered', data: { caseId, requestId, requested: 'certificates.grant-certification', outcome: 'rejected', code: 'ConflictOfInterest', reason: 'declared conflict' } },
      { type: 'certificates.certificate-number-voided', data: { caseId, number: certificateNumber, decisionId, reason: 'ConflictOfInterest: declared conflict' } },
    ]);
  });
});
