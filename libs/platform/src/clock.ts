import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@gbt/contracts';
import { currentCorrelation } from '@gbt/messaging';

/** Where services read the time, so tests can move it; the domain itself never reads a clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/** Event metadata for work done now on behalf of `actor`, within the running request or message. */
export function metadataFor(actor: { id: string; role?: string }, at: Date): EventMetadata & { occurredAt: Date } {
  const context = currentCorrelation();
  return {
    actor,
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId ?? null,
    occurredAt: at,
  };
}
