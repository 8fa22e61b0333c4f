import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { levelRank, type Level } from '@gbt/catalogue';
import { REQUESTED_COMMANDS } from '@gbt/contracts';
import { handleCommand, loadStream, MongoEventStore } from '@gbt/event-store';
import { CLOCK, DomainRefusal, metadataFor, type Clock } from '@gbt/platform';
import { EvaluationRecords } from '../evaluation/evaluation-records';
import { CaseMirror, type CaseView } from '../lifecycle/case-mirror';
import { certificatesDecider, type Answer, type CertificatesCommand, type CertificatesState, type RequestRecord } from './certificates.decider';
import { NumberAllocator } from './number-allocator';

export const certificatesStream = (caseId: string) => `certificates-${caseId}`;
type Actor = { id: string; role?: string };

const STATUS: Record<string, number> = { AlreadyDecided: 409 };

export interface DecisionInput {
  readonly outcome: 'grant' | 'deny';
  readonly level?: Level;
  readonly reasons: string;
  readonly scorecardHash: string;
  readonly reviewReportHash: string | null;
}

/** The cycle a pending decision is about: the first evaluation, or the recertification after certificate n. */
const cycleOf = (s: CaseView) => (s.status === 'recertifying' && s.certificate ? s.certificate.cycle + 1 : 1);
const requestView = (caseId: string, requestId: string, request: RequestRecord) => ({ requestId, statusUrl: `/cases/${caseId}/requests/${requestId}`, ...request });
/** What a request just sent looks like, without reading back the stream that recorded it. */
const justRequested = (caseId: string, requestId: string, requested: string) =>
  requestView(caseId, requestId, { requested, status: 'requested', code: null, reason: null, voidedNumber: null });
const awaitingDecision = (s: CaseView) => s.phase === 'decision-pending';

@Injectable()
export class CertificatesService {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(EvaluationRecords) private readonly evaluations: EvaluationRecords,
    @Inject(NumberAllocator) private readonly numbers: NumberAllocator,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(caseId: string): Promise<{ state: CertificatesState; version: number }> {
    const { state, version } = await loadStream(this.store, certificatesStream(caseId), certificatesDecider);
    return { state, version };
  }

  async run(actor: Actor, caseId: string, command: CertificatesCommand, options: { at?: Date; causationId?: string } = {}) {
    const at = options.at ?? this.clock.now();
    const metadata = metadataFor(actor, at);
    const outcome = await handleCommand(this.store, certificatesStream(caseId), certificatesDecider, command, {
      ...metadata,
      causationId: options.causationId ?? metadata.causationId,
    });
    if (!outcome.ok) throw new DomainRefusal(outcome.failure.error, outcome.failure.message, STATUS[outcome.failure.error] ?? 422);
    return outcome;
  }

  /** What a decision maker approves: the scorecard and review report with the hashes a decision binds to. */
  async basis(caseId: string) {
    const { state } = await this.mirror.get(caseId);
    if (!state) throw new DomainRefusal('UnknownCase', `case ${caseId} is not known here`, 404);
    const evaluation = await this.evaluations.get(caseId);
    const scorecard = state.score ? (evaluation.scorecards.find((s) => s.scorecardId === state.score?.scorecardId) ?? null) : null;
    const { state: records } = await this.load(caseId);
    return {
      caseId,
      status: state.status,
      awaitingDecision: awaitingDecision(state),
      cycle: cycleOf(state),
      score: state.score,
      scorecard,
      reviewReport: evaluation.reviewReport,
      evaluators: state.evaluators,
      decisions: records.decisions,
    };
  }

