import { certificateStanding, parseStanding, STANDING_REASONS, type StandingRecord } from './certificate-standing';

const issued = { status: 'valid', change: 'issued', reason: 'certified at level four-star until 2030-03-01', at: '2027-03-01T02:00:00.000Z' };
const record = (over: Partial<StandingRecord> & { history?: StandingRecord['history'] }): StandingRecord => ({
  status: 'valid',
  validFrom: '2027-03-01T02:00:00.000Z',
  validUntil: '2030-03-01T02:00:00.000Z',
  suspendedUntil: null,
  supersededBy: null,
  history: [issued],
  ...over,
});
const NOW = new Date('2029-06-01T00:00:00.000Z');

describe('certificateStanding: what the registry entry means for someone relying on the certificate now', () => {
  it('is valid from issue or reinstatement until the validity ends, even before the expiry is recorded', () => {
    expect(certificateStanding(record({}), NOW)).toEqual({ status: 'valid', reason: 'issued', params: { since: issued.at, validUntil: '2030-02-28' }, at: NOW.toISOString() });
    const reinstated = record({
      history: [
        issued,
        { status: 'valid', change: 'surveillance-failed', reason: 'late', at: '2029-01-20T02:00:00.000Z' },
        { status: 'suspended', change: 'suspended', reason: 'late (deadline 2029-04-20)', at: '2029-01-20T02:00:00.000Z' },
        { status: 'valid', change: 'reinstated', reason: 'the fix was verified', at: '2029-02-15T02:00:00.000Z' },
        { status: 'valid', change: 'surveillance-passed', reason: 'passed', at: '2029-03-01T02:00:00.000Z' },
      ],
    });
    expect(certificateStanding(reinstated, NOW)).toMatchObject({ status: 'valid', reason: 'reinstated', params: { since: '2029-02-15T02:00:00.000Z' } });
    // A withdrawal set aside on appeal makes it valid again, not issued anew on that day (ADR 0038).
    const setAside = record({
      history: [
        issued,
        { status: 'withdrawn', change: 'withdrawn', reason: 'breach', at: '2029-01-20T02:00:00.000Z' },
        { status: 'valid', change: 'withdrawal-set-aside', reason: 'withdrawal set aside on appeal: valid again', at: '2029-03-01T02:00:00.000Z' },
        { status: 'valid', change: 'level-redecided', reason: 'level re-decided on appeal', at: '2029-04-01T02:00:00.000Z' },
      ],
    });
    expect(certificateStanding(setAside, NOW)).toMatchObject({ status: 'valid', reason: 'reinstated', params: { since: '2029-03-01T02:00:00.000Z', validUntil: '2030-02-28' } });
    // Valid through the end of its last day in Shanghai (2030-02-28 24:00 there = 16:00 UTC), not a moment longer.
    expect(certificateStanding(record({}), new Date('2030-02-28T15:59:59.999Z'))).toMatchObject({ status: 'valid' });
    expect(certificateStanding(record({}), new Date('2030-02-28T16:00:00.000Z'))).toMatchObject({ status: 'expired', reason: 'validity-ended', params: { since: '2030-02-28T16:00:00.000Z', validUntil: '2030-02-28' } });
  });

  it('gives every other status its reason code, with the issuing body\'s own words as a parameter', () => {
    const after = (status: string, change: string, reason: string, over: Partial<StandingRecord> = {}) =>
      certificateStanding(record({ status, history: [issued, { status, change, reason, at: '2029-05-01T02:00:00.000Z' }], ...over }), NOW);
    expect(after('suspended', 'suspended', '投诉处理超时 (deadline 2029-08-01)', { suspendedUntil: '2029-08-01T02:00:00.000Z' })).toMatchObject({
      status: 'suspended', reason: 'suspended', params: { since: '2029-05-01T02:00:00.000Z', until: '2029-08-01T02:00:00.000Z', detail: '投诉处理超时' },
    });
    expect(after('withdrawn', 'withdrawn', '虚假宣传')).toMatchObject({ status: 'withdrawn', reason: 'withdrawn', params: { since: '2029-05-01T02:00:00.000Z', detail: '虚假宣传' } });
    expect(after('cancelled', 'cancelled', '停业')).toMatchObject({ status: 'cancelled', reason: 'cancelled', params: { detail: '停业' } });
    expect(after('superseded', 'superseded', 'replaced', { supersededBy: 'GBT27922-2029-000003-10' })).toMatchObject({ status: 'superseded', reason: 'superseded', params: { since: '2029-05-01T02:00:00.000Z', by: 'GBT27922-2029-000003-10' } });
    expect(after('expired', 'expired', 'validity ended on 2029-05-01', { validUntil: '2029-05-01T02:00:00.000Z' })).toMatchObject({ status: 'expired', reason: 'validity-ended', params: { since: '2029-04-30T16:00:00.000Z', validUntil: '2029-04-30' } });
    // A withdrawn certificate stays withdrawn after its validity would have ended.
    expect(after('withdrawn', 'withdrawn', 'x', { validUntil: '2029-05-02T00:00:00.000Z' })).toMatchObject({ status: 'withdrawn' });
    expect(() => certificateStanding(record({ status: 'revoked' }), NOW)).toThrow(/unknown certificate status revoked/);
  });

  it('parses a standing only with the parameters its reason names', () => {
    const standing = certificateStanding(record({}), NOW);
    expect(parseStanding(JSON.parse(JSON.stringify(standing)))).toEqual(standing);
    for (const reason of Object.keys(STANDING_REASONS)) expect(STANDING_REASONS[reason as keyof typeof STANDING_REASONS].params.length).toBeGreaterThan(0);
    expect(parseStanding({ ...standing, status: 'withdrawn' })).toBeNull();
    expect(parseStanding({ ...standing, reason: 'because' })).toBeNull();
    expect(parseStanding({ ...standing, params: { since: standing.params.since } })).toBeNull();
    expect(parseStanding({ ...standing, params: { ...standing.params, validUntil: 2030 } })).toBeNull();
    expect(parseStanding({ ...standing, reason: 'toString' })).toBeNull();
    expect(parseStanding(null)).toBeNull();
  });
});
