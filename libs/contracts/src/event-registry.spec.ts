import { z } from 'zod';
import { ContractViolation, defineEvent, EventRegistry, parseEnvelope } from './index';

const renamed = defineEvent({
  type: 'test.organisation-registered',
  schemaVersion: 3,
  schema: z.object({ legalName: z.string(), creditCode: z.string() }),
  upcasters: {
    1: (d) => ({ ...d, creditCode: 'unknown' }),
    2: ({ name, ...rest }) => ({ ...rest, legalName: name }),
  },
});

describe('EventRegistry', () => {
  const registry = new EventRegistry([renamed]);

  it('upcasts a version 1 event through every step to the current version', () => {
    expect(registry.upcast('test.organisation-registered', 1, { name: 'Acme' })).toEqual({
      type: 'test.organisation-registered',
      schemaVersion: 3,
      data: { legalName: 'Acme', creditCode: 'unknown' },
    });
  });

  it('refuses to write an old version or invalid data, saying what is wrong', () => {
    expect(() => registry.validateNew('test.organisation-registered', 2, { name: 'x' })).toThrow(/schema version 3/);
    expect(() => registry.validateNew('test.organisation-registered', 3, { legalName: 1 })).toThrow(
      /legalName: .*expected string/i,
    );
    expect(() => registry.upcast('test.unknown', 1, {})).toThrow(ContractViolation);
    expect(() => registry.upcast('test.organisation-registered', 4, {})).toThrow(/unknown schema version 4/);
  });

  it('rejects a definition with a gap in its upcasters', () => {
    expect(() => new EventRegistry([{ ...renamed, upcasters: { 1: (d) => d } }])).toThrow(/upcaster from version 2/);
  });
});

describe('EventRegistry: a definition with former names (ADR 0025)', () => {
  const request = defineEvent({
    type: 'test.grant-thing',
    formerly: ['test.thing-granted'],
    schemaVersion: 2,
    schema: z.object({ thingId: z.string(), level: z.string() }),
    upcasters: { 1: (d) => ({ ...d, level: 'basic' }) },
  });
  const registry = new EventRegistry([request]);

  it('reads an event stored under a former name as the current type, upcasting its old versions too', () => {
    expect(registry.has('test.thing-granted')).toBe(true);
    expect(registry.currentName('test.thing-granted')).toBe('test.grant-thing');
    expect(registry.upcast('test.thing-granted', 1, { thingId: 't1' })).toEqual({ type: 'test.grant-thing', schemaVersion: 2, data: { thingId: 't1', level: 'basic' } });
    expect(registry.upcast('test.grant-thing', 2, { thingId: 't1', level: 'gold' })).toEqual({ type: 'test.grant-thing', schemaVersion: 2, data: { thingId: 't1', level: 'gold' } });
  });

  it('refuses to write under a former name, naming the current one', () => {
    expect(() => registry.validateNew('test.thing-granted', 2, { thingId: 't1', level: 'gold' })).toThrow(/test.thing-granted was renamed to test.grant-thing/);
    expect(() => registry.currentVersion('test.thing-granted')).toThrow(ContractViolation);
    expect(registry.validateNew('test.grant-thing', 2, { thingId: 't1', level: 'gold' })).toEqual({ thingId: 't1', level: 'gold' });
  });

  it('refuses a former name that is another definition\'s name or former name', () => {
    const other = defineEvent({ type: 'test.thing-granted', schemaVersion: 1, schema: z.object({}) });
    expect(() => new EventRegistry([request, other])).toThrow(/test.thing-granted registered twice/);
    expect(() => new EventRegistry([other, request])).toThrow(/test.thing-granted registered twice/);
    expect(() => new EventRegistry([request, { ...other, type: 'test.grant-other', formerly: ['test.thing-granted'] }])).toThrow(/registered twice/);
    expect(() => new EventRegistry([{ ...request, formerly: ['test.grant-thing'] }])).toThrow(/twice/);
  });
});

describe('parseEnvelope', () => {
  const valid = {
    eventId: '6f1c1b1e-9a3e-4c4a-9d0e-6a4b8f2d1c11',
    type: 'test.thing-happened',
    schemaVersion: 1,
    streamId: 'case-1',
    streamVersion: 1,
    occurredAt: '2027-01-01T08:00:00.000Z',
    actor: { id: 'u1' },
    correlationId: 'c1',
    causationId: null,
    data: {},
  };

  it('accepts a well-formed envelope', () => {
    expect(parseEnvelope(valid)).toEqual(valid);
  });

  it('names every field that is wrong', () => {
    try {
      parseEnvelope({ ...valid, eventId: 'nope', streamVersion: 0 });
      throw new Error('expected a ContractViolation');
    } catch (e) {
      expect(e).toBeInstanceOf(ContractViolation);
      expect((e as ContractViolation).details.join()).toMatch(/eventId/);
      expect((e as ContractViolation).details.join()).toMatch(/streamVersion/);
    }
  });
});
