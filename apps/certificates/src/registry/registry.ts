import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection, Db, Filter } from 'mongodb';
import type { Level } from '@gbt/catalogue';
import { isDuplicateKeyError } from '@gbt/event-store';
import { certificateNumberProblem } from '@gbt/certificate-core';
import { DomainRefusal, MONGO_DB } from '@gbt/platform';
import { holderKey, type HistoryEntry, type PublicStatus, type RegistryEntry } from './registry-entry';

export interface RegistrySearch {
  readonly holder?: string;
  readonly creditCode?: string;
  readonly number?: string;
  readonly level?: Level;
  readonly status?: PublicStatus;
  readonly limit: number;
  readonly offset: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The public registry, a projection of lifecycle events. Each case's events arrive in order to
 * one handler, so a certificate's entry has one writer; a history entry is keyed by the event
 * that caused it, so a redelivered event adds nothing.
 */
@Injectable()
export class Registry implements OnModuleInit {
  private readonly entries: Collection<RegistryEntry>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.entries = db.collection<RegistryEntry>('registry');
  }

  async onModuleInit(): Promise<void> {
    await this.entries.createIndex({ 'holder.creditCode': 1 });
    await this.entries.createIndex({ holderKey: 1 });
    await this.entries.createIndex({ caseId: 1 });
  }

  async get(number: string): Promise<RegistryEntry | null> {
    return this.entries.findOne({ _id: number.trim().toUpperCase() });
  }

  /** The entry for a number as someone typed it: 400 when the number is malformed, 404 when it is not registered. */
  async require(number: string): Promise<RegistryEntry> {
    const problem = certificateNumberProblem(number);
    if (problem) throw new DomainRefusal('InvalidCertificateNumber', problem, 400);
    const entry = await this.get(number);
    if (!entry) throw new DomainRefusal('UnknownCertificate', `no certificate ${number.trim().toUpperCase()} is registered: it may be forged or mistyped`, 404);
    return entry;
  }

  async ofCase(caseId: string): Promise<RegistryEntry[]> {
    return this.entries.find({ caseId }).sort({ cycle: 1 }).toArray();
  }

  async search(q: RegistrySearch): Promise<{ total: number; items: RegistryEntry[] }> {
    const filter: Record<string, unknown> = {};
    if (q.holder) filter.holderKey = { $regex: escapeRegex(holderKey(q.holder)) };
    if (q.creditCode) filter['holder.creditCode'] = q.creditCode.toUpperCase();
    if (q.number) filter._id = q.number.trim().toUpperCase();
    if (q.level) filter.level = q.level;
    if (q.status) filter.status = q.status;
    const [total, items] = await Promise.all([this.entries.countDocuments(filter as Filter<RegistryEntry>), this.entries.find(filter as Filter<RegistryEntry>).sort({ validFrom: -1, _id: 1 }).skip(q.offset).limit(q.limit).toArray()]);
    return { total, items };
  }

  async issue(entry: Omit<RegistryEntry, 'holderKey' | 'status' | 'statusReason' | 'suspendedUntil' | 'supersededBy' | 'history'>, eventId: string): Promise<void> {
    const first: HistoryEntry = { eventId, status: 'valid', change: 'issued', reason: `certified at level ${entry.level} until ${entry.validUntil.slice(0, 10)}`, at: entry.validFrom };
    const doc: RegistryEntry = { ...entry, holderKey: holderKey(entry.holder.name), status: 'valid', statusReason: first.reason, suspendedUntil: null, supersededBy: null, history: [first] };
    await this.entries.insertOne(doc).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
  }

  /** Adds a history entry, and moves the status when the change has one. */
  async record(number: string, change: { eventId: string; at: string; change: string; reason: string; status?: PublicStatus; suspendedUntil?: string | null }, extra: (entry: RegistryEntry) => Partial<Pick<RegistryEntry, 'supersededBy' | 'version' | 'scope'>> = () => ({})): Promise<void> {
    const entry = await this.entries.findOne({ _id: number });
    if (!entry || entry.history.some((h) => h.eventId === change.eventId)) return;
    const status = change.status ?? entry.status;
    const history: HistoryEntry = { eventId: change.eventId, status, change: change.change, reason: change.reason, at: change.at };
    await this.entries.replaceOne(
      { _id: number },
      {
        ...entry,
        ...extra(entry),
        status,
        statusReason: change.status ? change.reason : entry.statusReason,
        suspendedUntil: change.suspendedUntil !== undefined ? change.suspendedUntil : entry.suspendedUntil,
        history: [...entry.history, history],
      },
    );
  }
}
