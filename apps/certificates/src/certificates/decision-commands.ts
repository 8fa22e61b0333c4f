import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { levelRank, type Level } from '@gbt/catalogue';
import { shanghaiDate } from '@gbt/certificate-core';
import { StaffCompetence } from '@gbt/competence';
import type { DecisionTaken, LifecycleRequestStatus, NotAllowed } from '@gbt/contracts/views';
import { CLOCK, DomainCommand, DomainRefusal, type Clock, type CommandContext } from '@gbt/platform';
import { EvaluationRecords } from '../evaluation/evaluation-records';
import { CaseMirror, type CaseView } from '../lifecycle/case-mirror';
import { CERTIFICATES, type Certificates } from './certificates.aggregate';
import type { Answer, CertificatesState, RequestRecord } from './certificates.decider';
import { NumberAllocator } from './number-allocator';

/** Whether an upheld appeal has the level of the certificate decided again (ADR 0038): the certificate stays as it is meanwhile. */
export const levelReopened = (s: CaseView) => Boolean(s.levelReopened && s.certificate && (s.status === 'certified' || s.status === 'suspended'));
/** The cycle a pending decision is about: the first evaluation, the recertification after certificate n, or certificate n's level decided again. */
export const cycleOf = (s: CaseView) => (s.status === 'recertifying' && s.certificate ? s.certificate.cycle + 1 : levelReopened(s) && s.certificate ? s.certificate.cycle : 1);
export const awaitingDecision = (s: CaseView) => s.phase === 'decision-pending' || levelReopened(s);
export const requestView = (caseId: string, requestId: string, request: RequestRecord): LifecycleRequestStatus => ({
  requestId,
  statusUrl: `/cases/${caseId}/requests/${requestId}`,
  ...request,
});
/** What a request just sent looks like, without reading back the stream that recorded it. */
export const justRequested = (caseId: string, requestId: string, requested: string) =>
  requestView(caseId, requestId, { requested, status: 'requested', code: null, reason: null, voidedNumber: null });

/**
 * Why a person may not decide the case at that instant, or null. Not an evaluator and no declared
 * conflict: fast feedback from the lifecycle as published (the lifecycle itself enforces both on
 * the request and answers `rejected`). Qualified and not related: the directory's rules (ADR 0032),
 * on that day in Shanghai.
 */
export async function whyNotDecider(state: CaseView, personId: string, staff: StaffCompetence, at: Date, setAsideBy: readonly string[] = []): Promise<DomainRefusal | null> {
  if (setAsideBy.includes(personId)) return new DomainRefusal('OriginalDeciderCannotRedecide', `${personId} took the decision an appeal set aside; another decision maker decides the case again`, 403, { personId });
  // ISO/IEC 17065 7.13: who decided the appeal does not take the certification decision it reopened.
  if (levelReopened(state) && state.levelReopened?.reopenedBy === personId) {
    return new DomainRefusal('AppealHandlerCannotRedecide', `${personId} upheld the appeal against the level; another decision maker decides the level again`, 403, { personId });
  }
  if (state.evaluators.includes(personId)) return new DomainRefusal('EvaluatorCannotDecide', `${personId} took part in the evaluation and cannot make the certification decision`, 403, { personId });
  if (state.conflicts.includes(personId)) return new DomainRefusal('ConflictOfInterest', `${personId} has a declared conflict of interest with this applicant`, 403, { personId });
  const ineligible = await staff.ineligibility(personId, { organisationId: state.organisationId, productCategories: state.scope.productCategories }, shanghaiDate(at));
  return ineligible && new DomainRefusal(ineligible.code, ineligible.message, 403, ineligible.params);
}

/** Who took the decisions of the cycle that upheld appeals set aside (ADR 0033): none of them decides it again. */
export const setAsideDeciders = (records: CertificatesState, cycle: number): string[] => records.decisions.filter((d) => d.cycle === cycle && d.setAside).map((d) => d.decidedBy);

/** A refusal as a view shows it: the code and its parameters. */
export const notAllowed = (r: DomainRefusal | null): NotAllowed | null => r && { code: r.code, params: Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k, String(v)])) };

/** Grant (at a level the scorecard supports) or deny, bound to the hashes of the scorecard and review report that were read. */
export class TakeDecision extends DomainCommand<
  { caseId: string; outcome: 'grant' | 'deny'; level?: Level; reasons: string; scorecardHash: string; reviewReportHash: string | null },
  DecisionTaken
> {}

/** The lifecycle owner's answer to one of this service's requests (a rejected grant voids its number). */
export class RecordAnswer extends DomainCommand<{ caseId: string; requestId: string } & Answer, void> {}

