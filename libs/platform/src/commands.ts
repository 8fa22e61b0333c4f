import { randomUUID } from 'node:crypto';
import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import { Command, Query } from '@nestjs/cqrs';
import { Aggregate, MongoEventStore, type Actor, type AggregateType, type CommandContext, type CorrelationSource, type NewEvent, type Refusal } from '@gbt/event-store';
import { currentCorrelation } from '@gbt/messaging';
import type { Clock } from './clock';

export type { Actor, CommandContext } from '@gbt/event-store';

/**
 * The one command shape of every service: a class per use case (so the CommandBus routes it to
 * its handler) carrying the use case's data and the context every command has. `R` is what the
 * handler answers, typed through `commandBus.execute`.
 */
export abstract class DomainCommand<D, R> extends Command<R> {
  constructor(
    readonly data: D,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A read, routed by the QueryBus to its handler like a command is. */
export abstract class DomainQuery<D, R> extends Query<R> {
  constructor(readonly data: D) {
    super();
  }
}

/** The context of a command asked for now, on the service clock. */
export const contextNow = (actor: Actor, clock: Clock, expectedVersion?: number): CommandContext => ({ actor, at: clock.now(), expectedVersion });

/** The running request's or consumed event's ids; a request without one starts a correlation. */
export const currentIds: CorrelationSource = () => {
  const context = currentCorrelation();
  return { correlationId: context?.correlationId ?? randomUUID(), causationId: context?.causationId ?? null };
};

/** Provides an aggregate type's command runner on the service's event store. */
export function aggregateProvider<C, E extends NewEvent, S, F extends Refusal>(
  token: InjectionToken,
  type: AggregateType<C, E, S, F>,
): FactoryProvider<Aggregate<C, E, S, F>> {
  return { provide: token, inject: [MongoEventStore], useFactory: (store: MongoEventStore) => new Aggregate(store, type, currentIds) };
}
