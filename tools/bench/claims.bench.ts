import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { ServiceConfig } from '@gbt/platform';
import { QUEUES } from '../../apps/evidence-review/src/tasks/task-plan';
import { priorityFor, WorkQueues, type ReviewQueueOptions, type TaskData } from '../../apps/evidence-review/src/tasks/work-queues';
import type { BenchContext } from './context';
import { drive, interleave, now, percentile, perSecond } from './measure';
import type { BenchResult, Figure } from './report';

const QUEUE = QUEUES['5.1'];
const CLAIM_TIMEOUT_MS = 10 * 60_000;

function tasks(count: number, tag: string) {
  const due = Date.UTC(2027, 2, 1);
  return Array.from({ length: count }, (_, i) => {
    const caseId = `case-${tag}-${Math.floor(i / 10)}`;
    const taskId = `${caseId}.5.1.${i % 10}`;
    const dueAt = new Date(due + (i % 500) * 3_600_000);
    const data: TaskData = { caseId, taskId, indicatorId: `5.1.${i % 10}`, requirementIds: [`5.1.${i % 10}.1`], dueAt: dueAt.toISOString() };
    return { name: 'review-task', data, opts: { jobId: taskId, priority: priorityFor(dueAt), removeOnComplete: false, removeOnFail: false } };
  });
}

/**
 * The service's WorkQueues outside Nest. Its constructor is being extended (a metrics argument);
 * a no-op stand-in for any extra dependency keeps this benchmark independent of that wiring.
 */
function workQueues(config: ServiceConfig, options: ReviewQueueOptions): WorkQueues {
  const noMetrics = { watchQueue: () => undefined };
  return new (WorkQueues as unknown as new (...args: unknown[]) => WorkQueues)(config, options, noMetrics);
}

interface RaceOutcome {
  readonly perSecond: number;
  readonly latencies: number[];
  readonly claims: number;
  readonly doubleClaims: number;
  readonly unclaimed: number;
}

/** Runs `claimers` concurrent claimers until the queue is empty, recording every claim. */
async function race(claimers: number, total: number, claim: (claimer: number) => Promise<Job<TaskData> | null | undefined>): Promise<RaceOutcome> {
  const holders = new Map<string, number>();
  const latencies: number[] = [];
  let claims = 0;
  let doubleClaims = 0;
  const t = now();
  await drive(claimers, claimers, async (_, claimer) => {
    for (;;) {
      const started = now();
      const job = await claim(claimer);
      if (!job) return;
      latencies.push(now() - started);
      claims++;
      const id = job.data.taskId;
      if (holders.has(id)) doubleClaims++;
      holders.set(id, claimer);
    }
  });
  return { perSecond: perSecond(claims, now() - t), latencies, claims, doubleClaims, unclaimed: total - holders.size };
}

/**
 * Reviewer claim race: N concurrent claimers empty a queue of M prioritised tasks through the
 * service's `WorkQueues.claimNext` (BullMQ's atomic move to active under a lock token naming the
 * reviewer), against raw BullMQ `Worker.getNextJob` on the same Redis. Both are set up alike: one
 * connection, a prefix of their own, the same jobs.
 */
export async function claimsBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const claimers = ctx.size(100, 20);
  const total = ctx.size(10_000, 300);
  const rounds = ctx.size(2, 1);
  const outcomes: { ours: RaceOutcome[]; raw: RaceOutcome[] } = { ours: [], raw: [] };
  let n = 0;
  const m = await interleave(
    rounds,
    {
      ours: async () => {
        const prefix = ctx.name(`claims_ours_${n++}`);
        const queues = workQueues({ redisUrl: ctx.redisUrl } as ServiceConfig, { claimTimeoutMs: CLAIM_TIMEOUT_MS, prefix });
        try {
          await queues.queue(QUEUE).addBulk(tasks(total, prefix));
          const outcome = await race(claimers, total, (i) => queues.claimNext(QUEUE, `reviewer-${i}`, async () => 'take'));
          outcomes.ours.push(outcome);
          return outcome.perSecond;
        } finally {
          for (const q of Object.values(QUEUES)) await queues.queue(q).obliterate({ force: true }).catch(() => undefined);
          await queues.beforeApplicationShutdown();
          await queues.onApplicationShutdown();
        }
      },
      raw: async () => {
        const prefix = ctx.name(`claims_raw_${n++}`);
        const connection = new IORedis(ctx.redisUrl, { maxRetriesPerRequest: null });
        const queue = new Queue<TaskData>(QUEUE, { connection, prefix });
        const worker = new Worker<TaskData>(QUEUE, null, { connection, prefix, autorun: false, lockDuration: CLAIM_TIMEOUT_MS });
        worker.on('error', () => undefined);
        try {
          await queue.addBulk(tasks(total, prefix));
          const outcome = await race(claimers, total, (i) => worker.getNextJob(`reviewer-${i}|${randomUUID()}`, { block: false }));
          outcomes.raw.push(outcome);
          return outcome.perSecond;
        } finally {
          await queue.obliterate({ force: true }).catch(() => undefined);
          await worker.close();
          await queue.close();
          await connection.quit().catch(() => undefined);
        }
      },
    },
    { warmUp: false },
  );
  const latencies = (k: 'ours' | 'raw') => outcomes[k].flatMap((o) => o.latencies);
  const figures: Figure[] = [
    { label: `claims, ${claimers} claimers over ${total.toLocaleString('en-US')} tasks`, unit: 'claims/s', value: m.ours.median, baseline: { label: 'raw BullMQ getNextJob', value: m.raw.median }, better: 'higher' },
    { label: 'claim latency p50', unit: 'ms', value: percentile(latencies('ours'), 50), baseline: { label: 'raw getNextJob', value: percentile(latencies('raw'), 50) }, better: 'lower' },
    { label: 'claim latency p99', unit: 'ms', value: percentile(latencies('ours'), 99), baseline: { label: 'raw getNextJob', value: percentile(latencies('raw'), 99) }, better: 'lower' },
  ];
  const sum = (k: 'ours' | 'raw', f: (o: RaceOutcome) => number) => outcomes[k].reduce((a, o) => a + f(o), 0);
  return {
    id: 'claims',
    title: 'Reviewer claim race',
    method: `${claimers} concurrent claimers empty a queue of ${total.toLocaleString('en-US')} prioritised tasks; claims/s and the latency of each claim`,
    figures,
    checks: {
      rounds,
      claimsOurs: sum('ours', (o) => o.claims),
      doubleClaimsOurs: sum('ours', (o) => o.doubleClaims),
      unclaimedOurs: sum('ours', (o) => o.unclaimed),
      claimsRaw: sum('raw', (o) => o.claims),
      doubleClaimsRaw: sum('raw', (o) => o.doubleClaims),
      unclaimedRaw: sum('raw', (o) => o.unclaimed),
    },
    notes: [
      `Median claims/s of ${rounds} interleaved rounds (no warm-up: a round empties its queue); latency percentiles over every claim of those rounds.`,
      'Ours is the queue-level claim the HTTP endpoint runs (`WorkQueues.claimNext` with a verdict that takes every task); the endpoint adds a review-stream load and a conflict-of-interest lookup per claim (see the load figures).',
      'A double claim is a task handed to a second claimer while the first still holds it; every claim here is held to the end of the round, so any repeat is one.',
    ],
    seconds: (now() - started) / 1000,
  };
}
