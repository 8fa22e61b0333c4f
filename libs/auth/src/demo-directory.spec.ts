import { directoryEvents, EventRegistry, envelopeSchema } from '@gbt/contracts';
import { DEMO_EXPIRY_WARNING_DAYS, demoDirectoryEvents, demoQualifications, shanghaiDate } from './demo-directory';

describe('the demo directory', () => {
  const today = '2026-12-01';

  it('keeps every demo staff member qualified and one qualification expiring within 60 days', () => {
    const qualifications = demoQualifications(today);
    for (const id of ['rita.reviewer', 'roy.reviewer', 'lena.lead', 'dan.decider']) {
      expect(qualifications.some((q) => q.personId === id && q.validFrom <= today && today <= q.validUntil && q.productCategories.includes('家用电器 household appliances'))).toBe(true);
    }
    const expiring = qualifications.filter((q) => q.validUntil <= '2027-01-30');
    expect(expiring).toEqual([expect.objectContaining({ personId: 'roy.reviewer', validUntil: '2027-01-15' })]);
    expect(DEMO_EXPIRY_WARNING_DAYS).toBeLessThan(60);
  });

  it('gives envelopes that fit the directory contract, with the same event ids each time', () => {
    const registry = new EventRegistry(directoryEvents);
    const events = demoDirectoryEvents(today);
    for (const e of events) {
      expect(envelopeSchema.safeParse(e).success).toBe(true);
      expect(() => registry.validateNew(e.type, e.schemaVersion, e.data)).not.toThrow();
    }
    expect(demoDirectoryEvents(today).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(demoDirectoryEvents('2026-12-02')[0]?.eventId).not.toBe(events[0]?.eventId);
  });

  it('states dates in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(shanghaiDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });
});
