import { readFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import { Topics } from '@gbt/contracts';
import { send, type Platform, type Service } from '../scenario';
import { now, percentile, sleep } from './measure';

/** One user-facing request of a scenario actor: who, which service, which path. */
export interface Probe {
  readonly label: string;
  readonly service: Service;
  readonly path: string;
  readonly as?: string;
}

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly failed: number;
}

/** p50/p95 of each request, sampled round-robin (so a burst from elsewhere hits all alike) after `warmUp` rounds that are not timed. */
export async function timeRequests(platform: Platform, probes: readonly Probe[], samples: number, warmUp = 1): Promise<Map<string, Latency>> {
  const runs = probes.map((probe) => ({ probe, times: [] as number[], failed: 0 }));
  for (let round = -warmUp; round < samples; round++) {
    for (const run of runs) {
      const t = now();
      const reply = await send(platform, run.probe.service, 'GET', run.probe.path, { as: run.probe.as });
      const ms = now() - t;
      // A failed request (a 401 is quick) is counted, not timed: it would flatter the latencies.
      if (reply.status !== 200) run.failed++;
      else if (round >= 0) run.times.push(ms);
    }
  }
  return new Map(runs.map((r) => [r.probe.label, { p50: percentile(r.times, 50), p95: percentile(r.times, 95), failed: r.failed }]));
}

/**
 * Relay live lag: an applicant registers an organisation (one commit in the applications store,
 * relayed by notification), timed from the answer to the event's arrival on Kafka. p99 of `samples`.
 */
export async function relayLag(platform: Platform, kafka: Kafka, groupId: string, applicant: string, samples: number, name: (i: number) => string, creditCode: (i: number) => string): Promise<{ p50: number; p99: number }> {
  const { arrived, stop } = await watchArrivals(kafka, groupId, Topics.organisation);
  await sleep(1_000);
  const lags: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const reply = await send(platform, 'applications', 'POST', '/organisations', {
        as: applicant,
        json: { name: name(i), creditCode: creditCode(i), address: '深圳市 Shenzhen', contacts: [{ name: applicant, phone: '+86 755 1234567', email: `${applicant}@example.com` }], outlets: [] },
        expect: 201,
      });
      const answered = now();
      const id = String(reply.body.organisationId);
      const deadline = Date.now() + 30_000;
      while (!arrived.has(id) && Date.now() < deadline) await sleep(2);
      const at = arrived.get(id);
      if (at !== undefined) lags.push(at - answered);
    }
  } finally {
    await stop();
  }
  return { p50: percentile(lags, 50), p99: percentile(lags, 99) };
}

/** When each stream's latest message reached a consumer of this topic (from its end, read as it arrives), by stream id (the message key). */
export async function watchArrivals(kafka: Kafka, groupId: string, topic: string): Promise<{ arrived: ReadonlyMap<string, number>; stop(): Promise<void> }> {
  const arrived = new Map<string, number>();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  await consumer.connect();
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({ eachMessage: async ({ message }) => void arrived.set(message.key?.toString() ?? '', now()) });
  await joined;
  return { arrived, stop: () => consumer.disconnect() };
}

/** CPU seconds (user + system) a process and its threads used so far, from /proc/<pid>/stat; 0 when gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return 0;
  }
}

/**
 * Waits until every process used less than `quietPercent` of a core over each of `windows`
 * consecutive windows of `windowMs` (a service that just started loads its indexes, catches up on
 * its topics and compiles its hot paths), or `timeoutMs` passed. Returns how long that took.
 */
export async function settled(processes: Readonly<Record<string, number>>, opts: { quietPercent: number; windowMs: number; windows: number; timeoutMs: number }): Promise<{ ms: number; quiet: boolean }> {
  const t = now();
  let quietWindows = 0;
  while (now() - t < opts.timeoutMs) {
    const { byProcess } = await idleCpu(processes, opts.windowMs);
    quietWindows = Object.values(byProcess).every((percent) => percent < opts.quietPercent) ? quietWindows + 1 : 0;
    if (quietWindows >= opts.windows) return { ms: now() - t, quiet: true };
  }
  return { ms: now() - t, quiet: false };
}

/** Share of one core each process used over `windowMs` of nobody using the system, and all together, in %. */
export async function idleCpu(processes: Readonly<Record<string, number>>, windowMs: number): Promise<{ total: number; byProcess: Record<string, number> }> {
  const before = Object.entries(processes).map(([label, pid]) => ({ label, pid, seconds: cpuSeconds(pid) }));
  const t = now();
  await sleep(windowMs);
  const window = (now() - t) / 1000;
  const byProcess = Object.fromEntries(before.map(({ label, pid, seconds }) => [label, ((cpuSeconds(pid) - seconds) / window) * 100]));
  return { total: Object.values(byProcess).reduce((a, b) => a + b, 0), byProcess };
}

/** What a service's runtime did: garbage-collection pause time and pauses over 10 ms (from its start), and the heap in use now. */
export interface Runtime {
  readonly gcMs: number;
  readonly gcPausesOver10ms: number;
  /** The pauses over 10 ms by V8's kind of collection (minor = scavenge, major = mark-compact, incremental = marking steps). */
  readonly slowPausesByKind: Readonly<Record<string, number>>;
  readonly heapMb: number;
}

const GC_KINDS = ['minor', 'major', 'incremental', 'weakcb'] as const;

/** The values of a metric's lines that carry every one of `labels` (in whatever order the registry writes them). */
const sample = (text: string, name: string, ...labels: string[]): number[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Each service's runtime figures, read from its own /metrics (prom-client's default Node.js metrics). */
export async function runtimeOf(platform: Platform, services: readonly Service[]): Promise<Map<Service, Runtime>> {
  const read = async (service: Service): Promise<[Service, Runtime]> => {
    const text = String((await send<string>(platform, service, 'GET', '/metrics', { expect: 200 })).body);
    const pauses = total(sample(text, 'nodejs_gc_duration_seconds_count'));
    const under10ms = total(sample(text, 'nodejs_gc_duration_seconds_bucket', 'le="0.01"'));
    const slowOf = (kind: string) => total(sample(text, 'nodejs_gc_duration_seconds_count', `kind="${kind}"`)) - total(sample(text, 'nodejs_gc_duration_seconds_bucket', 'le="0.01"', `kind="${kind}"`));
    const slowPausesByKind = Object.fromEntries(GC_KINDS.map((kind) => [kind, slowOf(kind)]));
    return [service, { gcMs: total(sample(text, 'nodejs_gc_duration_seconds_sum')) * 1000, gcPausesOver10ms: pauses - under10ms, slowPausesByKind, heapMb: total(sample(text, 'nodejs_heap_size_used_bytes')) / 2 ** 20 }];
  };
  return new Map(await Promise.all(services.map(read)));
}

/** What the runtime did between two readings: pauses in between, the heap at the second. */
export const runtimeBetween = (before: Runtime, after: Runtime): Runtime => ({
  gcMs: after.gcMs - before.gcMs,
  gcPausesOver10ms: after.gcPausesOver10ms - before.gcPausesOver10ms,
  slowPausesByKind: Object.fromEntries(Object.entries(after.slowPausesByKind).map(([kind, n]) => [kind, n - (before.slowPausesByKind[kind] ?? 0)])),
  heapMb: after.heapMb,
});