  async decide(decider: Actor, caseId: string, input: DecisionInput) {
    const { state } = await this.mirror.get(caseId);
    if (!state) throw new DomainRefusal('UnknownCase', `case ${caseId} is not known here`, 404);
    const { state: records } = await this.load(caseId);
    const stale = records.decisions.at(-1)?.stale;
    if (!awaitingDecision(state) && !stale) throw new DomainRefusal('NotAwaitingDecision', `case ${caseId} is ${state.status}, not waiting for a decision`, 409);
    // Fast feedback from the lifecycle as published; the lifecycle itself enforces both rules on the request and answers `rejected`.
    if (state.evaluators.includes(decider.id)) throw new DomainRefusal('EvaluatorCannotDecide', `${decider.id} took part in the evaluation and cannot make the certification decision`, 403);
    if (state.conflicts.includes(decider.id)) throw new DomainRefusal('ConflictOfInterest', `${decider.id} has a declared conflict of interest with this applicant`, 403);
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
    const cycle = stale ? (records.decisions.at(-1)?.cycle ?? cycleOf(state)) : cycleOf(state);
    const number = input.outcome === 'grant' ? await this.numbers.allocate(caseId, cycle, this.clock.now().getUTCFullYear()) : null;
    const decisionId = `decision-${randomUUID()}`;
    const requestId = randomUUID();
    const { events } = await this.run(decider, caseId, {
      type: 'decide',
      caseId,
      requestId,
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
    });
    // A decision retaken on a changed basis that leaves the certificate as it is sends no request.
    const sent = events.find((e) => e.type !== 'certificates.decision-recorded' && e.data.requestId === requestId);
    return { caseId, decisionId, cycle, outcome: input.outcome, certificateNumber: number, ...(sent ? justRequested(caseId, requestId, sent.type) : {}) };
  }

  /** A decision whose scorecard or review report changed afterwards must be taken again. */
  async markStaleIfBoundTo(caseId: string, change: { scorecardReplaced?: string; reviewReportHash?: string }, reason: string) {
    const { state } = await this.load(caseId);
    const latest = state.decisions.at(-1);
    if (!latest || latest.stale) return;
    const hit = (change.scorecardReplaced && change.scorecardReplaced === latest.scorecardId) || (change.reviewReportHash !== undefined && latest.reviewReportHash !== change.reviewReportHash);
    if (hit) await this.run({ id: 'certificates', role: 'system' }, caseId, { type: 'mark-stale', caseId, decisionId: latest.decisionId, reason });
  }

  /**
   * A lifecycle change asked of the applications service. The lifecycle's owner decides it and
   * answers `accepted` or `rejected` with the code (ADR 0013); here it is only checked against the
   * latest status snapshot, whose `availableCommands` say what the status allows, so a request that
   * cannot succeed in this status is refused at once and nothing is sent.
   */
  async requestLifecycleChange(actor: Actor, certificateNumber: string, event: { type: string; data: Record<string, unknown> }) {
    const caseId = event.data.caseId as string;
    const { state } = await this.mirror.get(caseId);
    this.assertCurrent(state, certificateNumber);
    const command = REQUESTED_COMMANDS[event.type];
    if (!command) throw new Error(`${event.type} is not a lifecycle input`);
    if (!state.availableCommands.includes(command)) {
      throw new DomainRefusal('NotAllowedInState', `certificate ${certificateNumber}: ${command} is not allowed when the case is ${state.status}`, 409);
    }
    const requestId = randomUUID();
    await this.run(actor, caseId, { type: 'publish', event: { type: event.type, data: { ...event.data, requestId } } });
    return { certificateNumber, ...justRequested(caseId, requestId, event.type) };
  }

  /** Records the lifecycle owner's answer to one of this service's requests (a rejected grant voids its number). */
  async recordAnswer(caseId: string, requestId: string, answer: Answer): Promise<void> {
    await this.run({ id: 'certificates', role: 'system' }, caseId, { type: 'record-answer', caseId, requestId, ...answer });
  }

  /** Where a request stands: requested until the lifecycle's owner answers, then accepted or rejected with the code. */
  async requestStatus(caseId: string, requestId: string) {
    const request = (await this.load(caseId)).state.requests[requestId];
    if (!request) throw new DomainRefusal('UnknownRequest', `case ${caseId} has no request ${requestId}`, 404);
    return requestView(caseId, requestId, request);
  }

  private assertCurrent(state: CaseView | null, number: string): asserts state is CaseView {
    if (!state?.certificate || state.certificate.number !== number) {
      throw new DomainRefusal('NotCurrentCertificate', `${number} is not the current certificate of its holder; act on the current one`, 409);
    }
  }
}
