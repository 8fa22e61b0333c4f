import { loadavg } from 'node:os';
import { MongoClient } from 'mongodb';
import { createKafka } from '@gbt/messaging';
import { startDrillServers, type DrillServers } from '../drills/drill-servers';
import { ALL_SERVICES, startStack, type ServiceName, type Stack } from '../e2e/stack';
import { CAST, certify, newCreditCode, send } from '../scenario';
import { growDatabase, takeTemplate, type Template } from './aging-grow';
import { idleCpu, relayLag, runtimeBetween, runtimeOf, settled, timeRequests, type Latency, type Probe, type Runtime } from './aging-probes';
import { measureRecovery, type Recovery } from './aging-recovery';
import type { BenchContext } from './context';
import { now } from './measure';
import type { BenchResult, Figure } from './report';

const TEMPLATE_NAME = '深圳绿建科技有限公司';
const CITIES = ['北京', '上海', '广州', '深圳', '重庆', '成都', '杭州', '南京', '武汉', '西安', '厦门', '福州', '苏州', '天津', '长沙', '青岛'];
const WORDS = ['华为', '绿建', '中建', '远大', '万科', '金地', '长安', '恒通', '鼎盛', '瑞丰', '海天', '东方', '新城', '宏达', '永信', '安泰'];
/** The k-th grown holder's name: varied, so a search matches a share of them, not all. */
const nameOf = (k: number) => `${CITIES[k % CITIES.length]}${WORDS[Math.floor(k / CITIES.length) % WORDS.length]}第${k}科技有限公司`;
const creditCodeOf = (k: number) => `91440300${String(k).padStart(9, '0')}X`;

interface Phase {
  readonly requests: Map<string, Latency>;
  readonly metrics: Map<string, Latency>;
  readonly lag: { p50: number; p99: number };
  readonly cpu: { total: number; byProcess: Record<string, number> };
  readonly recovery: Recovery;
}

/** The machine's load average (1, 5, 15 min) as a note reads it. */
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

/**
 * Issue 16: the tenth year runs as fast as the first. The services as `npm start` runs them
 * (tools/e2e/stack.ts), on a FerretDB, Kafka and Redis of the benchmark's own (so the idle CPU and
 * the latencies are of this stack only, not of other tests on the shared servers), take one case
 * to a certificate through the scenario actors; that is the demo-size system, measured. Then, with
 * the services stopped, their databases grow directly (bulk inserts of the very documents the
 * services wrote, each copy under new ids: `aging-grow.ts`) to `certificates` certifications, the
 * services start again on them, and the same is measured: every request of the actors p50/p95,
 * `/metrics` of each service, relay live lag, idle CPU of each process, and recovery (a backlog
 * published after a restart, `aging-recovery.ts`).
 */
export async function agingBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  // AGING_CERTIFICATES sets the grown size of a full run (default 10,000).
  const sizes = { certificates: ctx.size(Number(process.env.AGING_CERTIFICATES ?? 10_000), 300), samples: ctx.size(200, 5), warmUp: ctx.size(20, 1), settleMs: ctx.size(180_000, 30_000), lagSamples: ctx.size(200, 5), idleMs: ctx.size(60_000, 5_000), backlog: ctx.size(1_000, 50) };
  const notes: string[] = [`Load average (1, 5, 15 min) at the start: ${load()}.`];
  ctx.log('aging: starting a FerretDB, Kafka and Redis of its own, the services on them, and certifying one case (demo size)');
  const servers = await startDrillServers();
  const checks: Record<string, number> = {};
  try {
    const stack = await startStack(ALL_SERVICES, { servers, replayKafkaHistory: true });
    try {
      return await measureBoth(ctx, servers, stack, sizes, checks, notes, started);
    } finally {
      await stack.stop();
    }
  } finally {
    servers.stop();
  }
}

