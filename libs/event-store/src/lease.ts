import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './errors';

interface LeaseTerm {
  _id: string;
  lease: string;
  term: number;
  owner: string;
  expiresAt: Date;
}

/** Where the latest term was last seen: a hint, never trusted beyond being a term that existed. */
interface LeaseHint {
  _id: string;
  term: number;
}

/** Terms kept behind the latest; older ones are deleted by primary key as new ones are taken. */
const KEEP_TERMS = 50;

/**
 * A time-limited lock so only one relay instance publishes at a time (two would interleave and
 * break per-stream order). FerretDB's conditional updates are not atomic, so the lease is built
 * on the one primitive that is: inserting a unique key. Every acquisition or renewal inserts the
 * next term `<lease>#<n>`; of two contenders for a term exactly one insert succeeds. A crashed
 * holder's last term simply runs out.
 *
 * Only primary keys are read (ADR 0022): terms are dense (term n+1 is only tried once n is seen),
 * so the latest is found by walking up from the highest term this instance or the hint document
 * `<lease>#latest` has seen, usually two point reads.
 */
export class Lease {
  private readonly terms: Collection<LeaseTerm>;
  private readonly hints: Collection<LeaseHint>;
  /** The highest term this instance has seen exist. */
  private known = 0;

  constructor(
    db: Db,
    private readonly name: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    collection = 'lease_terms',
  ) {
    this.terms = db.collection<LeaseTerm>(collection);
    this.hints = db.collection<LeaseHint>(collection);
  }

  private termId(term: number): string {
    return `${this.name}#${term}`;
  }

  private get hintId(): string {
    return `${this.name}#latest`;
  }

  /** Takes or renews the lease; false while another owner's term is still running. */
  async acquire(now = new Date()): Promise<boolean> {
    const latest = await this.latest();
    if (latest && latest.owner !== this.owner && latest.expiresAt > now) return false;
    return this.take((latest?.term ?? 0) + 1, this.owner, new Date(now.getTime() + this.ttlMs));
  }

  /** Ends the current term early so a successor need not wait for it to run out. */
  async release(now = new Date()): Promise<void> {
    const latest = await this.latest();
    if (latest?.owner !== this.owner) return;
    await this.take(latest.term + 1, '', now);
  }

  private async take(term: number, owner: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.terms.insertOne({ _id: this.termId(term), lease: this.name, term, owner, expiresAt });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      this.known = Math.max(this.known, term);
      return false;
    }
    this.known = Math.max(this.known, term);
    await this.hints.updateOne({ _id: this.hintId }, { $set: { term } }, { upsert: true }).catch((err: unknown) => {
      // Two upserts of a missing hint: one inserts, the other fails on the key; either is a fine hint.
      if (!isDuplicateKeyError(err)) throw err;
    });
    if (term > KEEP_TERMS) await this.terms.deleteOne({ _id: this.termId(term - KEEP_TERMS) });
    return true;
  }

  /**
   * The latest term, by point reads: from the higher of what this instance has seen and the hint,
   * up while the next term exists. Both start points are terms that existed and are at most a few
   * behind the latest, far less than the {@link KEEP_TERMS} kept, unless this process slept through
   * them and every hint write failed; then a term there is gone, and one query of this lease's few
   * kept terms finds the latest.
   */
  private async latest(): Promise<LeaseTerm | null> {
    const hint = await this.hints.findOne({ _id: this.hintId });
    const start = Math.max(this.known, hint?.term ?? 0);
    let current: LeaseTerm | null = null;
    if (start > 0) {
      current = await this.terms.findOne({ _id: this.termId(start) });
      if (!current) current = await this.terms.find({ lease: this.name }).sort({ term: -1 }).limit(1).next();
    }
    for (;;) {
      const next = await this.terms.findOne({ _id: this.termId((current?.term ?? 0) + 1) });
      if (!next) break;
      current = next;
    }
    if (current) this.known = Math.max(this.known, current.term);
    return current;
  }
}
