import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { certificateEvents, certificateRecordEvents, EventRegistry, reviewEvents, scorecardEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { NonRetryableError } from '@gbt/messaging';
import { CLOCK, Consumers, DomainRefusal, type Clock } from '@gbt/platform';
import { RunLifecycleCommand } from '../cases/case-commands';
import { CaseStream } from '../cases/case-queries';
import { caseIdOf, LIFECYCLE_COMMANDS } from './lifecycle-commands';
import { AnswerRequest, type Answer } from './request-replies';

// Refusals of review and scoring facts that can be an ordering effect between topics (the event that
// makes the command valid is still on its way) are retried; any other refusal of a fact is final and
// goes to the dead-letter topic. Requests (with a request id) are answered instead, refusals included.
const MAY_RESOLVE_ON_RETRY = new Set(['NotAllowedInState', 'WrongEvaluationPhase', 'UnknownNonconformity', 'OpenNonconformities']);

const SYSTEM = { id: 'applications', role: 'system' };

/**
 * Turns other services' review, scoring and certificate events into lifecycle commands, so the
 * lifecycle stream keeps one writer. Each command carries the event's actor and time; the event is
 * its causation, so a redelivered event is never applied twice (and the inbox skips seen ones).
 */
@Injectable()
export class LifecycleProcessManager implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('lifecycle', {
      topics: [Topics.review, Topics.scorecard, Topics.certificate],
      registry: new EventRegistry([...reviewEvents, ...scorecardEvents, ...certificateEvents, ...certificateRecordEvents]),
      unknownTypes: 'ignore',
      partitionsConsumedConcurrently: 4,
      // About a minute of patience for the other topic to catch up before a message is parked.
      retry: { attempts: 15, initialDelayMs: 200, maxDelayMs: 5_000 },
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const toCommand = LIFECYCLE_COMMANDS[event.type];
    if (!toCommand) return;
    const caseId = caseIdOf(event);
    const requestId = typeof event.data.requestId === 'string' ? event.data.requestId : undefined;
    try {
      await this.commands.execute(new RunLifecycleCommand({ caseId, command: toCommand(event.data) }, { actor: event.actor, at: new Date(event.occurredAt) }));
    } catch (err) {
      if (!(err instanceof DomainRefusal)) throw err;
      // A request was checked by its sender against the lifecycle as published, which is never ahead
      // of this service: a refusal here is final, and the sender is told why.
      if (requestId) return this.answer(event, caseId, requestId, { outcome: 'rejected', code: err.code, reason: err.message });
      // Events about a case this service never had cannot become valid by waiting.
      const exists = (await this.queries.execute(new CaseStream({ caseId }))).state.status !== 'none';
      if (!exists) throw new NonRetryableError(`unknown case ${caseId}`);
      if (!MAY_RESOLVE_ON_RETRY.has(err.code)) throw new NonRetryableError(`${err.code}: ${err.message}`);
      throw err;
    }
    if (requestId) await this.answer(event, caseId, requestId, { outcome: 'accepted' });
  }

  private answer(request: EventEnvelope, caseId: string, requestId: string, answer: Answer): Promise<void> {
    return this.commands.execute(new AnswerRequest({ caseId, requestId, requested: request.type, answer }, { actor: SYSTEM, at: this.clock.now() }));
  }
}
