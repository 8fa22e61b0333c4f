import type { Kafka, KafkaMessage } from 'kafkajs';
import { uniqueName, waitFor } from '@gbt/testing';

/** Where each partition of a topic ends now (its high watermark): the offset its next message gets. */
export type TopicEnds = ReadonlyMap<number, number>;

export async function topicEnds(kafka: Kafka, topic: string): Promise<TopicEnds> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * The messages a topic received between two moments (its ends then), read by seeking each partition
 * to where it ended first, not by reading its whole history: topics are shared by every test run.
 */
export async function messagesBetween(kafka: Kafka, topic: string, from: TopicEnds, to: TopicEnds, timeoutMs = 30_000): Promise<KafkaMessage[]> {
  const grown = [...to].filter(([partition, end]) => end > (from.get(partition) ?? 0));
  if (grown.length === 0) return [];
  const reached = new Map<number, number>();
  const messages: KafkaMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('range-reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const offset = Number(message.offset);
        reached.set(partition, Math.max(reached.get(partition) ?? -1, offset));
        if (offset >= (from.get(partition) ?? 0) && offset < (to.get(partition) ?? 0)) messages.push(message);
      },
    });
    for (const [partition] of grown) consumer.seek({ topic, partition, offset: String(from.get(partition) ?? 0) });
    await waitFor(async () => grown.every(([partition, end]) => (reached.get(partition) ?? -1) >= end - 1), timeoutMs, `${topic} to be read up to its ends`);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Moves a consumer group that has no member past everything on a topic now: it will not read what is there. */
export async function skipToEnds(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  const ends = await topicEnds(kafka, topic);
  const admin = kafka.admin();
  await admin.connect();
  try {
    // A member that left a moment ago may still be counted: the broker refuses until the group is empty.
    await waitFor(
      () =>
        admin
          .setOffsets({ groupId, topic, partitions: [...ends].map(([partition, offset]) => ({ partition, offset: String(offset) })) })
          .then(() => true)
          .catch(() => false),
      30_000,
      `group ${groupId} to be empty`,
    );
  } finally {
    await admin.disconnect();
  }
}