async function measureBoth(ctx: BenchContext, servers: DrillServers, stack: Stack, sizes: { certificates: number; samples: number; warmUp: number; settleMs: number; lagSamples: number; idleMs: number; backlog: number }, checks: Record<string, number>, notes: string[], started: number): Promise<BenchResult> {
  const p = stack.platform;
  const kafka = createKafka({ brokers: servers.brokers, clientId: ctx.name('aging'), logger: ctx.logger });
  const creditCode = newCreditCode();
  const certified = await certify(p, CAST, { name: TEMPLATE_NAME, creditCode });
  const review = await send(p, 'evidence-review', 'GET', `/cases/${certified.caseId}/review`, { as: CAST.lead, expect: 200 });
  const taskId = /"taskId":"([^"]+)"/.exec(JSON.stringify(review.body))?.[1] ?? 'none';
  const probes = probesFor(certified.caseId, taskId, certified.certificateNumber, creditCode);
  const servicePids = () => {
    const pids: Record<string, number> = {};
    for (const s of ALL_SERVICES) {
      const pid = stack.pid(s);
      if (pid !== undefined) pids[s] = pid;
    }
    return pids;
  };
  /** Until every service uses under 10 % of a core for 6 s (3 windows of 2 s). */
  const untilQuiet = () => settled(servicePids(), { quietPercent: 10, windowMs: 2_000, windows: 3, timeoutMs: sizes.settleMs });
  const measure = async (phase: string): Promise<Omit<Phase, 'recovery'>> => {
    // Both sizes are measured alike: services just started, quiet again, then warmed up by the same
    // requests. At demo size they had run the scenario; at the grown size they had just loaded it.
    for (const s of ALL_SERVICES) await stack.restart(s);
    const quiet = await untilQuiet();
    notes.push(`At ${phase} size the services were restarted and ${quiet.quiet ? 'quiet' : 'still not quiet'} (each under 10 % of a core for 6 s) ${(quiet.ms / 1000).toFixed(0)} s later; then ${rounds(sizes.warmUp)} of the requests, not timed.`);
    ctx.log(`aging: measuring at ${phase}`);
    const loadBefore = load();
    const runtimeBefore = await runtimeOf(p, ALL_SERVICES);
    const requests = await timeRequests(p, probes, sizes.samples, sizes.warmUp);
    const runtimeAfter = await runtimeOf(p, ALL_SERVICES);
    notes.push(`Runtime of each service during the ${phase} size's requests: ${ALL_SERVICES.map((s) => describeRuntime(s, runtimeBetween(runtimeBefore.get(s)!, runtimeAfter.get(s)!))).join('; ')}.`);
    const metrics = await timeRequests(p, ALL_SERVICES.map((s) => ({ label: `GET /metrics ${s}`, service: s, path: '/metrics' })), sizes.samples);
    let n = 0;
    const lag = await relayLag(p, kafka, ctx.name(`aging-lag-${phase}`), CAST.applicant, sizes.lagSamples, () => `延迟测量 lag ${phase} ${n++}`, () => newCreditCode());
    const processes: Record<string, number> = { ...servers.pids(), ...servicePids() };
    checks[`processes watched at ${phase}`] = Object.keys(processes).length;
    const cpu = await idleCpu(processes, sizes.idleMs);
    notes.push(`Load average at ${phase} size: ${loadBefore} before the requests, ${load()} after the idle CPU window.`);
    return { requests, metrics, lag, cpu };
  };
  const recover = async (phase: string): Promise<Recovery> => {
    ctx.log(`aging: recovery of ${sizes.backlog} commits at ${phase}`);
    const recovery = await measureRecovery(stack, servers.mongoUri, kafka, ctx.name(`aging-recovery-${phase}`), sizes.backlog, () => newCreditCode());
    checks[`recovery backlog missing on Kafka at ${phase}`] = sizes.backlog - recovery.arrived;
    notes.push(`Load average after the recovery at ${phase} size: ${load()}.`);
    return recovery;
  };
  // Taken before anything is measured: the copies are of the certification and of what the actors
  // did to reach it, not of the organisations the relay-lag probe registers (200 of them would make
  // each copy four times the size) nor of the recovery's backlog. Once the services are quiet, so
  // that what the certification set off (projections, the public log) is in the template too.
  await untilQuiet();
  const client = await new MongoClient(servers.mongoUri).connect();
  const templates = new Map(await Promise.all(ALL_SERVICES.map(async (s) => [s, await takeTemplate(client.db(stack.database(s)))] as const)).finally(() => client.close()));
  const demo = await measure('demo');
  const demoRecovery = await recover('demo');

  const grown = await grow(ctx, servers.mongoUri, stack, templates, sizes.certificates - 1, creditCode, checks);
  notes.push(`Load average after growing the store: ${load()}.`);
  const aged = await measure('grown');
  const agedRecovery = await recover('grown');
  for (const [label, l] of [...aged.requests, ...aged.metrics]) checks[`failed: ${label}`] = l.failed + (demo.requests.get(label) ?? demo.metrics.get(label))!.failed;
  notes.push(
    `Demo size: one certification (${grown.templateEvents} events in the services' stores). Grown: ${sizes.certificates.toLocaleString('en-US')} certifications, ${grown.events.toLocaleString('en-US')} events, ${grown.documents.toLocaleString('en-US')} documents written in ${(grown.ms / 1000).toFixed(0)} s by bulk inserts (services stopped), then the services started again on it.`,
    `${sizes.samples} samples per request after ${rounds(sizes.warmUp)} of warm-up, requests taken in turn; relay lag: ${sizes.lagSamples} organisations registered one after another; idle CPU over ${sizes.idleMs / 1000} s of each service, FerretDB, Kafka and Redis (100% = one core); recovery: the applications service stopped (SIGTERM), ${sizes.backlog} organisation registrations appended to its store directly, the service started again, timed from the start to the last on Kafka.`,
    'The servers are the benchmark\'s own (FerretDB, Kafka and Redis on other ports and data directories, as the drills start them): nothing else uses them. The machine\'s 2 cores are shared, hence the load averages above.',
    ...idleBelowTick(demo, aged),
    'Not grown: Redis (the review queues and timers) holds only the template case; the applicant\'s own case list stays one organisation (the copies belong to copied organisations, the membership document is per user).',
  );
  return { id: 'aging', title: 'The tenth year as the first: a grown store against demo size (issue 16)', method: `the whole stack on servers of its own at demo size, then grown to ${sizes.certificates.toLocaleString('en-US')} certifications, same run, same processes' code`, figures: figuresOf({ ...demo, recovery: demoRecovery }, { ...aged, recovery: agedRecovery }, sizes.certificates), checks, notes, seconds: (now() - started) / 1000 };
}

