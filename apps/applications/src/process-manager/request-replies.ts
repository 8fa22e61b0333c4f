import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Decider } from '@gbt/decider';
import type { Aggregate, AggregateType, Refusal } from '@gbt/event-store';
import { DomainCommand } from '@gbt/platform';

export type Answer = { readonly outcome: 'accepted' } | { readonly outcome: 'rejected'; readonly code: string; readonly reason: string };

type Asked = { caseId: string; requestId: string; requested: string };
export type ReplyEvent =
  | { readonly type: 'certification.request-accepted'; readonly data: Asked }
  | { readonly type: 'certification.request-rejected'; readonly data: Asked & { code: string; reason: string } };
export type ReplyCommand = { readonly type: 'answer'; readonly request: Asked; readonly answer: Answer };
export type ReplyState = { readonly answered: boolean };

/** Exactly one answer per request: a second (a redelivered request, a crash between the command and its answer) changes nothing. */
export const replyDecider: Decider<ReplyCommand, ReplyEvent, ReplyState, Refusal> = {
  initialState: { answered: false },
  decide({ request, answer }, state) {
    if (state.answered) return [];
    return answer.outcome === 'accepted'
      ? [{ type: 'certification.request-accepted', data: request }]
      : [{ type: 'certification.request-rejected', data: { ...request, code: answer.code, reason: answer.reason } }];
  },
  evolve: () => ({ answered: true }),
};

/** The stream that holds the one answer to a request, published on certification.replies.v1: `reply-<requestId>`. */
export const replyAggregate: AggregateType<ReplyCommand, ReplyEvent, ReplyState, Refusal> = {
  decider: replyDecider,
  eventTypes: ['certification.request-accepted', 'certification.request-rejected'],
  streamId: (requestId) => `reply-${requestId}`,
};

export const REPLIES = Symbol('REPLIES');
export type Replies = Aggregate<ReplyCommand, ReplyEvent, ReplyState, Refusal>;

/** Answers another service's request (the request event is the causation: its redelivery answers nothing twice). */
export class AnswerRequest extends DomainCommand<{ caseId: string; requestId: string; requested: string; answer: Answer }, void> {}

@CommandHandler(AnswerRequest)
export class AnswerRequestHandler implements ICommandHandler<AnswerRequest> {
  constructor(@Inject(REPLIES) private readonly replies: Replies) {}

  async execute({ data, context }: AnswerRequest): Promise<void> {
    const { answer, ...request } = data;
    await this.replies.execute(data.requestId, { type: 'answer', request, answer }, context);
  }
}
