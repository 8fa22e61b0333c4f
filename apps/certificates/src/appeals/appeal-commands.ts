import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { BusinessCalendar } from '@gbt/business-calendar';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@gbt/certificate-core';
import { StaffCompetence } from '@gbt/competence';
import type { AppealView } from '@gbt/contracts/views';
import { DomainCommand, DomainRefusal, type CommandContext } from '@gbt/platform';
import { CERTIFICATES, type Certificates } from '../certificates/certificates.aggregate';
import { ReinstateCertificate } from '../certificates/certificate-commands';
import { CaseMirror, type CaseView } from '../lifecycle/case-mirror';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { AppealLists } from './appeal-lists';
import { reopenLevel, setAsideWithdrawal } from './appeal-remedies';
import { answerDueOn, DEFAULT_APPEAL_POLICY, whyNotHandler, type Participation } from './appeal-rules';
import { AppealTimers } from './appeal-timers';
import { appealView } from './appeal-views';
import { AppealableDecisionsStore } from './appealable-decisions';
import { APPEALS, type Appeals } from './appeals.aggregate';
import { appealsDecider, type AppealRecord, type AppealsCommand } from './appeals.decider';

/** The holder appeals the decision its case stands on, in its own words; acknowledged at once, with the date the answer is due. */
export class LodgeAppeal extends DomainCommand<{ caseId: string; grounds: string }, AppealView> {}
/** A decision maker who took no part in the case handles the appeal (takes it, or is given it). */
export class AssignAppealHandler extends DomainCommand<{ caseId: string; appealId: string; handlerId: string }, AppealView> {}
/** The handler upholds (the decision is re-taken, or the suspension lifted) or dismisses it, with reasons the appellant reads. */
export class AnswerAppeal extends DomainCommand<{ caseId: string; appealId: string; outcome: 'upheld' | 'dismissed'; reasons: string }, AppealView> {}

async function caseOf(mirror: CaseMirror, caseId: string): Promise<CaseView> {
  const { state } = await mirror.get(caseId);
  if (!state) throw new DomainRefusal('UnknownCase', `case ${caseId} is not known here`, 404);
  return state;
}

const find = (appeals: readonly AppealRecord[], appealId: string): AppealRecord => {
  const appeal = appeals.find((a) => a.appealId === appealId);
  if (!appeal) throw new DomainRefusal('UnknownAppeal', `no appeal ${appealId} in this case`, 404, { appealId });
  return appeal;
};

/** Runs an appeal command and keeps the decision makers' lists in step with its result. */
async function run(appeals: Appeals, lists: AppealLists, caseId: string, appealId: string, command: AppealsCommand, context: CommandContext): Promise<AppealView> {
  const before = (await appeals.load(caseId)).state.appeals.find((a) => a.appealId === appealId);
  await appeals.execute(caseId, command, context);
  const after = await appeals.load(caseId);
  const appeal = find(after.state.appeals, appealId);
  await lists.place(caseId, appeal, before?.handlerId ?? null);
  return appealView(caseId, appeal, after.events);
}

@CommandHandler(LodgeAppeal)
export class LodgeAppealHandler implements ICommandHandler<LodgeAppeal> {
  constructor(
    @Inject(APPEALS) private readonly appeals: Appeals,
    @Inject(AppealLists) private readonly lists: AppealLists,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(AppealableDecisionsStore) private readonly decisions: AppealableDecisionsStore,
    @Inject(AppealTimers) private readonly timers: AppealTimers,
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {}

  async execute({ data: { caseId, grounds }, context }: LodgeAppeal): Promise<AppealView> {
    const state = await caseOf(this.mirror, caseId);
    const standing = await this.decisions.standing(state);
    const appealId = `appeal-${randomUUID()}`;
    const policy = this.settings.appeals ?? DEFAULT_APPEAL_POLICY;
    const today = shanghaiDate(context.at);
    const answerBy = answerDueOn(today, policy, (date) => this.calendar.isWorkingDay(date));
    const command: AppealsCommand = { type: 'lodge', caseId, appealId, standing, grounds, lodgedBy: context.actor.id, today, policy, answerBy };
    const view = await run(this.appeals, this.lists, caseId, appealId, command, context);
    await this.timers.plan(caseId, appealId, view.answerBy, policy);
    return view;
  }
}

@CommandHandler(AssignAppealHandler)
export class AssignAppealHandlerHandler implements ICommandHandler<AssignAppealHandler> {
  constructor(
    @Inject(APPEALS) private readonly appeals: Appeals,
    @Inject(AppealLists) private readonly lists: AppealLists,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(AppealableDecisionsStore) private readonly decisions: AppealableDecisionsStore,
    @Inject(StaffCompetence) private readonly staff: StaffCompetence,
  ) {}

