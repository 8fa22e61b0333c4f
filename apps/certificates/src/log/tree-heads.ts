import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { signTreeHead, type TreeHead } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { CLOCK, Metrics, type Clock } from '@gbt/platform';
import type { SigningKeys } from '../keys/signing-keys';
import { RedisConnection } from '../redis-connection';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { LogStore } from './log-store';
import { LATEST_TREE_HEAD, sizeId } from './log.model';

export const LOG_KEYS = Symbol('LOG_KEYS');
const QUEUE = 'public-log-tree-heads';
const SCHEDULER = 'sign-tree-head';

/**
 * Signs a tree head at a regular interval when the log grew (ADR 0030): a BullMQ job scheduler, so
 * one run per interval across all instances, surviving restarts. A head is stored by its size with
 * an insert, so two signers of the same size keep the first; the `latest-tree-head` hint moves up
 * only after it. The head covers the log's `size` checkpoint, below which every subtree is stored.
 */
@Injectable()
export class TreeHeads implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly queue: Queue;
  private worker?: Worker;

  constructor(
    @Inject(LogStore) private readonly store: LogStore,
    @Inject(LOG_KEYS) private readonly keys: SigningKeys,
    @Inject(RedisConnection) private readonly redis: RedisConnection,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.queue = new Queue(QUEUE, { connection: redis.client, prefix: redis.prefix });
    this.queue.on('error', (err) => logger.warn('public log: tree head queue error', errorFields(err)));
    metrics.watchQueue(this.queue);
  }

  async onApplicationBootstrap(): Promise<void> {
    const every = this.settings.log.treeHeadIntervalMs;
    await this.queue.upsertJobScheduler(SCHEDULER, { every }, { name: SCHEDULER, opts: { removeOnComplete: 10, removeOnFail: 50 } });
    this.worker = new Worker(QUEUE, () => this.signIfGrown(), { connection: this.redis.client, prefix: this.redis.prefix, concurrency: 1 });
    this.worker.on('error', (err) => this.logger.warn('public log: tree head worker error', errorFields(err)));
    this.worker.on('failed', (job, err) => this.logger.warn('public log: signing a tree head failed; the next run tries again', { jobId: job?.id, ...errorFields(err) }));
    // A head for the log as it stands at start (the empty log's too), not one scheduled interval later.
    await this.signIfGrown().catch((err: unknown) => this.logger.warn('public log: signing a tree head at start failed; the scheduled run signs it', errorFields(err)));
  }

  /** Signs a head for the log's current size unless one exists already; the head that covers the log now. */
  async signIfGrown(): Promise<TreeHead> {
    const latest = await this.store.latestTreeHead();
    const size = await this.store.size();
    if (latest && latest.treeSize >= size) return latest;
    const head = signTreeHead({ treeSize: size, timestamp: this.clock.now().toISOString(), rootHash: await this.store.root(size), keyId: this.keys.current.kid }, this.keys.current.privateKey);
    let stored = head;
    try {
      await this.store.treeHeads.create({ _id: sizeId(size), ...head });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Signed already (another instance, or a run that stopped before the hint): that head stands.
      stored = (await this.store.treeHead(size)) ?? head;
    }
    const moveHint = () => this.store.meta.updateOne({ _id: LATEST_TREE_HEAD }, { $max: { value: size } }, { upsert: true });
    // Two first upserts of the hint: one inserts, the other fails on the key and then finds it.
    await moveHint().catch((err: unknown) => (isDuplicateKeyError(err) ? moveHint() : Promise.reject(err)));
    return stored;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
