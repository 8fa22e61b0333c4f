import { z } from 'zod';
import { ContractViolation } from '@gbt/contracts';
import { openApiSchema, parseInput } from './http-errors';

const finding = z.object({ requirementId: z.string(), sample: z.object({ checked: z.number(), failed: z.number() }).optional() });
const body = z.object({ findings: z.array(finding).default([]), exclusions: z.array(z.string()).optional(), tags: z.record(z.string(), z.number()).optional() });

const problems = (value: unknown): string[] => {
  try {
    parseInput(body, value);
    return [];
  } catch (err) {
    return (err as ContractViolation).details;
  }
};

describe('parseInput holds a request to its schema, unknown keys included', () => {
  it('accepts what the schema knows, records their own keys', () => {
    expect(problems({ findings: [{ requirementId: '5.1.1.1', sample: { checked: 3, failed: 1 } }], exclusions: ['5.2.1.1'], tags: { any: 1 } })).toEqual([]);
  });

  it('names an unknown key at the top, in an array element and in a nested object', () => {
    expect(problems({ exclusion: ['5.2.1.1'] })).toEqual(['(root): unknown key "exclusion"']);
    expect(problems({ findings: [{ requirementId: '5.1.1.1', samples: { checked: 3, failed: 1 } }] })).toEqual(['findings.0: unknown key "samples"']);
    expect(problems({ findings: [{ requirementId: 'x', sample: { checked: 1, failed: 0, passed: 1 } }] })).toEqual(['findings.0.sample: unknown key "passed"']);
  });

  it('documents request objects as closed to other keys', () => {
    const schema = openApiSchema(body) as { additionalProperties?: unknown; properties: { findings: { items: { additionalProperties?: unknown } }; tags: { additionalProperties?: unknown } } };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.findings.items.additionalProperties).toBe(false);
    expect(schema.properties.tags.additionalProperties).toEqual({ type: 'number' });
  });
});
