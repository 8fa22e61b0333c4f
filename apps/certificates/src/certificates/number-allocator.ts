import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { certificateNumber } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import { MONGO_DB } from '@gbt/platform';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';

interface NumberDoc {
  _id: string;
  year: number;
  sequence: number;
  caseId: string;
  cycle: number;
}

/**
 * Certificate numbers, unique under any concurrency because the number is the primary key of an
 * insert (the one write every MongoDB-wire server makes atomic): a writer that loses the race for
 * a sequence takes the next. Asking again for the same case and cycle returns its number. Two
 * simultaneous first asks for one case can leave a gap in the sequence, never a duplicate.
 */
@Injectable()
export class NumberAllocator implements OnModuleInit {
  private readonly numbers: Collection<NumberDoc>;

  constructor(
    @Inject(MONGO_DB) db: Db,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {
    this.numbers = db.collection<NumberDoc>('certificate_numbers');
  }

  async onModuleInit(): Promise<void> {
    await this.numbers.createIndex({ year: 1, sequence: -1 });
    await this.numbers.createIndex({ caseId: 1, cycle: 1 });
  }

  async allocate(caseId: string, cycle: number, year: number): Promise<string> {
    const existing = await this.numbers.findOne({ caseId, cycle });
    if (existing) return existing._id;
    for (let attempt = 0; attempt < 1_000; attempt++) {
      const [last] = await this.numbers.find({ year }).sort({ sequence: -1 }).limit(1).toArray();
      const sequence = (last?.sequence ?? this.settings.firstSequence - 1) + 1 + Math.floor(attempt / 10);
      const number = certificateNumber(year, sequence);
      try {
        await this.numbers.insertOne({ _id: number, year, sequence, caseId, cycle });
        return number;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** (attempt % 10))));
      }
    }
    throw new Error(`could not allocate a certificate number for ${year}`);
  }
}
