import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { shanghaiDate } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import { ComplaintCounter, ComplaintReference } from './complaint.model';

const ATTEMPTS = 1_000;
const reference = (year: string, n: number) => `TS-${year}-${String(n).padStart(6, '0')}`;

/**
 * Acknowledgement numbers `TS-<year>-<6 digits>` (year in Asia/Shanghai), the certificate numbers'
 * way (ADR 0022): each is claimed by inserting it by `_id`, a loser takes the next, and the year's
 * counter document (read and raised by `_id`) says where to start. Nothing is scanned.
 */
@Injectable()
export class ComplaintReferences {
  constructor(
    @InjectModel(ComplaintReference.name) private readonly claims: Model<ComplaintReference>,
    @InjectModel(ComplaintCounter.name) private readonly counters: Model<ComplaintCounter>,
  ) {}

  async next(at: Date): Promise<string> {
    const year = shanghaiDate(at).slice(0, 4);
    const counter = `TS-${year}`;
    let n = ((await this.counters.findById(counter).lean())?.last ?? 0) + 1;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++, n++) {
      try {
        await this.claims.create({ _id: reference(year, n), claimedAt: at.toISOString() });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        continue;
      }
      await this.raise(counter, n);
      return reference(year, n);
    }
    throw new Error(`could not allocate a complaint reference for ${year}`);
  }

  private async raise(counter: string, n: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.counters.updateOne({ _id: counter }, { $max: { last: n } }, { upsert: true });
        return;
      } catch (err) {
        // Two first claims of a year upserting at once: the loser raises what the winner made.
        if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
      }
    }
  }
}
