import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import type { BenchContext } from './context';

/** One measured figure of ours, the baseline measured in the same run, and the target ratio. */
export interface Figure {
  readonly label: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline?: { readonly label: string; readonly value: number };
  /** Whether a higher value (throughput) or a lower one (time) is better. */
  readonly better: 'higher' | 'lower';
  /** Ratio ours/baseline to reach: at least this when higher is better, at most when lower is. */
  readonly target?: number;
  readonly note?: string;
}

export interface BenchResult {
  readonly id: string;
  readonly title: string;
  /** How it was measured, in a sentence or two. */
  readonly method: string;
  readonly figures: Figure[];
  /** Correctness counts (double claims, events relayed, ...), asserted by the short test. */
  readonly checks: Record<string, number>;
  readonly notes: string[];
  readonly seconds: number;
}

export const ratioOf = (f: Figure): number | undefined => (f.baseline && f.baseline.value > 0 ? f.value / f.baseline.value : undefined);

export function verdict(f: Figure): 'met' | 'missed' | '' {
  const ratio = ratioOf(f);
  if (f.target === undefined || ratio === undefined) return '';
  return (f.better === 'higher' ? ratio >= f.target : ratio <= f.target) ? 'met' : 'missed';
}

const ROOT = join(__dirname, '..', '..');
const packageVersion = (name: string): string => {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
};

export interface Machine {
  readonly lines: string[];
}

/** CPU, memory, load, Node.js and the servers' versions, for the report's header. */
export async function describeMachine(ctx: BenchContext): Promise<Machine> {
  const cpu = cpus();
  const lines = [
    `CPU: ${cpu[0]?.model.trim() ?? '?'}, ${cpu.length} logical cores`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the start)`,
    `OS: ${osType()} ${release()}`,
    `load average at the start: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (other work shares this machine)`,
    `Node.js ${process.version}; drivers: mongodb ${packageVersion('mongodb')}, kafkajs ${packageVersion('kafkajs')}, bullmq ${packageVersion('bullmq')}, ioredis ${packageVersion('ioredis')}, @event-driven-io/emmett-mongodb ${packageVersion('@event-driven-io/emmett-mongodb')}`,
  ];
  const client = await new MongoClient(ctx.mongoUri).connect();
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    lines.push(`MongoDB wire protocol server: FerretDB ${String(info.ferretdbVersion ?? 'v1.24.2 (tools/infra)').replace('unknown', 'v1.24.2 (built by tools/infra with its _id index fix, ADR 0011)')}, reporting MongoDB ${String(info.version)}, backend ${process.env.INFRA_FERRETDB_POSTGRESQL_URL ? 'PostgreSQL' : 'SQLite'}`);
  } finally {
    await client.close();
  }
  const redis = new IORedis(ctx.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const version = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    lines.push(`Redis ${version ?? '?'}`);
  } finally {
    redis.disconnect();
  }
  let kafka = '3.9.1 (tools/infra)';
  try {
    const pom = readFileSync(join(ROOT, 'tools', 'infra', 'kafka', 'pom.xml'), 'utf8');
    kafka = /<kafka\.version>([^<]+)</.exec(pom)?.[1] ?? /kafka_2\.1\d<\/artifactId>\s*<version>([^<]+)</.exec(pom)?.[1] ?? kafka;
  } catch {
    // keep the default
  }
  lines.push(`Apache Kafka ${kafka}, single-node KRaft at ${ctx.brokers}`);
  try {
    lines.push(`git: ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()}`);
  } catch {
    // not a checkout
  }
  return { lines };
}

const fmt = (n: number | undefined): string => {
  if (n === undefined || !Number.isFinite(n)) return 'n/a';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  if (Math.abs(n) >= 0.1 || n === 0) return n.toFixed(2);
  return n.toPrecision(2);
};

function figureRow(f: Figure): string {
  const ratio = ratioOf(f);
  const target = f.target === undefined ? '' : `${f.better === 'higher' ? '≥' : '≤'} ${f.target}x`;
  const baseline = f.baseline ? `${fmt(f.baseline.value)} (${f.baseline.label})` : '';
  const v = verdict(f);
  return `| ${f.label}${f.note ? ` — ${f.note}` : ''} | ${fmt(f.value)} ${f.unit} | ${baseline} | ${ratio === undefined ? '' : `${fmt(ratio)}x`} | ${target} | ${v === 'met' ? '**met**' : v === 'missed' ? '**missed**' : ''} |`;
}

export function renderSection(r: BenchResult): string {
  const lines = [`### ${r.title}`, '', r.method, '', '| figure | ours | baseline | ratio | target | |', '|---|---|---|---|---|---|', ...r.figures.map(figureRow)];
  const checks = Object.entries(r.checks);
  if (checks.length) lines.push('', `Checks: ${checks.map(([k, v]) => `${k} = ${v}`).join('; ')}.`);
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `- ${n}`));
  lines.push('', `(${r.seconds.toFixed(0)} s)`, '');
  return lines.join('\n');
}

/** The summary table: every figure with a target. */
export function renderSummary(results: readonly BenchResult[]): string {
  const rows = results.flatMap((r) => r.figures.filter((f) => f.target !== undefined).map((f) => ({ r, f })));
  return [
    '| benchmark | figure | ours | baseline | ratio | target | |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(({ r, f }) => {
      const v = verdict(f);
      return `| ${r.title} | ${f.label} | ${fmt(f.value)} ${f.unit} | ${fmt(f.baseline?.value)} | ${fmt(ratioOf(f))}x | ${f.better === 'higher' ? '≥' : '≤'} ${f.target}x | ${v === 'met' ? '**met**' : '**missed**'} |`;
    }),
  ].join('\n');
}

export function renderText(r: BenchResult): string {
  return [
    `== ${r.title} (${r.seconds.toFixed(0)} s)`,
    ...r.figures.map((f) => {
      const ratio = ratioOf(f);
      return `  ${f.label}: ${fmt(f.value)} ${f.unit}${f.baseline ? ` vs ${fmt(f.baseline.value)} ${f.baseline.label}` : ''}${ratio === undefined ? '' : ` = ${fmt(ratio)}x`}${f.target === undefined ? '' : ` (target ${f.better === 'higher' ? '>=' : '<='} ${f.target}x: ${verdict(f)})`}`;
    }),
    ...Object.entries(r.checks).map(([k, v]) => `  check ${k} = ${v}`),
  ].join('\n');
}
