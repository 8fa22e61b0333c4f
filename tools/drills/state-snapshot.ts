import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Topics } from '@gbt/contracts';

/** Documents per collection of each database, and the end offset of each event topic: what "nothing changed" compares. */
export type Snapshot = Record<string, number>;

export async function snapshot(mongoUri: string, databases: readonly string[], kafka: Kafka): Promise<Snapshot> {
  const counts: Snapshot = {};
  const client = await new MongoClient(mongoUri).connect();
  try {
    for (const name of databases) {
      const db = client.db(name);
      for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        // Relay leases are renewed every few seconds whatever happens: bookkeeping, not data.
        if (collection === 'lease_terms') continue;
        // Position claims are pruned behind the relay's checkpoint (ADR 0022); the commits they point
        // to are counted in *_commits, which is where an accepted input would show.
        if (collection.endsWith('_positions')) continue;
        counts[`${name}.${collection}`] = await db.collection(collection).countDocuments();
      }
    }
  } finally {
    await client.close();
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of Object.values(Topics)) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      counts[`kafka:${topic}`] = offsets.reduce((sum, p) => sum + Number(p.high), 0);
    }
  } finally {
    await admin.disconnect();
  }
  return counts;
}

/** What moved between two snapshots, beyond the `expected` growth (the drill's own messages on a topic). */
export function differences(before: Snapshot, after: Snapshot, expected: Snapshot = {}): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? 0) + (expected[k] ?? 0) !== after[k]).map((k) => `${k}: ${before[k] ?? 'absent'} -> ${after[k] ?? 'absent'}`);
}
