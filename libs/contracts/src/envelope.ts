import { z } from 'zod';

export const actorSchema = z.object({
  id: z.string().min(1, 'actor.id is required'),
  role: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** Who caused a message and why: carried from the HTTP request through every event it causes. */
export const eventMetadataSchema = z.object({
  actor: actorSchema,
  correlationId: z.string().min(1).max(128),
  causationId: z.string().min(1).max(128).nullable(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export const envelopeSchema = eventMetadataSchema.extend({
  eventId: z.string().uuid(),
  type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'type must look like "domain.event-name"'),
  schemaVersion: z.number().int().min(1),
  streamId: z.string().min(1).max(200),
  streamVersion: z.number().int().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

/** The envelope every event travels in, in the event store and on Kafka. */
export type EventEnvelope<Data = Record<string, unknown>> = Omit<z.infer<typeof envelopeSchema>, 'data'> & {
  data: Data;
};

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    readonly reason: string,
    readonly details: string[] = [],
  ) {
    super(details.length ? `${reason}: ${details.join('; ')}` : reason);
  }
}

export const describeZodError = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

export function parseEnvelope(raw: unknown): EventEnvelope {
  const result = envelopeSchema.safeParse(raw);
  if (!result.success) throw new ContractViolation('invalid envelope', describeZodError(result.error));
  return result.data;
}