@CommandHandler(TakeDecision)
export class TakeDecisionHandler implements ICommandHandler<TakeDecision> {
  constructor(
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(EvaluationRecords) private readonly evaluations: EvaluationRecords,
    @Inject(NumberAllocator) private readonly numbers: NumberAllocator,
    @Inject(StaffCompetence) private readonly staff: StaffCompetence,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data: input, context }: TakeDecision): Promise<DecisionTaken> {
    const { caseId } = input;
    const decider = context.actor;
    const { state } = await this.mirror.get(caseId);
    if (!state) throw new DomainRefusal('UnknownCase', `case ${caseId} is not known here`, 404);
    const { state: records } = await this.certificates.load(caseId);
    const stale = records.decisions.at(-1)?.stale;
    if (!awaitingDecision(state) && !stale) throw new DomainRefusal('NotAwaitingDecision', `case ${caseId} is ${state.status}, not waiting for a decision`, 409);
    const notForYou = await whyNotDecider(state, decider.id, this.staff, context.at, setAsideDeciders(records, cycleOf(state)));
    if (notForYou) throw notForYou;
    const score = state.score;
    const scorecard = score && (await this.evaluations.scorecard(caseId, score.scorecardId));
    if (!score || !scorecard) throw new DomainRefusal('ScorecardNotHere', `the scorecard of ${caseId} has not reached this service yet; try again shortly`, 409);
    const { reviewReport } = await this.evaluations.get(caseId);
    if (input.scorecardHash !== scorecard.hash || input.reviewReportHash !== (reviewReport?.hash ?? null)) {
      throw new DomainRefusal('BasisChanged', 'the scorecard or review report changed since you read them: read the decision basis again and decide on what it shows', 409);
    }
    if (input.outcome === 'grant') {
      if (!input.level) throw new DomainRefusal('LevelRequired', 'a grant names the level it certifies', 422);
      if (!state.level || levelRank(input.level) > levelRank(state.level)) {
        throw new DomainRefusal('LevelNotSupported', `the scorecard supports at most level ${state.level ?? '(none: not passed)'}, not ${input.level}`, 422);
      }
    }
    // The level decided again is a grant on the certificate the case holds: same number, same dates (ADR 0038).
    // Whatever went stale meanwhile, the reopened level is what waits: taking the other path would ask
    // the lifecycle for a new grant, which it refuses, and the refusal would void the live number.
    const redecidesLevel = levelReopened(state);
    if (redecidesLevel && input.outcome !== 'grant') {
      throw new DomainRefusal('LevelRedecisionGrants', 'an appeal set the level aside, not the certification: decide the level again (a grant at a level); ending the certificate is a withdrawal', 422);
    }
    const cycle = stale && !redecidesLevel ? (records.decisions.at(-1)?.cycle ?? cycleOf(state)) : cycleOf(state);
    const number = redecidesLevel ? (state.certificate?.number ?? null) : input.outcome === 'grant' ? await this.numbers.allocate(caseId, cycle, this.clock.now().getUTCFullYear()) : null;
    const decisionId = `decision-${randomUUID()}`;
    const requestId = randomUUID();
    const { events } = await this.certificates.execute(
      caseId,
      {
        type: 'decide',
        caseId,
        requestId,
        redecidesLevel,
        decisionId,
        cycle,
        outcome: input.outcome,
        level: input.outcome === 'grant' ? (input.level ?? null) : null,
        reasons: input.reasons,
        scorecardId: score.scorecardId,
        scorecardHash: scorecard.hash,
        reviewReportHash: reviewReport?.hash ?? null,
        certificateNumber: number,
        decidedBy: decider.id,
      },
      context,
    );
    // A decision retaken on a changed basis that leaves the certificate as it is sends no request.
    const sent = events.find((e) => e.type !== 'certificates.decision-recorded' && e.data.requestId === requestId);
    return { caseId, decisionId, cycle, outcome: input.outcome, certificateNumber: number, ...(sent ? justRequested(caseId, requestId, sent.type) : {}) };
  }
}

@CommandHandler(RecordAnswer)
export class RecordAnswerHandler implements ICommandHandler<RecordAnswer> {
  constructor(@Inject(CERTIFICATES) private readonly certificates: Certificates) {}

  async execute({ data, context }: RecordAnswer): Promise<void> {
    await this.certificates.execute(data.caseId, { type: 'record-answer', ...data }, context);
  }
}

/** A decision whose scorecard or review report changed afterwards must be taken again. */
@Injectable()
export class Staleness {
  constructor(@Inject(CERTIFICATES) private readonly certificates: Certificates) {}

  async markIfBoundTo(caseId: string, change: { scorecardReplaced?: string; reviewReportHash?: string }, reason: string, context: CommandContext): Promise<void> {
    const { state } = await this.certificates.load(caseId);
    const latest = state.decisions.at(-1);
    // A decision an appeal set aside stands on nothing any more: it is decided again, not retaken.
    if (!latest || latest.stale || latest.setAside) return;
    const hit = (change.scorecardReplaced && change.scorecardReplaced === latest.scorecardId) || (change.reviewReportHash !== undefined && latest.reviewReportHash !== change.reviewReportHash);
    if (hit) await this.certificates.execute(caseId, { type: 'mark-stale', caseId, decisionId: latest.decisionId, reason }, context);
  }
}

export const decisionCommandHandlers = [TakeDecisionHandler, RecordAnswerHandler, Staleness];
