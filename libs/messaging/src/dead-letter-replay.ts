import type { Kafka } from 'kafkajs';
import { deadLetterTopic, MessageHeaders } from '@gbt/contracts';

export interface ReplayResult {
  readonly replayed: number;
  readonly skipped: number;
}

const DLQ_HEADERS = new Set<string>([
  MessageHeaders.dlqReason,
  MessageHeaders.dlqConsumerGroup,
  MessageHeaders.dlqOriginalTopic,
  MessageHeaders.dlqOriginalPartition,
  MessageHeaders.dlqOriginalOffset,
  MessageHeaders.dlqAttempts,
  MessageHeaders.dlqFailedAt,
]);

/**
 * Sends what one consumer group parked on `<topic>.dlq` back to `<topic>`, once its cause is fixed.
 * Other groups see the message again too, and skip it: their inbox already holds its event id.
 * Reads the dead-letter topic from the start with a group of its own (named by `replayId`), so
 * running the same replay again continues where it stopped instead of sending messages twice.
 */
export async function replayDeadLetters(kafka: Kafka, options: { topic: string; consumerGroup: string; replayId: string; idleMs?: number }): Promise<ReplayResult> {
  const admin = kafka.admin();
  await admin.connect();
  const replayGroup = `dlq-replay.${options.replayId}`;
  const end = await admin.fetchTopicOffsets(deadLetterTopic(options.topic));
  const [committed] = await admin.fetchOffsets({ groupId: replayGroup, topics: [deadLetterTopic(options.topic)] });
  await admin.disconnect();
  const already = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  // Partitions with nothing left to read for this replay are done from the start.
  const remaining = new Map(end.map((p) => [p.partition, (already.get(p.partition) ?? -1) >= Number(p.high) ? 0 : Number(p.high)]));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: replayGroup, maxWaitTimeInMs: 200 });
  let replayed = 0;
  let skipped = 0;
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: deadLetterTopic(options.topic), fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      const check = () => [...remaining.values()].every((high) => high <= 0) && resolve();
      check();
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const group = message.headers?.[MessageHeaders.dlqConsumerGroup]?.toString();
          if (group === options.consumerGroup) {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).filter(([k]) => !DLQ_HEADERS.has(k)));
            await producer.send({ topic: options.topic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
            replayed++;
          } else {
            skipped++;
          }
          if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.set(partition, 0);
          check();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((r) => (timer = setTimeout(r, options.idleMs ?? 30_000)))]);
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return { replayed, skipped };
}
