import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import type { LogEntry } from '@gbt/certificate-core';
import { Lease } from '@gbt/event-store';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { MONGO_DB } from '@gbt/platform';
import { Registry } from '../registry/registry';
import { historyReason, type HistoryEntry } from '../registry/registry-entry';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { LogStore } from './log-store';
import { LogWriter, LostLogRace } from './log-writer';
import { REGISTRY_CURSOR } from './log.model';
import { TreeHeads } from './tree-heads';

const LEASE_TTL_MS = 15_000;
/** Registry changes read before the cursor is saved: a crash repeats at most these (each repeat appends nothing). */
const BATCH = 256;

/** A registry history entry as the log states it. */
export const logEntry = (number: string, h: HistoryEntry): LogEntry => ({ number, status: h.status, at: h.at, code: historyReason(h).code, eventId: h.eventId });

/**
 * Feeds the public log from the registry (ADR 0030). The registry writes a change (a dense
 * sequence, ADR 0023) after every write of an entry, a redelivered lifecycle event included; the
 * appender walks those changes by `_id` from its cursor, reads each changed entry and appends the
 * history entries whose event id the certificate's key document does not list yet. So every
 * status change is appended exactly once, however often an event or a change is seen, and the
 * cursor is saved only after the appends it covers. One instance appends at a time (a lease);
 * the first start, or one that finds the changes it needs pruned, reads the whole registry once.
 * A change this instance's registry writes wakes it at once, and a pass that appended signs a tree
 * head right away; the interval (`LOG_APPEND_INTERVAL_MS`) only catches other instances' changes,
 * so an idle service reads little.
 */
@Injectable()
export class LogAppender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly lease: Lease;
  private readonly writer: LogWriter;
  private leaseRenewAt = 0;
  private ready = false;
  private cursor: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  /** A change came in during a pass: one more pass follows it. */
  private again = false;
  private stopListening: () => void = () => undefined;

  constructor(
    @Inject(LogStore) private readonly store: LogStore,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(MONGO_DB) db: Db,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
    @Inject(TreeHeads) private readonly treeHeads: TreeHeads,
  ) {
    this.lease = new Lease(db, 'public-log-appender', randomUUID(), LEASE_TTL_MS);
    this.writer = new LogWriter(store);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.settings.log.appendIntervalMs);
    this.timer.unref();
    this.stopListening = this.registry.onChange(() => void this.tick());
    // The first pass now, not an interval later: a restarted appender catches up at once.
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening();
    clearInterval(this.timer);
    await this.running;
    if (this.ready) await this.lease.release().catch(() => undefined);
  }

  /** The registry changes not yet appended: the lag metric (point reads only). */
  async lag(): Promise<number> {
    const [head, cursor] = await Promise.all([this.registry.lastChange(), this.store.metaValue(REGISTRY_CURSOR)]);
    return Math.max(0, head - (cursor ?? 0));
  }

  /** One pass: appends what the registry changed since the cursor. Passes never overlap. */
  tick(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return this.running;
    }
    this.busy = true;
    this.running = this.pass()
      .then((appended) => (appended > 0 ? this.signTreeHead() : undefined))
      .catch((err: unknown) => {
        this.ready = false;
        if (err instanceof LostLogRace) this.logger.warn('public log: another instance appended; reading the log again', errorFields(err));
        else this.logger.warn('public log: appending failed; trying again', errorFields(err));
      })
      .finally(() => {
        this.busy = false;
        if (this.again) {
          this.again = false;
          void this.tick();
        }
      });
    return this.running;
  }

  private async signTreeHead(): Promise<void> {
    // The scheduled signer covers a failure here at its next run.
    await this.treeHeads.signIfGrown().catch((err: unknown) => this.logger.warn('public log: signing a tree head after appending failed; the scheduled run signs it', errorFields(err)));
  }

  /** How many leaves it appended. */
  private async pass(): Promise<number> {
    if (!(await this.holdLease())) return 0;
    if (!this.ready) {
      await this.writer.recover();
      this.cursor = await this.store.metaValue(REGISTRY_CURSOR);
      this.ready = true;
    }
    if (this.cursor === null) return this.readWholeRegistry('first start');
    let appended = 0;
    for (;;) {
      const from = this.cursor;
      const numbers = new Set<string>();
      let seq = from + 1;
      for (; seq <= from + BATCH; seq++) {
        const number = await this.registry.changeAt(seq);
        if (number === null) break;
        numbers.add(number);
      }
      if (numbers.size === 0) {
        // Nothing at the next sequence; if the registry is past it anyway, the change log was pruned beyond this cursor.
        if ((await this.registry.lastChange()) > from && (await this.registry.changeAt(from + 1)) === null) return appended + (await this.readWholeRegistry('its registry changes were pruned'));
        return appended;
      }
      for (const number of numbers) appended += await this.appendCertificate(number);
      await this.saveCursor(seq - 1);
      if (!(await this.holdLease())) return appended;
    }
  }

  /** Appends the certificate's history entries the log does not hold yet, in the registry's order. */
  private async appendCertificate(number: string): Promise<number> {
    const entry = await this.registry.get(number);
    if (!entry) return 0;
    const logged = new Set((await this.store.leavesOf(number)).map((l) => l.eventId));
    let appended = 0;
    for (const h of entry.history) {
      if (logged.has(h.eventId)) continue;
      await this.writer.append(logEntry(number, h));
      logged.add(h.eventId);
      appended++;
    }
    return appended;
  }

  /** Every entry, then the cursor at the change log's head as it was before the read. */
  private async readWholeRegistry(why: string): Promise<number> {
    const head = await this.registry.lastChange();
    const entries = await this.registry.all();
    this.logger.info(`public log: reading the whole registry (${why})`, { entries: entries.length, head });
    let appended = 0;
    for (const entry of entries) appended += await this.appendCertificate(entry._id);
    await this.saveCursor(head);
    return appended;
  }

  private async saveCursor(seq: number): Promise<void> {
    await this.store.meta.updateOne({ _id: REGISTRY_CURSOR }, { $set: { value: seq } }, { upsert: true });
    this.cursor = seq;
  }

  /** Renewed once half of it has run out; a lease newly won reads the log again (another holder may have appended). */
  private async holdLease(): Promise<boolean> {
    if (this.ready && Date.now() < this.leaseRenewAt) return true;
    const held = await this.lease.acquire();
    if (!held) this.ready = false;
    this.leaseRenewAt = held ? Date.now() + LEASE_TTL_MS / 2 : 0;
    return held;
  }
}
