import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { EventRegistry, organisationEvents, Topics } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import type { Stack } from '../e2e/stack';
import { watchArrivals } from './aging-probes';
import { now, sleep } from './measure';

/** Who registers the backlog's organisations: nobody the probes act as, so no actor's case list grows with it. */
const REGISTRAR = 'aging.recovery';
/** Appends sent at once: the store groups their position claims, as a busy service's would be. */
const CONCURRENCY = 20;

export interface Recovery {
  /** From the restart to the service answering `/health`. */
  readonly startMs: number;
  /** From the restart to the last commit of the backlog arriving on Kafka. */
  readonly publishedMs: number;
  /** Commits of the backlog seen on Kafka (the short test checks it is all of them). */
  readonly arrived: number;
}

/**
 * Recovery after a stop: the applications service is stopped (SIGTERM, as a deployment stops it: its
 * relay hands back its lease), `backlog` organisations are registered directly in its event store,
 * one commit each (a claim and a commit, as its own appends write them, with nobody to publish
 * them), and the service is started again; timed until the last of them arrives on Kafka. What it
 * reads to find them starts at its relay's checkpoint, so this should not depend on what lies below.
 */
export async function measureRecovery(stack: Stack, mongoUri: string, kafka: Kafka, groupId: string, backlog: number, creditCode: () => string): Promise<Recovery> {
  const { arrived, stop } = await watchArrivals(kafka, groupId, Topics.organisation);
  try {
    await stack.kill('applications', 'SIGTERM');
    const streams = await appendBacklog(mongoUri, stack.database('applications'), backlog, creditCode);
    const t = now();
    await stack.restart('applications');
    const startMs = now() - t;
    const deadline = Date.now() + 300_000;
    while (streams.some((s) => !arrived.has(s)) && Date.now() < deadline) await sleep(20);
    const times = streams.map((s) => arrived.get(s)).filter((at): at is number => at !== undefined);
    return { startMs, publishedMs: Math.max(...times) - t, arrived: times.length };
  } finally {
    await stop();
  }
}

/** Appends one registration per new organisation with the store's own code; returns their stream ids. */
async function appendBacklog(mongoUri: string, database: string, count: number, creditCode: () => string): Promise<string[]> {
  const client = await new MongoClient(mongoUri).connect();
  try {
    const store = new MongoEventStore(client.db(database), { registry: new EventRegistry(organisationEvents) });
    const streams = Array.from({ length: count }, () => `org-${creditCode()}`);
    for (let i = 0; i < streams.length; i += CONCURRENCY) {
      await Promise.all(
        streams.slice(i, i + CONCURRENCY).map((organisationId, j) =>
          store.append(
            organisationId,
            [
              {
                type: 'applications.organisation-registered',
                data: {
                  name: `恢复测量 recovery ${i + j}`,
                  address: '深圳市 Shenzhen',
                  contacts: [{ name: REGISTRAR, phone: '+86 755 1234567', email: 'recovery@example.com' }],
                  outlets: [],
                  organisationId,
                  creditCode: organisationId.slice('org-'.length),
                  registeredBy: REGISTRAR,
                },
              },
            ],
            { expectedVersion: 0, readHead: null, occurredAt: new Date(), actor: { id: REGISTRAR }, correlationId: randomUUID(), causationId: null },
          ),
        ),
      );
    }
    return streams;
  } finally {
    await client.close();
  }
}
