import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { JsonLogger } from './logger';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(options: { brokers: string; clientId: string; logger: JsonLogger }): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
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

/** Creates topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: readonly { topic: string; numPartitions?: number }[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions ?? 3, replicationFactor: -1 })),
    });
  } finally {
    await admin.disconnect();
  }
}
