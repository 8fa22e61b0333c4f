import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { certificateDates, certificateNumberProblem } from '@gbt/certificate-core';
import { reason, type ReasonCode } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { DomainRefusal } from '@gbt/platform';
import { holderKey, type HistoryEntry, type PublicStatus, type RegistryEntry } from './registry-entry';
import { comparatorFor, matcherFor, RegistryIndex, type RegistryQuery } from './registry-index';
import {
  changeId,
  RegistryCase,
  RegistryCaseSchema,
  RegistryChange,
  RegistryChangeSchema,
  RegistryDocument,
  RegistryDocumentSchema,
  RegistryHolder,
  RegistryHolderSchema,
  RegistryMeta,
  RegistryMetaSchema,
} from './registry.model';

export type { RegistrySort } from './registry-index';

export interface RegistrySearch extends RegistryQuery {
  /** Exactly this unified social credit code: read by key, current on every instance. */
  readonly creditCode?: string;
  /** Exactly this certificate number: read by key, current on every instance. */
  readonly number?: string;
}

/** How often an instance reads the change log for writes other instances made (ADR 0023). */
export const CATCH_UP_MS = 1_000;
/** Changes kept in the log; an instance further behind than this rebuilds its index. */
export const CHANGES_KEPT = 50_000;
const HEAD_HINT = 'changes-head';
/** Set once every entry has its case and holder key documents (entries written before they existed get them at the first start). */
const KEYS_BACKFILLED = 'keys-backfilled';

type NewEntry = Omit<RegistryEntry, 'holderKey' | 'status' | 'statusReason' | 'suspendedUntil' | 'supersededBy' | 'history'>;

/**
 * The public registry, a projection of lifecycle events. Each case's events arrive in order to
 * one handler, so a certificate's entry has one writer; a history entry is keyed by the event
 * that caused it, so a redelivered event adds nothing.
 *
 * Stored by `_id` only (ADR 0022): entries by certificate number, a case's numbers by case id, a
 * holder's numbers by credit code, and a log of changes by a dense sequence. Searches run on an
 * in-process index (`RegistryIndex`), loaded at start and kept current by this instance's writes
 * and by walking the change log every second for other instances' writes (ADR 0023).
 */
@Injectable()
export class Registry implements OnModuleInit, OnModuleDestroy {
  private readonly entries: Model<RegistryDocument>;
  private readonly cases: Model<RegistryCase>;
  private readonly holders: Model<RegistryHolder>;
  private readonly changes: Model<RegistryChange>;
  private readonly meta: Model<RegistryMeta>;
  readonly index = new RegistryIndex();
  /** Every change up to this sequence is in the index. */
  private cursor = 0;
  /** The highest sequence known to be taken; this instance claims the next one. */
  private head = 0;
  /** Sequences this instance wrote: its index had them at once, the walk skips them. */
  private readonly own = new Set<number>();
  private claims: Promise<unknown> = Promise.resolve();
  private walks: Promise<unknown> = Promise.resolve();
  private pendingWalks = 0;
  private readonly changeListeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    // Compiled here rather than registered by the module, as CaseAccess does: the module stays as it is.
    @InjectConnection() connection: Connection,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {
    this.entries = connection.model(RegistryDocument.name, RegistryDocumentSchema);
    this.cases = connection.model(RegistryCase.name, RegistryCaseSchema);
    this.holders = connection.model(RegistryHolder.name, RegistryHolderSchema);
    this.changes = connection.model(RegistryChange.name, RegistryChangeSchema);
    this.meta = connection.model(RegistryMeta.name, RegistryMetaSchema);
  }

