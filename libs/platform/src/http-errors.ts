import { z } from 'zod';
import { ContractViolation, describeZodError } from '@gbt/contracts';

/** A command refused by a domain rule; `code` lets a UI show the message in the user's language. */
export class DomainRefusal extends Error {
  override readonly name = 'DomainRefusal';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** What a UI needs to say it in the user's language, besides the code. */
    readonly params?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** A state change without If-Match: HTTP 428, so no client can overwrite what it has not seen. */
export class PreconditionRequired extends Error {
  override readonly name = 'PreconditionRequired';
  constructor(readonly currentVersion: number) {
    super(`this change needs If-Match with the version you based it on (the current ETag is "${currentVersion}")`);
  }
}

/** Parses a request body or query with a zod schema; what is wrong becomes a 400 naming each field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what = 'request body'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContractViolation(`invalid ${what}`, describeZodError(result.error));
  return result.data;
}

/** A zod schema as the OpenAPI body schema of an endpoint, so the docs show exactly what is validated. */
export const openApiSchema = (schema: z.ZodType): object => z.toJSONSchema(schema, { io: 'input' }) as object;

/** Reads `If-Match: "7"` (or W/"7", or 7) as a version number. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new ContractViolation('invalid If-Match header', [`expected an ETag such as "3", got ${header}`]);
  return Number(match[1]);
}