function probesFor(caseId: string, taskId: string, number: string, creditCode: string): Probe[] {
  const registry = (q: string) => `/registry/certificates?q=${encodeURIComponent(q)}&limit=20`;
  return [
    { label: 'applicant: own case list', service: 'applications', path: '/cases', as: CAST.applicant },
    { label: 'applicant: case page', service: 'applications', path: `/cases/${caseId}`, as: CAST.applicant },
    { label: 'applicant: case history', service: 'applications', path: `/cases/${caseId}/history`, as: CAST.applicant },
    { label: 'reviewer: work list', service: 'evidence-review', path: '/work-list', as: CAST.reviewer },
    { label: 'reviewer: task page', service: 'evidence-review', path: `/tasks/${encodeURIComponent(taskId)}`, as: CAST.reviewer },
    { label: 'lead: case list (all cases)', service: 'applications', path: '/cases', as: CAST.lead },
    { label: 'lead: queues', service: 'evidence-review', path: '/queues', as: CAST.lead },
    { label: 'lead: review of the case', service: 'evidence-review', path: `/cases/${caseId}/review`, as: CAST.lead },
    { label: 'decision maker: case page', service: 'applications', path: `/cases/${caseId}`, as: CAST.decider },
    { label: 'decision maker: decision basis', service: 'certificates', path: `/cases/${caseId}/decision-basis`, as: CAST.decider },
    { label: 'public: registry search by name "绿建"', service: 'certificates', path: registry('绿建') },
    { label: 'public: registry search by pinyin initials "szlj"', service: 'certificates', path: registry('szlj') },
    { label: 'public: registry search by credit code', service: 'certificates', path: registry(creditCode) },
    { label: 'public: registry search by number', service: 'certificates', path: registry(number) },
    { label: 'public: verify page (entry)', service: 'certificates', path: `/registry/certificates/${encodeURIComponent(number)}` },
  ];
}

