import { BSON, type Db, type Document } from 'mongodb';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const NUMBER = /GBT27922-(\d{4})-(\d{6})/g;
const SLOT = /^(\d{4}):(\d{6})$/;
/** Bookkeeping that is not history: never copied (the lease, the relay's checkpoint, the claims and the store's marks). */
const NOT_COPIED = /^(lease_terms|outbox_checkpoints|.*_positions)$/;
const BATCH = 1_000;

/** The documents to copy, by collection, as EJSON text: a database as it stood at some moment. */
export type Template = ReadonlyMap<string, string>;

/**
 * What a database holds now, history and read models, bookkeeping left out: taken before anything
 * that is not to be copied (the recovery backlog) is added, and copied later by {@link growDatabase}.
 */
export async function takeTemplate(db: Db): Promise<Template> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !NOT_COPIED.test(n) && !n.startsWith('system.'));
  const template = new Map<string, string>();
  for (const name of names) template.set(name, BSON.EJSON.stringify(await db.collection(name).find({}).toArray(), { relaxed: false }));
  return template;
}

export interface GrowPlan {
  /** Copies of the history to add (each a whole certification with new ids). */
  readonly copies: number;
  /** The organisation's name in the template; each copy gets `nameOf(k)` instead. */
  readonly templateName: string;
  readonly nameOf: (k: number) => string;
  readonly templateCreditCode: string;
  readonly creditCodeOf: (k: number) => string;
  /** Certificate sequences of copies start here (kept apart from what the services number). */
  readonly firstSequence: number;
}

/**
 * Grows a service's database by copying every document of its history `copies` times, as the
 * services wrote them (same document shapes, EJSON so dates stay dates), each copy under new ids:
 * every UUID (cases, organisations, events, tasks) gets the copy's number in its last 12 digits,
 * certificate numbers a sequence of their own, the holder its own name. Commits take positions
 * above the store's head, already published; inbox records come along (full inboxes). Documents
 * whose `_id` does not change in a copy (counters, singletons, per-user documents) stay one.
 * The services must be stopped. Returns how many documents were written and the new head.
 */
export async function growDatabase(db: Db, template: Template, plan: GrowPlan): Promise<{ written: number; commits: number; head: number }> {
  let written = 0;
  let commits = 0;
  let head = 0;
  for (const [name, text] of template) {
    const isCommits = name.endsWith('_commits');
    // Above everything stored now: commits appended since the template was taken included.
    head = isCommits ? ((await db.collection(name).find({}, { projection: { position: 1 } }).sort({ position: -1 }).limit(1).next())?.position ?? 0) : 0;
    let buffer: Document[] = [];
    const flush = async () => {
      if (buffer.length === 0) return;
      await db.collection(name).insertMany(buffer, { ordered: false }).catch((err: unknown) => {
        // A document whose key a copy did not change is already there: keep one.
        if ((err as { code?: number; writeErrors?: unknown }).writeErrors === undefined && (err as { code?: number }).code !== 11000) throw err;
      });
      written += buffer.length;
      buffer = [];
    };
    for (let k = 1; k <= plan.copies; k++) {
      const copy = BSON.EJSON.parse(copyText(text, k, plan), { relaxed: false }) as Document[];
      for (const doc of copy) {
        if (typeof doc._id === 'string' && SLOT.test(doc._id)) doc._id = doc._id.replace(SLOT, (_m, y: string, s: string) => `${y}:${String(plan.firstSequence + k * 10 + (Number(s) % 10)).padStart(6, '0')}`);
        if (isCommits) {
          doc.position = ++head;
          doc.pending = false;
          commits++;
        }
        buffer.push(doc);
      }
      if (buffer.length >= BATCH) await flush();
    }
    await flush();
    if (isCommits) await publishedThrough(db, name, head);
  }
  return { written, commits, head };
}

/**
 * The store as a relay that kept up leaves it: its checkpoint at the head and every claim up to it
 * pruned (the pruning mark there; the template's few claims stay, below the mark, read by nobody).
 */
async function publishedThrough(db: Db, commitsName: string, head: number): Promise<void> {
  const positions = db.collection<{ _id: string; position: number; deletedThrough: number; at: Date }>(commitsName.replace(/_commits$/, '_positions'));
  await positions.deleteOne({ _id: 'pruned' });
  await positions.insertOne({ _id: 'pruned', position: head, deletedThrough: head, at: new Date() });
  const checkpoints = db.collection<{ _id: string; position: number }>('outbox_checkpoints');
  for (const c of await checkpoints.find({}).toArray()) if (c._id.endsWith(`:${commitsName}`)) await checkpoints.updateOne({ _id: c._id }, { $set: { position: head } });
}

function copyText(text: string, k: number, plan: GrowPlan): string {
  const tag = k.toString(16).padStart(12, '0');
  return text
    .replace(UUID, (id) => `${id.slice(0, 24)}${tag}`)
    .replace(NUMBER, (_m, year: string, seq: string) => `GBT27922-${year}-${String(plan.firstSequence + k * 10 + (Number(seq) % 10)).padStart(6, '0')}`)
    .split(plan.templateName)
    .join(plan.nameOf(k))
    .split(plan.templateCreditCode)
    .join(plan.creditCodeOf(k));
}
