import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './errors';

interface LeaseTerm {
  _id: string;
  lease: string;
  term: number;
  owner: string;
  expiresAt: Date;
}

/**
 * A time-limited lock so only one relay instance publishes at a time (two would interleave and
 * break per-stream order). FerretDB's conditional updates are not atomic, so the lease is built
 * on the one primitive that is: inserting a unique key. Every acquisition or renewal inserts the
 * next term; of two contenders for a term exactly one insert succeeds. A crashed holder's last
 * term simply runs out.
 */
export class Lease {
  private readonly terms: Collection<LeaseTerm>;

  constructor(
    db: Db,
    private readonly name: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    collection = 'lease_terms',
  ) {
    this.terms = db.collection<LeaseTerm>(collection);
  }

  /** Takes or renews the lease; false while another owner's term is still running. */
  async acquire(now = new Date()): Promise<boolean> {
    const latest = await this.terms.find({ lease: this.name }).sort({ term: -1 }).limit(1).next();
    if (latest && latest.owner !== this.owner && latest.expiresAt > now) return false;
    const term = (latest?.term ?? 0) + 1;
    try {
      await this.terms.insertOne({ _id: `${this.name}#${term}`, lease: this.name, term, owner: this.owner, expiresAt: new Date(now.getTime() + this.ttlMs) });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    await this.terms.deleteMany({ lease: this.name, term: { $lt: term - 5 } });
    return true;
  }

  /** Ends the current term early so a successor need not wait for it to run out. */
  async release(now = new Date()): Promise<void> {
    const latest = await this.terms.find({ lease: this.name }).sort({ term: -1 }).limit(1).next();
    if (latest?.owner !== this.owner) return;
    await this.terms
      .insertOne({ _id: `${this.name}#${latest.term + 1}`, lease: this.name, term: latest.term + 1, owner: '', expiresAt: now })
      .catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
  }
}
