import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { stopIdleRequestQueueLoop } from './kafkajs-idle-fix';
import type { JsonLogger } from './logger';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(options: { brokers: string; clientId: string; logger: JsonLogger }): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  stopIdleRequestQueueLoop();
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        options.logger[LEVELS[level] ?? 'info'](`kafkajs: ${message}`, rest);
      },
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/**
 * Creates topics that do not exist yet and waits until every partition has a leader. Several
 * processes may do this at once on a fresh broker, so "already exists" and "not hosted yet"
 * are expected answers, retried rather than failed.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly { topic: string; numPartitions?: number }[], timeoutMs = 30_000): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t.topic));
        if (missing.length) {
          await admin.createTopics({
            waitForLeaders: false,
            topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions ?? 3, replicationFactor: -1 })),
          });
        }
        const { topics: described } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
        if (described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
        throw new Error(`topics ${topics.map((t) => t.topic).join(', ')} have no leader yet`);
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * attempt)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
