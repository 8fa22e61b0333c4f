import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { AppealListEntry } from '@gbt/contracts/views';
import { changeList } from '@gbt/platform';
import type { AppealRecord } from './appeals.decider';
import { AppealList } from './appeals.model';

export const OPEN_APPEALS = 'open';
export const handlerList = (personId: string) => `handler:${personId}`;

/**
 * The decision makers' lists of open appeals, one document each, read and written by `_id` (ADR
 * 0022). Each change of an appeal puts it where it belongs now; doing it twice leaves the same lists.
 */
@Injectable()
export class AppealLists {
  constructor(@InjectModel(AppealList.name) private readonly model: Model<AppealList>) {}

  async entries(listId: string): Promise<AppealListEntry[]> {
    return (await this.model.findById(listId).lean())?.entries ?? [];
  }

  /** After a change of `appeal` (previously handled by `formerHandler`): in the open list and its handler's while open, else in none. */
  async place(caseId: string, appeal: AppealRecord, formerHandler: string | null): Promise<void> {
    const { appealId } = appeal;
    const lists = [OPEN_APPEALS, ...(formerHandler && formerHandler !== appeal.handlerId ? [handlerList(formerHandler)] : []), ...(appeal.handlerId ? [handlerList(appeal.handlerId)] : [])];
    const entry: AppealListEntry = { caseId, appealId, kind: appeal.against.kind, acknowledgedOn: appeal.acknowledgedOn, answerBy: appeal.answerBy, handlerId: appeal.handlerId };
    for (const listId of lists) {
      const belongs = appeal.status === 'open' && (listId === OPEN_APPEALS || listId === handlerList(appeal.handlerId ?? ''));
      // Several cases' appeals share the open list: changed under its version (ADR 0033).
      await changeList(this.model, listId, (entries) => [...entries.filter((e) => e.appealId !== appealId), ...(belongs ? [entry] : [])]);
    }
  }
}
