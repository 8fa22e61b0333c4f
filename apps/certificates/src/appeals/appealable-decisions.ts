import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { shanghaiDate } from '@gbt/certificate-core';
import type { AppealedDecision, AppealKind, CaseFact } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import type { CaseView } from '../lifecycle/case-mirror';
import { AppealableDecisions } from './appeals.model';

/** The status a case stands in while each kind of decision stands; in any other it no longer does. */
const STANDS_IN: Readonly<Record<AppealKind, CaseView['status']>> = {
  refusal: 'refused',
  denial: 'not-certified',
  level: 'certified',
  suspension: 'suspended',
  withdrawal: 'withdrawn',
};

/** The appealable decision a lifecycle fact is, or null. A refused recertification leaves the running certificate: the level stands. */
function decisionOf(fact: CaseFact, key: string, at: string, actor: string, after: CaseView): AppealedDecision | null {
  const base = { decisionKey: key, decidedOn: shanghaiDate(at), certificateNumber: after.certificate?.number ?? null, level: null };
  switch (fact.type) {
    case 'certification.application-refused':
      return { ...base, kind: 'refusal', decidedBy: fact.data.refusedBy, certificateNumber: null };
    case 'certification.certification-denied':
      return { ...base, kind: 'denial', decidedBy: fact.data.decidedBy, certificateNumber: null };
    case 'certification.certification-granted':
      return { ...base, kind: 'level', decidedBy: fact.data.decidedBy, certificateNumber: fact.data.certificateNumber, level: fact.data.level };
    // The level decided again on appeal is a decision of its own, appealable like the first.
    case 'certification.level-redecided':
      return { ...base, kind: 'level', decidedBy: fact.data.decidedBy, level: fact.data.level };
    case 'certification.certificate-suspended':
      return { ...base, kind: 'suspension', decidedBy: actor };
    case 'certification.certificate-withdrawn':
      return { ...base, kind: 'withdrawal', decidedBy: actor };
    default:
      return null;
  }
}

/**
 * Which decisions of each case could be appealed: followed from the lifecycle's status snapshots
 * (one writer per case, as Kafka delivers a case's snapshots in order), read and written by `_id`.
 */
@Injectable()
export class AppealableDecisionsStore {
  constructor(@InjectModel(AppealableDecisions.name) private readonly model: Model<AppealableDecisions>) {}

  /** Keeps the decision a fact took, once per fact (`key`: the snapshot's event id and the fact's index). */
  async follow(fact: CaseFact, key: string, at: string, actor: string, after: CaseView): Promise<void> {
    const decision = decisionOf(fact, key, at, actor, after);
    if (!decision) return;
    const kept = await this.model.findById(after.caseId).lean();
    if (!kept) {
      await this.model.create({ _id: after.caseId, decisions: [decision] }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
      return;
    }
    if (kept.decisions.some((d) => d.decisionKey === key)) return;
    await this.model.replaceOne({ _id: after.caseId }, { decisions: [...kept.decisions, decision] });
  }

  async all(caseId: string): Promise<AppealedDecision[]> {
    return (await this.model.findById(caseId).lean())?.decisions ?? [];
  }

  /** The decision the case stands on now, if a person could appeal it: the latest, while the case is still in its status. */
  async standing(state: CaseView): Promise<AppealedDecision | null> {
    const latest = (await this.all(state.caseId)).at(-1);
    return latest && STANDS_IN[latest.kind] === state.status ? latest : null;
  }
}
