import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@gbt/event-store';
import type { ComplaintState } from './complaint.decider';
import { CaseComplaints, CertificateComplaints, ComplaintContact, ComplaintList, type ComplaintTally, type OpenComplaintItem } from './complaint.model';

type Known = Exclude<ComplaintState, { status: 'none' }>;
const YEAR_MS = 365 * 86_400_000;
const listId = (kind: 'certificate' | 'body') => `open-${kind}`;

/**
 * Read-modify-write of one document by `_id`, guarded by its version: a writer that lost a race
 * reads again and reapplies `change`, which must be idempotent (the projections below set what the
 * complaint's state says, so applying one twice changes nothing).
 */
async function updateById<D extends { version: number }>(model: Model<D>, _id: string, change: (doc: D | null) => Partial<D> | null): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const doc = (await model.findById(_id).lean()) as D | null;
    const next = change(doc);
    if (!next) return;
    try {
      if (!doc) {
        await model.create({ _id, ...next, version: 1 });
        return;
      }
      const { modifiedCount, matchedCount } = await model.updateOne({ _id, version: doc.version } as never, { $set: { ...next, version: doc.version + 1 } } as never);
      if (matchedCount + modifiedCount > 0) return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new Error(`could not update ${_id} after 20 attempts`);
}

/**
 * The complaints' read models, each a document read by `_id` (ADR 0022): the staff's open lists,
 * each certificate's public tally and each case's complaints. Written after each change from the
 * complaint's state; the stream stays the truth (a lost write is repaired by the complaint's next change).
 */
@Injectable()
export class ComplaintViews {
  constructor(
    @InjectModel(ComplaintList.name) private readonly lists: Model<ComplaintList>,
    @InjectModel(CertificateComplaints.name) private readonly tallies: Model<CertificateComplaints>,
    @InjectModel(CaseComplaints.name) private readonly cases: Model<CaseComplaints>,
    @InjectModel(ComplaintContact.name) private readonly contacts: Model<ComplaintContact>,
  ) {}

  async saveContact(reference: string, contact: { name: string | null; phone: string | null; email: string | null }): Promise<void> {
    await this.contacts.updateOne({ _id: reference }, { $set: contact }, { upsert: true });
  }

  async contact(reference: string): Promise<{ name: string | null; phone: string | null; email: string | null } | null> {
    const found = await this.contacts.findById(reference).lean();
    return found ? { name: found.name, phone: found.phone, email: found.email } : null;
  }

  /** Brings every read model in line with the complaint as it stands after a change (and as it stood before, to move it). */
  async project(before: ComplaintState, after: Known, at: Date): Promise<void> {
    const { reference } = after;
    for (const kind of ['certificate', 'body'] as const) {
      const item = after.status !== 'closed' && after.about.kind === kind ? openItem(after) : null;
      await updateById(this.lists, listId(kind), (doc) => {
        const others = (doc?.items ?? []).filter((i) => i.reference !== reference);
        if (!item && others.length === (doc?.items ?? []).length) return null;
        return { items: item ? [...others, item] : others };
      });
    }
    const was = before.status === 'none' ? null : before.about.certificateNumber;
    const is = after.about.kind === 'certificate' ? after.about.certificateNumber : null;
    if (was && was !== is) await updateById(this.tallies, was, (doc) => (doc ? { entries: doc.entries.filter((e) => e.reference !== reference) } : null));
    if (is) {
      const tally: ComplaintTally = { reference, receivedAt: after.receivedAt, closedAt: after.status === 'closed' ? at.toISOString() : null };
      await updateById(this.tallies, is, (doc) => {
        const kept = (doc?.entries ?? []).filter((e) => e.reference !== reference && (!e.closedAt || at.getTime() - new Date(e.receivedAt).getTime() < YEAR_MS));
        const existing = doc?.entries.find((e) => e.reference === reference);
        return { entries: [...kept, existing?.closedAt ? existing : tally] };
      });
    }
    const caseId = after.about.kind === 'certificate' ? after.about.caseId : null;
    if (caseId) await updateById(this.cases, caseId, (doc) => (doc?.references.includes(reference) ? null : { references: [...(doc?.references ?? []), reference] }));
  }

  async openList(kind: 'certificate' | 'body'): Promise<OpenComplaintItem[]> {
    return (await this.lists.findById(listId(kind)).lean())?.items ?? [];
  }

  /** Complaints about a certificate received in the twelve months up to `now`, and how many of them are closed: never who complained. */
  async publicTally(certificateNumber: string, now: Date): Promise<{ receivedLast12Months: number; closedLast12Months: number }> {
    const entries = ((await this.tallies.findById(certificateNumber).lean())?.entries ?? []).filter((e) => now.getTime() - new Date(e.receivedAt).getTime() < YEAR_MS);
    return { receivedLast12Months: entries.length, closedLast12Months: entries.filter((e) => e.closedAt).length };
  }

  async ofCase(caseId: string): Promise<string[]> {
    return (await this.cases.findById(caseId).lean())?.references ?? [];
  }
}

function openItem(s: Known): OpenComplaintItem {
  return {
    reference: s.reference,
    kind: s.about.kind,
    certificateNumber: s.about.certificateNumber,
    status: s.status === 'investigating' ? 'investigating' : 'received',
    receivedAt: s.receivedAt,
    answerDueBy: s.answerDueBy,
    escalated: s.escalated,
    informationRequested: s.requests.some((r) => r.answer === null),
    surveillance: s.surveillance,
  };
}
