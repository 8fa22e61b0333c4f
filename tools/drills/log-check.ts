import { MongoClient } from 'mongodb';
import { entryLeafHash, type LogEntry } from '@gbt/certificate-core';

interface RegistryDoc {
  _id: string;
  history: { eventId: string }[];
}
type LeafDoc = LogEntry & { _id: string; hash: string };

/** The public log against the registry after a drill (ADR 0030): read whole, as only a drill may. */
export interface LogCheck {
  /** History entries of the registry (every status change it recorded). */
  readonly changes: number;
  readonly leaves: number;
  /** Status changes the log does not hold. */
  readonly missing: string[];
  /** Status changes the log holds more than once. */
  readonly duplicated: string[];
  /** Leaves whose stored hash is not the hash of their entry, or whose indexes have a hole. */
  readonly broken: string[];
}

export async function checkPublicLog(mongoUri: string, database: string): Promise<LogCheck> {
  const client = await new MongoClient(mongoUri).connect();
  try {
    const db = client.db(database);
    const entries = await db.collection<RegistryDoc>('registry').find({}, { projection: { history: 1 } }).toArray();
    const leaves = await db.collection<LeafDoc>('log_leaves').find({}).sort({ _id: 1 }).toArray();
    const seen = new Map<string, number>();
    const broken: string[] = [];
    leaves.forEach((leaf, i) => {
      if (Number(leaf._id) !== i) broken.push(`leaf ${i} is stored as ${leaf._id}`);
      if (entryLeafHash(leaf).toString('hex') !== leaf.hash) broken.push(`leaf ${leaf._id} does not hash to its entry`);
      const key = `${leaf.number} ${leaf.eventId}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    const missing: string[] = [];
    let changes = 0;
    for (const entry of entries) {
      for (const h of entry.history) {
        changes++;
        if (!seen.has(`${entry._id} ${h.eventId}`)) missing.push(`${entry._id} ${h.eventId}`);
      }
    }
    const duplicated = [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${key} (${count} times)`);
    return { changes, leaves: leaves.length, missing, duplicated, broken };
  } finally {
    await client.close();
  }
}

/** Waits until the certificates service reports the log caught up with the registry (gbt_public_log_lag_changes 0), at most a minute. */
export async function logCaughtUp(metricsUrl: string): Promise<void> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const text = await fetch(metricsUrl).then((r) => r.text()).catch(() => '');
    if (/^gbt_public_log_lag_changes(\{[^}]*\})? 0$/m.test(text)) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
