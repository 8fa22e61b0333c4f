import { z } from 'zod';
import { ContractViolation, describeZodError } from '@gbt/contracts';

// Refusals are raised where commands run (the event store's aggregate helper); HTTP code imports them from here too.
export { DomainRefusal } from '@gbt/event-store';

/** A state change without If-Match: HTTP 428, so no client can overwrite what it has not seen. */
export class PreconditionRequired extends Error {
  override readonly name = 'PreconditionRequired';
  constructor(readonly currentVersion: number) {
    super(`this change needs If-Match with the version you based it on (the current ETag is "${currentVersion}")`);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Keys of a request that its schema did not keep, at any depth. Zod drops unknown keys by default,
 * and schemas shared with events stay tolerant (a newer producer may add a field), so a request is
 * held to its schema here: whatever the schema does not produce was not understood.
 */
export function unknownKeys(input: unknown, output: unknown, path: readonly string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((v, i) => (i < output.length ? unknownKeys(v, output[i], [...path, String(i)]) : []));
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.prototype.hasOwnProperty.call(output, key) ? unknownKeys(input[key], output[key], [...path, key]) : [`${path.join('.') || '(root)'}: unknown key "${key}"`],
  );
}

/** Parses a request body or query with a zod schema; what is wrong, an unknown key included, becomes a 400 naming each field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what = 'request body'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContractViolation(`invalid ${what}`, describeZodError(result.error));
  const unknown = unknownKeys(value, result.data);
  if (unknown.length) throw new ContractViolation(`invalid ${what}`, unknown);
  return result.data;
}

/** Every object of a JSON schema closed to other keys, as parseInput holds requests to it. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!isPlainObject(node)) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  if (isPlainObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** A zod schema as the OpenAPI body schema of an endpoint, so the docs show exactly what is validated. */
export const openApiSchema = (schema: z.ZodType): object => closed(z.toJSONSchema(schema, { io: 'input' })) as object;

/** Reads `If-Match: "7"` (or W/"7", or 7) as a version number. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new ContractViolation('invalid If-Match header', [`expected an ETag such as "3", got ${header}`]);
  return Number(match[1]);
}
