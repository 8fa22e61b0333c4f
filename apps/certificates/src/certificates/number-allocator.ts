import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { certificateNumber } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { AllocatedNumber, NumberAssignment, NumberHint } from './certificate-number.model';

const slot = (year: number, sequence: number) => `${year}:${String(sequence).padStart(6, '0')}`;
const ATTEMPTS = 1_000;

/**
 * Certificate numbers, unique under any concurrency because each is claimed by inserting its
 * `<year>:<sequence>` key (the one write every MongoDB-wire server makes atomic): a writer that
 * loses the race for a sequence takes the next. Where to start is a per-year hint raised after
 * each claim (it may lag after a crash; the inserts then probe forward), so every read and write is
 * by `_id`. Asking again for the same case and cycle returns its number; two simultaneous first
 * asks for one case can leave a gap in the sequence, never a duplicate.
 */
@Injectable()
export class NumberAllocator {
  constructor(
    @InjectModel(AllocatedNumber.name) private readonly numbers: Model<AllocatedNumber>,
    @InjectModel(NumberAssignment.name) private readonly assignments: Model<NumberAssignment>,
    @InjectModel(NumberHint.name) private readonly hints: Model<NumberHint>,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {}

  async allocate(caseId: string, cycle: number, year: number): Promise<string> {
    const assignment = `${caseId}:${cycle}`;
    const existing = await this.assignments.findById(assignment).lean();
    if (existing) return existing.number;
    let sequence = (await this.lastHinted(year)) + 1;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const number = certificateNumber(year, sequence);
      try {
        await this.numbers.create({ _id: slot(year, sequence), number, caseId, cycle });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // Taken: jump past whatever the winners have hinted since, or to the next sequence.
        sequence = Math.max(sequence + 1, (await this.lastHinted(year)) + 1);
        continue;
      }
      await this.raiseHint(year, sequence);
      return this.assign(assignment, number);
    }
    throw new Error(`could not allocate a certificate number for ${year}`);
  }

  private async lastHinted(year: number): Promise<number> {
    const hint = await this.hints.findById(String(year)).lean();
    return Math.max(hint?.last ?? 0, this.settings.firstSequence - 1);
  }

  private async raiseHint(year: number, sequence: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.hints.updateOne({ _id: String(year) }, { $max: { last: sequence } }, { upsert: true });
        return;
      } catch (err) {
        // Two first claims of a year upserting at once: the loser raises the hint the winner made.
        if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
      }
    }
  }

  /** Records the case's number once; a concurrent first ask that recorded another first wins (ours is left a gap). */
  private async assign(assignment: string, number: string): Promise<string> {
    try {
      await this.assignments.create({ _id: assignment, number });
      return number;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const winner = await this.assignments.findById(assignment).lean();
      if (!winner) throw err;
      return winner.number;
    }
  }
}
