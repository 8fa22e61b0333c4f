import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import { createKafka, ensureTopics, JsonLogger } from '@gbt/messaging';

/** How big a benchmark runs: the full suite, or the short form the integration test runs. */
export type Mode = 'full' | 'short';

/**
 * What every benchmark gets: the servers, a run id for unique database, topic and queue names,
 * and a place to register what it created so it is removed afterwards. Databases are dropped only
 * after every client using them has closed (FerretDB's SQLite backend can crash otherwise).
 */
export class BenchContext {
  readonly runId = `bench_${randomUUID().slice(0, 8)}`;
  readonly mongoUri: string;
  readonly brokers: string;
  readonly redisUrl: string;
  private readonly databases = new Set<string>();
  private readonly topics = new Set<string>();
  private readonly clients = new Set<MongoClient>();
  readonly logger = new JsonLogger('bench', 'error');

  constructor(
    readonly mode: Mode,
    readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    const { MONGODB_URI, KAFKA_BROKERS, REDIS_URL } = process.env;
    if (!MONGODB_URI || !KAFKA_BROKERS || !REDIS_URL) {
      throw new Error('MONGODB_URI, KAFKA_BROKERS and REDIS_URL must be set: eval "$(node tools/infra/infra.mjs env)"');
    }
    this.mongoUri = MONGODB_URI;
    this.brokers = KAFKA_BROKERS;
    this.redisUrl = REDIS_URL;
  }

  get short(): boolean {
    return this.mode === 'short';
  }

  /** Picks the full or the short size. */
  size<T>(full: T, short: T): T {
    return this.short ? short : full;
  }

  name(what: string): string {
    return `${this.runId}_${what}`.replace(/[^A-Za-z0-9_]/g, '_');
  }

  /** A connected client of its own, closed by close() unless the benchmark closes it first. */
  async client(options: ConstructorParameters<typeof MongoClient>[1] = {}): Promise<MongoClient> {
    const client = await new MongoClient(this.mongoUri, options).connect();
    this.clients.add(client);
    client.once('close', () => this.clients.delete(client));
    return client;
  }

  /** A database of this run, dropped at close(). */
  database(client: MongoClient, what: string): Db {
    const name = this.name(what);
    this.databases.add(name);
    return client.db(name);
  }

  kafka(clientId = this.name('kafka')): Kafka {
    return createKafka({ brokers: this.brokers, clientId, logger: this.logger });
  }

  /** A topic of this run (deleted at close()). */
  async topic(kafka: Kafka, what: string, numPartitions = 3): Promise<string> {
    const topic = `${this.runId}.${what}`.replace(/_/g, '-');
    await ensureTopics(kafka, [{ topic, numPartitions }]);
    this.topics.add(topic);
    return topic;
  }

  /** Removes what the run created: topics, then databases once their clients are closed. */
  async close(): Promise<void> {
    for (const client of [...this.clients]) await client.close().catch(() => undefined);
    if (this.topics.size) {
      const admin = this.kafka(this.name('cleanup')).admin();
      try {
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        const ours = [...this.topics].flatMap((t) => [t, `${t}.dlq`]).filter((t) => existing.has(t));
        if (ours.length) await admin.deleteTopics({ topics: ours, timeout: 30_000 });
      } catch (err) {
        this.log(`cleanup: could not delete topics ${[...this.topics].join(', ')}: ${(err as Error).message}`);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
    if (this.databases.size) {
      const client = await new MongoClient(this.mongoUri).connect();
      try {
        for (const name of this.databases) await client.db(name).dropDatabase().catch((err: Error) => this.log(`cleanup: drop ${name}: ${err.message}`));
      } finally {
        await client.close();
      }
    }
  }
}