  async execute({ data: { caseId, appealId, handlerId }, context }: AssignAppealHandler): Promise<AppealView> {
    const state = await caseOf(this.mirror, caseId);
    // Given to someone else: that person must be a decision maker (taking it yourself, the access policy checked your role).
    if (handlerId !== context.actor.id && !(await this.staff.member(handlerId))?.roles.includes('decision-maker')) {
      throw new DomainRefusal('NotADecisionMaker', `${handlerId} is not a decision maker in the directory and cannot handle an appeal`, 403, { personId: handlerId });
    }
    const participation = await participationIn(state, this.certificates, this.decisions);
    await mayHandle(handlerId, state, participation, this.staff, context.at);
    return run(this.appeals, this.lists, caseId, appealId, { type: 'assign', caseId, appealId, handlerId, assignedBy: context.actor.id, participation }, context);
  }
}

/**
 * Refuses a person who may not handle the case's appeals: the domain's own rule first (who took
 * part), then the directory's (listed, qualified, not related), both as they stand at that instant.
 */
async function mayHandle(personId: string, state: CaseView, participation: Participation, staff: StaffCompetence, at: Date): Promise<void> {
  const refused = whyNotHandler(personId, participation);
  if (refused) throw new DomainRefusal(refused.error, refused.message, 403, refused.params);
  const ineligible = await staff.ineligibility(personId, { organisationId: state.organisationId, productCategories: state.scope.productCategories }, shanghaiDate(at));
  if (ineligible) throw new DomainRefusal(ineligible.code, ineligible.message, 403, ineligible.params);
}

/** Everyone who took part in the case's review or decisions: its evaluators, declared conflicts, and the makers of every decision. */
export async function participationIn(state: CaseView, certificates: Certificates, decisions: AppealableDecisionsStore): Promise<Participation> {
  const records = (await certificates.load(state.caseId)).state.decisions.map((d) => d.decidedBy);
  const taken = (await decisions.all(state.caseId)).map((d) => d.decidedBy);
  return { evaluators: state.evaluators, conflicts: state.conflicts, deciders: [...new Set([...records, ...taken])] };
}

@CommandHandler(AnswerAppeal)
export class AnswerAppealHandler implements ICommandHandler<AnswerAppeal> {
  constructor(
    @Inject(APPEALS) private readonly appeals: Appeals,
    @Inject(AppealLists) private readonly lists: AppealLists,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(AppealableDecisionsStore) private readonly decisions: AppealableDecisionsStore,
    @Inject(StaffCompetence) private readonly staff: StaffCompetence,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async execute({ data: { caseId, appealId, outcome, reasons }, context }: AnswerAppeal): Promise<AppealView> {
    const state = await caseOf(this.mirror, caseId);
    const { state: appeals } = await this.appeals.load(caseId);
    const answer: AppealsCommand = { type: 'answer', caseId, appealId, outcome, reasons, by: context.actor.id, requestId: null };
    // Checked before the remedy is asked for, so a refused answer sends nothing to the lifecycle.
    const check = appealsDecider.decide(answer, appeals);
    if ('error' in check) throw new DomainRefusal(check.error, check.message, check.error === 'NotAppealHandler' ? 403 : 409, check.params);
    // Impartial when answering too: a relation declared or a qualification lapsed since the appeal was taken bars the answer.
    await mayHandle(context.actor.id, state, await participationIn(state, this.certificates, this.decisions), this.staff, context.at);
    const requestId = outcome === 'upheld' ? await this.remedy(state, find(appeals.appeals, appealId), reasons, context) : null;
    return run(this.appeals, this.lists, caseId, appealId, { ...answer, requestId }, context);
  }

  /** What an upheld appeal changes, as a request to the lifecycle's owner (ADR 0025): its id, answered on the case's requests. */
  private async remedy(state: CaseView, appeal: AppealRecord, reasons: string, context: CommandContext): Promise<string> {
    if (appeal.against.kind === 'suspension') {
      const number = appeal.against.certificateNumber ?? state.certificate?.number;
      if (!number) throw new DomainRefusal('NotCurrentCertificate', 'the suspended certificate is not known here', 409);
      return (await this.commands.execute(new ReinstateCertificate({ number }, context))).requestId;
    }
    if (appeal.against.kind === 'refusal') {
      if (!state.availableCommands.includes('reopen-application')) throw new DomainRefusal('NotAllowedInState', `the case is ${state.status}: its application cannot be reopened`, 409);
      const requestId = randomUUID();
      const event = { type: 'certificates.reopen-application' as const, data: { caseId: state.caseId, requestId, appealId: appeal.appealId, setAsideBy: appeal.against.decidedBy } };
      await this.certificates.execute(state.caseId, { type: 'request', event }, context);
      return requestId;
    }
    if (appeal.against.kind === 'level') return reopenLevel(this.certificates, state, appeal, reasons, context);
    if (appeal.against.kind === 'withdrawal') return setAsideWithdrawal(this.certificates, state, appeal, context);
    if (!state.availableCommands.includes('reopen-decision')) {
      throw new DomainRefusal('NotAllowedInState', `the case is ${state.status}: its decision cannot be reopened`, 409);
    }
    const denial = (await this.certificates.load(state.caseId)).state.decisions.at(-1);
    if (!denial || denial.outcome !== 'deny') throw new DomainRefusal('NotTheStandingDenial', 'the case does not stand on a denial recorded here', 409);
    const requestId = randomUUID();
    const reason = `appeal ${appeal.appealId} upheld: ${reasons}`;
    await this.certificates.execute(state.caseId, { type: 'set-aside', caseId: state.caseId, decisionId: denial.decisionId, appealId: appeal.appealId, reason, requestId }, context);
    return requestId;
  }
}

export const appealCommandHandlers = [LodgeAppealHandler, AssignAppealHandlerHandler, AnswerAppealHandler];
