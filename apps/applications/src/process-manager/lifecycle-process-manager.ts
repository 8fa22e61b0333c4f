import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { certificateEvents, certificateRecordEvents, EventRegistry, reviewEvents, scorecardEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { NonRetryableError } from '@gbt/messaging';
import { Consumers, DomainRefusal } from '@gbt/platform';
import { CasesService } from '../cases/cases.service';
import { caseIdOf, LIFECYCLE_COMMANDS } from './lifecycle-commands';
import { RequestReplies } from './request-replies';

// Refusals of review and scoring facts that can be an ordering effect between topics (the event that
// makes the command valid is still on its way) are retried; any other refusal of a fact is final and
// goes to the dead-letter topic. Requests (with a request id) are answered instead, refusals included.
const MAY_RESOLVE_ON_RETRY = new Set(['NotAllowedInState', 'WrongEvaluationPhase', 'UnknownNonconformity', 'OpenNonconformities']);

/**
 * Turns other services' review, scoring and certificate events into lifecycle commands, so the
 * lifecycle stream keeps one writer. Idempotent: the inbox skips seen events, and a command is
 * never applied twice for the same causing event.
 */
@Injectable()
export class LifecycleProcessManager implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(RequestReplies) private readonly replies: RequestReplies,
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
      await this.cases.executeAsSystem(event.actor, caseId, toCommand(event.data), new Date(event.occurredAt));
    } catch (err) {
      if (!(err instanceof DomainRefusal)) throw err;
      // A request was checked by its sender against the lifecycle as published, which is never ahead
      // of this service: a refusal here is final, and the sender is told why.
      if (requestId) return this.replies.answer(event, requestId, { outcome: 'rejected', code: err.code, reason: err.message });
      // Events about a case this service never had cannot become valid by waiting.
      const exists = (await this.cases.load(caseId)).state.status !== 'none';
      if (!exists) throw new NonRetryableError(`unknown case ${caseId}`);
      if (!MAY_RESOLVE_ON_RETRY.has(err.code)) throw new NonRetryableError(`${err.code}: ${err.message}`);
      throw err;
    }
    if (requestId) await this.replies.answer(event, requestId, { outcome: 'accepted' });
  }
}
