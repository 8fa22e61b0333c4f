import { Kafka, logLevel } from 'kafkajs';

/** Events on the topics that the services' consumer groups have not yet handled. */
async function lag(kafka: Kafka, databases: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => databases.some((db) => id.startsWith(`${db}.`)));
    const ends = new Map<string, Map<number, number>>();
    const endOf = async (topic: string) => {
      if (!ends.has(topic)) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)])));
      return ends.get(topic) as Map<number, number>;
    };
    let behind = 0;
    for (const groupId of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const end = await endOf(topic);
        for (const { partition, offset } of partitions) if (Number(offset) >= 0) behind += Math.max(0, (end.get(partition) ?? 0) - Number(offset));
      }
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the services have worked through what is already on Kafka. The seed's every step
 * waits for an effect that travels through Kafka behind those events: where the same Kafka also
 * carries test runs (`npm test`), a service that was stopped meanwhile first reads all of theirs.
 * A few events behind is caught up enough: tests running meanwhile keep adding some.
 */
export async function waitForConsumersToCatchUp(brokers: string, databases: readonly string[], log: (line: string) => void, timeoutMs = 20 * 60_000): Promise<void> {
  const kafka = new Kafka({ clientId: 'demo-seed', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const deadline = Date.now() + timeoutMs;
  let told = 0;
  for (;;) {
    const behind = await lag(kafka, databases);
    if (behind <= 25) return;
    if (Date.now() > deadline) throw new Error(`the services are still ${behind} events behind on Kafka after ${timeoutMs / 60_000} minutes`);
    if (Date.now() - told > 15_000) {
      log(`waiting for the services to work through ${behind} earlier events on Kafka ...`);
      told = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