  async onModuleInit(): Promise<void> {
    await this.rebuild();
    this.timer = setInterval(() => {
      if (this.pendingWalks > 0) return;
      this.catchUp().catch((err: unknown) => this.logger.warn('registry: reading the change log failed; trying again in a second', errorFields(err)));
    }, CATCH_UP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.walks;
    await this.claims;
  }

  async get(number: string): Promise<RegistryEntry | null> {
    return this.entries.findById(number.trim().toUpperCase()).lean<RegistryEntry>();
  }

  /** The entry for a number as someone typed it: 400 when the number is malformed, 404 when it is not registered. */
  async require(number: string): Promise<RegistryEntry> {
    const problem = certificateNumberProblem(number);
    if (problem) throw new DomainRefusal('InvalidCertificateNumber', problem, 400);
    const entry = await this.get(number);
    if (!entry) throw new DomainRefusal('UnknownCertificate', `no certificate ${number.trim().toUpperCase()} is registered: it may be forged or mistyped`, 404);
    return entry;
  }

  /** A case's certificates, first cycle first: its key document, then each entry by number. */
  async ofCase(caseId: string): Promise<RegistryEntry[]> {
    const key = await this.cases.findById(caseId).lean<RegistryCase>();
    return this.read(key?.numbers ?? []).then((entries) => entries.sort((a, b) => a.cycle - b.cycle));
  }

  /**
   * A page of the registry. With a number or a credit code, the entries are read by key (so every
   * instance answers with what is stored); otherwise the in-process index answers. Other filters
   * apply the same way on both paths.
   */
  async search(q: RegistrySearch): Promise<{ total: number; items: RegistryEntry[] }> {
    if (!q.number && !q.creditCode) return this.index.search(q);
    let numbers = q.number ? [q.number.trim().toUpperCase()] : null;
    if (q.creditCode) {
      const key = await this.holders.findById(q.creditCode.trim().toUpperCase()).lean<RegistryHolder>();
      const ofHolder = key?.numbers ?? [];
      numbers = numbers ? numbers.filter((n) => ofHolder.includes(n)) : ofHolder;
    }
    const test = matcherFor(q);
    const matches = (await this.read(numbers ?? []))
      .filter((e) => (!q.creditCode || e.holder.creditCode.toUpperCase() === q.creditCode.trim().toUpperCase()) && test(e))
      .sort(comparatorFor(q.sort ?? '-validFrom'));
    return { total: matches.length, items: matches.slice(q.offset, q.offset + q.limit) };
  }

  async issue(entry: NewEntry, eventId: string): Promise<void> {
    const { validUntil } = certificateDates(entry);
    const first: HistoryEntry = { eventId, status: 'valid', change: 'issued', reason: `certified at level ${entry.level} until ${validUntil}`, ...reason('certificate.issued', { level: entry.level, validUntil }), at: entry.validFrom };
    const doc: RegistryEntry = { ...entry, holderKey: holderKey(entry.holder.name), status: 'valid', statusReason: first.reason, suspendedUntil: null, supersededBy: null, history: [first] };
    let stored = doc;
    try {
      await this.entries.create(doc);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Issued before, perhaps by a delivery that stopped before the steps below: they are repeated.
      stored = (await this.get(doc._id)) ?? doc;
    }
    await this.addKeys(stored);
    await this.changed(stored);
  }

  /** Adds a history entry, and moves the status when the change has one. */
  async record(number: string, change: { eventId: string; at: string; change: string; reason: string; code: ReasonCode; params: Record<string, string>; status?: PublicStatus; suspendedUntil?: string | null; sites?: readonly string[] }, extra: (entry: RegistryEntry) => Partial<Pick<RegistryEntry, 'supersededBy' | 'version' | 'scope' | 'level'>> = () => ({})): Promise<void> {
    const entry = await this.get(number);
    if (!entry) return;
    // Recorded before: log it again, in case the delivery that recorded it stopped before logging.
    if (entry.history.some((h) => h.eventId === change.eventId)) return this.changed(entry);
    const status = change.status ?? entry.status;
    const history: HistoryEntry = { eventId: change.eventId, status, change: change.change, reason: change.reason, code: change.code, params: change.params, ...(change.sites?.length ? { sites: [...change.sites] } : {}), at: change.at };
    const next: RegistryEntry = {
      ...entry,
      ...extra(entry),
      status,
      statusReason: change.status ? change.reason : entry.statusReason,
      suspendedUntil: change.suspendedUntil !== undefined ? change.suspendedUntil : entry.suspendedUntil,
      history: [...entry.history, history],
    };
    await this.entries.replaceOne({ _id: number }, next);
    await this.changed(next);
  }

  /**
   * Reads the change log from where this instance got to and refreshes the entries others
   * changed. Returns how many changes it read. Walks run one after another, so a call made after
   * a write sees it.
   */
  catchUp(): Promise<number> {
    this.pendingWalks++;
    const run = this.walks.then(() => this.walk()).finally(() => this.pendingWalks--);
    this.walks = run.catch(() => undefined);
    return run;
  }

  /** Told after each change this instance writes, so a follower in the same process need not poll for it. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The certificate a registry change concerns, by its sequence; null when none is there (not yet, or pruned). The public log follows these. */
  async changeAt(seq: number): Promise<string | null> {
    return (await this.changes.findById(changeId(seq)).lean<RegistryChange>())?.number ?? null;
  }

  /** The change log's last sequence: where the public log starts following, and what its lag is measured against. */
  lastChange(): Promise<number> {
    return this.findHead();
  }

  /** Every entry in number order: a full read, for the public log's first start or after it fell behind the change log's retention. */
  all(): Promise<RegistryEntry[]> {
    return this.entries.find().sort({ _id: 1 }).lean<RegistryEntry[]>();
  }

  /** Reloads the index from the whole registry (the `_id`-ordered walk), then reads the changes made meanwhile. */
  async rebuild(): Promise<void> {
    await this.load();
    await this.catchUp();
  }

  private async load(): Promise<void> {
    // The log's head first: whatever is written during the read below is at a higher sequence, and is read again after.
    const head = await this.findHead();
    const all = await this.entries.find().sort({ _id: 1 }).lean<RegistryEntry[]>();
    if (!(await this.meta.exists({ _id: KEYS_BACKFILLED }))) {
      for (let i = 0; i < all.length; i += 16) await Promise.all(all.slice(i, i + 16).map((e) => this.addKeys(e)));
      await this.meta.updateOne({ _id: KEYS_BACKFILLED }, { $set: { value: all.length } }, { upsert: true });
      if (all.length) this.logger.info('registry: case and credit-code keys written for the entries stored before them', { entries: all.length });
    }
    this.index.load(all);
    this.cursor = head;
    this.head = Math.max(this.head, head);
  }

  private async walk(): Promise<number> {
    let read = 0;
    const numbers = new Set<string>();
    for (let idle = false; ; ) {
      const seq = this.cursor + 1;
      const change = await this.changes.findById(changeId(seq)).lean<RegistryChange>();
      if (change) {
        this.cursor = seq;
        this.head = Math.max(this.head, seq);
        read++;
        if (!this.own.delete(seq)) numbers.add(change.number);
        if (numbers.size >= 256) await this.refresh(numbers);
        continue;
      }
      if (idle) break;
      // Nothing at the next sequence. If the hint says it is taken, the log was pruned past this
      // instance (it slept through more than CHANGES_KEPT changes): reload everything.
      const hint = await this.meta.findById(HEAD_HINT).lean<RegistryMeta>();
      if (!hint || hint.value < seq) break;
      if (await this.changes.exists({ _id: changeId(seq) })) continue; // claimed just now, not pruned
      this.logger.warn('registry: the change log no longer holds changes this instance has not read; reloading the index', { cursor: this.cursor, head: hint.value });
      await this.load();
      numbers.clear();
      idle = true;
    }
    await this.refresh(numbers);
    return read;
  }

  private async refresh(numbers: Set<string>): Promise<void> {
    for (const entry of await this.read([...numbers])) this.index.upsert(entry);
    numbers.clear();
  }

  private async read(numbers: readonly string[]): Promise<RegistryEntry[]> {
    const found: RegistryEntry[] = [];
    // Point reads: on FerretDB 1.x `_id: {$in}` reads the whole collection (ADR 0022).
    for (let i = 0; i < numbers.length; i += 16) {
      const batch = await Promise.all(numbers.slice(i, i + 16).map((n) => this.entries.findById(n).lean<RegistryEntry>()));
      for (const e of batch) if (e) found.push(e);
    }
    return found;
  }

  private async addKeys(entry: RegistryEntry): Promise<void> {
    await this.cases.updateOne({ _id: entry.caseId }, { $addToSet: { numbers: entry._id } }, { upsert: true });
    await this.holders.updateOne({ _id: entry.holder.creditCode.toUpperCase() }, { $addToSet: { numbers: entry._id } }, { upsert: true });
  }

  /** This instance's index takes the entry now; the change log tells the other instances. */
  private async changed(entry: RegistryEntry): Promise<void> {
    this.index.upsert(entry);
    const claim = this.claims.then(() => this.claim(entry._id));
    this.claims = claim.catch(() => undefined);
    await claim;
  }

  /**
   * Takes the next free sequence for a change. A sequence is tried only once the one below is
   * known to be taken, so the log has no holes and a reader stops at the first missing `_id`.
   */
  private async claim(number: string): Promise<void> {
    let seq = Math.max(this.head, this.cursor) + 1;
    for (;; seq++) {
      try {
        await this.changes.create({ _id: changeId(seq), number, at: new Date() });
        break;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        this.head = seq;
      }
    }
    this.head = seq;
    // Unless a walk read it already (it got there between the insert and this line).
    if (seq > this.cursor) this.own.add(seq);
    for (const listener of this.changeListeners) listener();
    try {
      await this.meta.updateOne({ _id: HEAD_HINT }, { $max: { value: seq } }, { upsert: true });
      // Pruned only after the hint is past it by CHANGES_KEPT, so a hint never points below a pruned change.
      if (seq > CHANGES_KEPT) await this.changes.deleteOne({ _id: changeId(seq - CHANGES_KEPT) });
    } catch (err) {
      // The hint is a starting point only; a reader walks on from it.
      if (!isDuplicateKeyError(err)) this.logger.warn('registry: could not move the change log hint', { seq, ...errorFields(err) });
    }
  }

  /** The log's last sequence: from the hint, walking up by `_id` to the first free one. */
  private async findHead(): Promise<number> {
    let seq = (await this.meta.findById(HEAD_HINT).lean<RegistryMeta>())?.value ?? 0;
    while (await this.changes.exists({ _id: changeId(seq + 1) })) seq++;
    return seq;
  }
}
