import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { Topics } from '@gbt/contracts';
import { send, type Platform, type Service } from '../scenario';
import { now, percentile, sleep } from './measure';

const ROOT = join(__dirname, '..', '..');

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

/** p50/p95 of each request, sampled round-robin (so a burst from elsewhere hits all alike) after one warm-up each. */
export async function timeRequests(platform: Platform, probes: readonly Probe[], samples: number): Promise<Map<string, Latency>> {
  const runs = probes.map((probe) => ({ probe, times: [] as number[], failed: 0 }));
  for (let round = -1; round < samples; round++) {
    for (const run of runs) {
      const t = now();
      const reply = await send(platform, run.probe.service, 'GET', run.probe.path, { as: run.probe.as });
      const ms = now() - t;
      if (reply.status !== 200) run.failed++;
      if (round >= 0) run.times.push(ms);
    }
  }
  return new Map(runs.map((r) => [r.probe.label, { p50: percentile(r.times, 50), p95: percentile(r.times, 95), failed: r.failed }]));
}

/**
 * Relay live lag: an applicant registers an organisation (one commit in the applications store,
 * relayed by notification), timed from the answer to the event's arrival on Kafka. p99 of `samples`.
 */
export async function relayLag(platform: Platform, kafka: Kafka, groupId: string, applicant: string, samples: number, name: (i: number) => string, creditCode: (i: number) => string): Promise<{ p50: number; p99: number }> {
  const arrived = new Map<string, number>();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  await consumer.connect();
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.subscribe({ topics: Object.values(Topics), fromBeginning: false });
  await consumer.run({ eachMessage: async ({ message }) => void arrived.set(message.key?.toString() ?? '', now()) });
  await joined;
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
      let key: string | undefined;
      while (!(key = [...arrived.keys()].find((k) => k.includes(id))) && Date.now() < deadline) await sleep(2);
      const at = key === undefined ? undefined : arrived.get(key);
      if (at !== undefined) lags.push(at - answered);
    }
  } finally {
    await consumer.disconnect();
  }
  return { p50: percentile(lags, 50), p99: percentile(lags, 99) };
}

/** The whole stack's processes: the services' and the servers' (FerretDB, Kafka, Redis, from tools/infra's pid files). */
export function serverPids(): number[] {
  return ['ferretdb', 'kafka', 'redis']
    .map((s) => join(ROOT, '.infra', 'run', `${s}.pid`))
    .filter((f) => existsSync(f))
    .map((f) => Number(readFileSync(f, 'utf8').trim()))
    .filter((pid) => pid > 0);
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

/** Share of one core the processes used together over `windowMs` of nobody using the system, in %. */
export async function idleCpu(pids: readonly number[], windowMs: number): Promise<number> {
  const before = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const t = now();
  await sleep(windowMs);
  const after = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  return ((after - before) / ((now() - t) / 1000)) * 100;
}
