import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { AppealListEntry } from '@gbt/contracts/views';
import { isDuplicateKeyError } from '@gbt/event-store';
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
      await this.change(listId, (entries) => [...entries.filter((e) => e.appealId !== appealId), ...(belongs ? [entry] : [])]);
    }
  }

  /** Read, change, write back if nobody wrote in between (several cases' appeals share the open list); else again. */
  private async change(listId: string, change: (entries: readonly AppealListEntry[]) => AppealListEntry[]): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const kept = await this.model.findById(listId).lean();
      if (!kept) {
        const created = await this.model.create({ _id: listId, version: 1, entries: change([]) }).then(
          () => true,
          (err: unknown) => {
            if (isDuplicateKeyError(err)) return false;
            throw err;
          },
        );
        if (created) return;
        continue;
      }
      const written = await this.model.replaceOne({ _id: listId, version: kept.version }, { version: kept.version + 1, entries: change(kept.entries) });
      if (written.matchedCount === 1) return;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
    }
    throw new Error(`the appeals list ${listId} kept changing under this write; try again`);
  }
}
