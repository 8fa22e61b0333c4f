import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@gbt/certificate-core';
import type { AppealListEntry, CaseAppeals } from '@gbt/contracts/views';
import { DomainQuery, DomainRefusal } from '@gbt/platform';
import { CaseMirror } from '../lifecycle/case-mirror';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { AppealLists, handlerList, OPEN_APPEALS } from './appeal-lists';
import { DEFAULT_APPEAL_POLICY, periodEndsOn, whyNotLodge } from './appeal-rules';
import { appealView } from './appeal-views';
import { AppealableDecisionsStore } from './appealable-decisions';
import { APPEALS, type Appeals } from './appeals.aggregate';

/** A case's appeals, and whether (and until when) the decision it stands on may be appealed today. */
export class CaseAppealsOf extends DomainQuery<{ caseId: string; at: Date }, CaseAppeals> {}
/** The decision makers' list: every open appeal, and the ones the reader handles. */
export class AppealListsOf extends DomainQuery<{ readerId: string }, { open: AppealListEntry[]; mine: AppealListEntry[] }> {}

@QueryHandler(CaseAppealsOf)
export class CaseAppealsHandler implements IQueryHandler<CaseAppealsOf> {
  constructor(
    @Inject(APPEALS) private readonly appeals: Appeals,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(AppealableDecisionsStore) private readonly decisions: AppealableDecisionsStore,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {}

  async execute({ data: { caseId, at } }: CaseAppealsOf): Promise<CaseAppeals> {
    const { state } = await this.mirror.get(caseId);
    if (!state) throw new DomainRefusal('UnknownCase', `case ${caseId} is not known here`, 404);
    const policy = this.settings.appeals ?? DEFAULT_APPEAL_POLICY;
    const standing = await this.decisions.standing(state);
    const { state: appeals, events } = await this.appeals.load(caseId);
    const earlier = appeals.appeals.map((a) => ({ appealId: a.appealId, decisionKey: a.against.decisionKey, status: a.status }));
    const today = shanghaiDate(at);
    const refused = whyNotLodge(standing, earlier, today, policy);
    return {
      today,
      appealable: standing && { ...standing, periodEndsOn: periodEndsOn(standing.decidedOn, policy) },
      notAllowed: refused && { code: refused.error, params: refused.params ?? {} },
      appeals: appeals.appeals.map((a) => appealView(caseId, a, events)),
    };
  }
}

@QueryHandler(AppealListsOf)
export class AppealListsHandler implements IQueryHandler<AppealListsOf> {
  constructor(@Inject(AppealLists) private readonly lists: AppealLists) {}

  async execute({ data: { readerId } }: AppealListsOf): Promise<{ open: AppealListEntry[]; mine: AppealListEntry[] }> {
    const [open, mine] = await Promise.all([this.lists.entries(OPEN_APPEALS), this.lists.entries(handlerList(readerId))]);
    const byDeadline = (a: AppealListEntry, b: AppealListEntry) => a.answerBy.localeCompare(b.answerBy);
    return { open: open.sort(byDeadline), mine: mine.sort(byDeadline) };
  }
}

export const appealQueryHandlers = [CaseAppealsHandler, AppealListsHandler];
