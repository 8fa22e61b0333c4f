import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { defaultCatalogue } from '@gbt/catalogue';
import { freePort, waitFor } from '@gbt/testing';
import { planTasks, QUEUES } from './tasks/task-plan';
import { WorkQueues } from './tasks/work-queues';
import { startEvidenceReview } from './testing/harness';

/** A Redis of this test's own, configured as tools/infra configures the shared one, so it can be restarted. */
function startRedis(port: number, dir: string): ChildProcess {
  return spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
}

async function answering(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

describe('a Redis restart loses no review task', () => {
  let redis: ChildProcess;
  let url: string;
  let dir: string;
  let port: number;
  let h: Awaited<ReturnType<typeof startEvidenceReview>>;

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'redis-restart-'));
    url = `redis://127.0.0.1:${port}`;
    redis = startRedis(port, dir);
    await waitFor(() => answering(url), 10_000, 'the test Redis');
    h = await startEvidenceReview({ redisUrl: url });
  });
  afterAll(async () => {
    await h.close();
    redis.kill('SIGTERM');
  });

  it('keeps every task and claim across a restart and goes on working', async () => {
    const caseId = `case-${randomUUID()}`;
    const tasks = planTasks(caseId, defaultCatalogue);
    await h.reviews.plan(caseId, 'org-x', 'gbt27922-2011.v1', new Date(Date.now() + 3_600_000));
    const queues = h.app.get(WorkQueues);
    const ours = async (task: { caseId: string }) => (task.caseId === caseId ? ('take' as const) : ('skip' as const));
    const claimed = await queues.claimNext(QUEUES['5.1'], 'rita.reviewer', ours);
    // Only this case's tasks: the service also plans whatever the shared case topic holds.
    const countAll = async () =>
      (await Promise.all(Object.values(QUEUES).map((q) => queues.queue(q).getJobs(['prioritized', 'waiting', 'active', 'delayed'])))).flat().filter((j) => j?.data.caseId === caseId).length;
    expect(await countAll()).toBe(tasks.length);

    const stopped = new Promise((r) => redis.once('exit', r));
    redis.kill('SIGTERM'); // a clean shutdown: Redis writes its append-only file and exits
    await stopped;
    redis = startRedis(port, dir);
    await waitFor(() => answering(url), 10_000, 'Redis to come back');

    await waitFor(async () => (await countAll().catch(() => -1)) === tasks.length, 20_000, 'the tasks after the restart');
    expect((await queues.holder(QUEUES['5.1'], claimed!.data.taskId))?.reviewerId).toBe('rita.reviewer');
    const next = await queues.claimNext(QUEUES['5.1'], 'roy.reviewer', ours);
    expect(next?.data.caseId).toBe(caseId);
    expect(next?.data.taskId).not.toBe(claimed!.data.taskId);
  });
});
