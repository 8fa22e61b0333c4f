import { EventEmitter } from 'node:events';
import IORedis from 'ioredis';
import type { MongoEventStore } from '@gbt/event-store';
import { JsonLogger } from '@gbt/messaging';
import { TestClock, testServers, uniqueName, waitFor } from '@gbt/testing';
import type { Consumers } from './consumers';
import { DurableJobs } from './durable-jobs';
import type { KafkaAdmin } from './kafka-admin';
import { Metrics } from './metrics';
import type { ServiceConfig } from './service-config';

interface Render {
  readonly number: string;
  readonly version: number;
}

describe('durable jobs on real Redis', () => {
  const prefix = uniqueName('dj');
  // A service clock far from the wall clock: jobs run at once all the same.
  const clock = new TestClock(new Date('2035-01-01T00:00:00Z'));
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('jobs-test', 'debug', (line) => lines.push(JSON.parse(line)));
  const metrics = new Metrics(
    { service: 'jobs-test' } as ServiceConfig,
    { notifications: new EventEmitter() } as unknown as MongoEventStore,
    {} as KafkaAdmin,
    {} as Consumers,
  );
  let connection: IORedis;
  let jobs: DurableJobs<Render>;

  beforeAll(() => {
    connection = new IORedis(testServers().redisUrl, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await jobs?.close();
    await connection.quit();
  });

  it('runs a job at once, once per id even when added again after it ran, and retries a failing one with its failures logged and counted', async () => {
    const queue = uniqueName('renders');
    jobs = new DurableJobs<Render>({ queue, connection, prefix, clock, logger, metrics, attempts: 3, backoffMs: 50 });
    const ran: { data: Render; id: string }[] = [];
    let failuresLeft = 2;
    jobs.start(async (data, id) => {
      if (data.version === 2 && failuresLeft-- > 0) throw new Error('renderer busy');
      ran.push({ data, id });
    });
    await jobs.add({ id: 'N-1@1', name: 'render', data: { number: 'N-1', version: 1 } });
    await waitFor(async () => ran.length === 1 || undefined, 10_000, 'the job to run');
    expect(ran).toEqual([{ data: { number: 'N-1', version: 1 }, id: 'N-1@1' }]);

    await jobs.add({ id: 'N-1@1', name: 'render', data: { number: 'N-1', version: 1 } });
    await jobs.add({ id: 'N-1@2', name: 'render', data: { number: 'N-1', version: 2 } });
    await waitFor(async () => ran.length === 2 || undefined, 10_000, 'the failing job to succeed');
    await jobs.idle();
    expect(ran.map((r) => r.id)).toEqual(['N-1@1', 'N-1@2']);
    const text = await metrics.registry.getSingleMetricAsString('gbt_timer_failures_total');
    const firing = text.split('\n').find((l) => l.includes(`queue="${queue}"`) && l.includes('stage="firing"'));
    expect(Number(firing?.slice(firing.lastIndexOf(' ') + 1))).toBe(2);
    expect(lines.filter((l) => l.msg === 'timer firing failed, will retry' && l.queue === queue)).toHaveLength(2);
  });
});