/** Stops the services and grows their databases from the templates (the measurement starts them again). */
async function grow(ctx: BenchContext, mongoUri: string, stack: Stack, templates: ReadonlyMap<ServiceName, Template>, copies: number, creditCode: string, checks: Record<string, number>) {
  for (const s of ALL_SERVICES) await stack.kill(s, 'SIGTERM');
  const client = await new MongoClient(mongoUri).connect();
  const t = now();
  let templateEvents = 0;
  let documents = 0;
  try {
    for (const [s, template] of templates) {
      const commits = JSON.parse(template.get('es_commits') ?? '[]') as { events: unknown[] }[];
      templateEvents += commits.reduce((sum, c) => sum + c.events.length, 0);
      ctx.log(`aging: growing ${s} (${copies} copies)`);
      const grown = await growDatabase(client.db(stack.database(s)), template, { copies, templateName: TEMPLATE_NAME, nameOf, templateCreditCode: creditCode, creditCodeOf, firstSequence: 100_000 });
      documents += grown.written;
      checks[`commits added to ${s}`] = grown.commits;
    }
  } finally {
    await client.close();
  }
  const ms = now() - t;
  return { events: templateEvents * (copies + 1), templateEvents, documents, ms };
}

const rounds = (n: number) => `${n} round${n === 1 ? '' : 's'}`;

const describeRuntime = (service: string, r: Runtime) => {
  const kinds = Object.entries(r.slowPausesByKind).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}`);
  return `${service} ${r.gcMs.toFixed(0)} ms in GC (${r.gcPausesOver10ms} pauses over 10 ms${kinds.length ? `: ${kinds.join(', ')}` : ''}), heap ${r.heapMb.toFixed(0)} MB`;
};

/** Processes whose idle CPU was under one clock tick in a window (too little to read, so no figure). */
function idleBelowTick(demo: Pick<Phase, 'cpu'>, aged: Pick<Phase, 'cpu'>): string[] {
  const quiet = Object.keys(aged.cpu.byProcess).filter((name) => !((aged.cpu.byProcess[name] ?? 0) > 0 && (demo.cpu.byProcess[name] ?? 0) > 0));
  return quiet.length ? [`Idle CPU under one clock tick (10 ms) in a window, so no per-process figure: ${quiet.join(', ')} (counted in the stack's total as 0).`] : [];
}

function figuresOf(demo: Phase, aged: Phase, certificates: number): Figure[] {
  const at = `at ${certificates.toLocaleString('en-US')}`;
  const figures: Figure[] = [];
  for (const [label, l] of aged.requests) {
    const d = demo.requests.get(label)!;
    figures.push({ label: `${label} p50 ${at}`, unit: 'ms', value: l.p50, baseline: { label: 'demo size', value: d.p50 }, better: 'lower' });
    figures.push({ label: `${label} p95 ${at}`, unit: 'ms', value: l.p95, baseline: { label: 'demo size', value: d.p95 }, better: 'lower', target: 1.5 });
  }
  for (const [label, l] of aged.metrics) figures.push({ label: `${label} p95 ${at}`, unit: 'ms', value: l.p95, baseline: { label: 'demo size', value: demo.metrics.get(label)!.p95 }, better: 'lower' });
  figures.push({ label: `relay live lag p99 ${at}`, unit: 'ms', value: aged.lag.p99, baseline: { label: 'demo size', value: demo.lag.p99 }, better: 'lower', target: 1.5 });
  figures.push({ label: `idle CPU of the stack ${at}`, unit: '% of a core', value: aged.cpu.total, baseline: { label: 'demo size', value: demo.cpu.total }, better: 'lower', target: 1.2 });
  for (const [name, cpu] of Object.entries(aged.cpu.byProcess)) {
    const before = demo.cpu.byProcess[name] ?? Number.NaN;
    // A process that used less than one clock tick (10 ms) in the window reads 0: no ratio to give; the notes say so.
    if (cpu > 0 && before > 0) figures.push({ label: `idle CPU of ${name} ${at}`, unit: '% of a core', value: cpu, baseline: { label: 'demo size', value: before }, better: 'lower' });
  }
  figures.push({ label: `recovery: restart to backlog on Kafka ${at}`, unit: 'ms', value: aged.recovery.publishedMs, baseline: { label: 'demo size', value: demo.recovery.publishedMs }, better: 'lower', target: 1.5 });
  figures.push({ label: `recovery: restart to answering ${at}`, unit: 'ms', value: aged.recovery.startMs, baseline: { label: 'demo size', value: demo.recovery.startMs }, better: 'lower' });
  return figures;
}
