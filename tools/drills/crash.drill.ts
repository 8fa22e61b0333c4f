import { send, type Platform } from '../scenario';
import { ALL_SERVICES, type ServiceName, type Stack } from '../e2e/stack';
import type { DrillServers, RestartableServer } from './drill-servers';
import { readLedger } from './event-ledger';
import { checkPublicLog, logCaughtUp } from './log-check';
import type { DrillReport } from './figures';
import { ReviewerPool } from './persist';
import { driveToCertificate, newCaseRun, type CaseRun } from './resilient-case';

export interface CrashDrillSizes {
  readonly cases: number;
  /** Cases driven at once; the rest wait their turn (all are in flight between their first and last step). */
  readonly concurrency: number;
  /** Pause between one disruption and the next. */
  readonly disruptEveryMs: number;
  /** Rounds of disruptions (every service killed, Kafka and Redis restarted); unlimited while cases are in flight. */
  readonly rounds?: number;
  readonly timeoutMs: number;
  /** Where progress lines go (every 10 s): where the cases stand and what was disrupted. */
  readonly progress?: (line: string) => void;
}

type Disruption = { kind: 'kill -9'; service: ServiceName } | { kind: 'restart'; server: RestartableServer };

/** Each service killed in turn, then the broker and Redis restarted, repeated while cases are in flight. */
const DISRUPTIONS: readonly Disruption[] = [
  ...ALL_SERVICES.map((service) => ({ kind: 'kill -9' as const, service })),
  { kind: 'restart', server: 'kafka' },
  { kind: 'restart', server: 'redis' },
];

/**
 * Cases applied for, reviewed, scored and granted over HTTP while services are killed with SIGKILL
 * and restarted, and the broker and Redis are restarted under them. Afterwards: every case holds
 * exactly one certificate, nothing appended is left unpublished, no cause is applied twice.
 */
export async function crashDrill(stack: Stack, servers: DrillServers, mongoUri: string, sizes: CrashDrillSizes): Promise<DrillReport> {
  const platform: Platform = stack.platform;
  const deadline = Date.now() + sizes.timeoutMs;
  const runs = Array.from({ length: sizes.cases }, (_, i) => newCaseRun(i + 1));
  const counters = { retries: 0 };
  const reviewers = new ReviewerPool(['rita.reviewer', 'roy.reviewer', 'lena.lead']);
  let finished = false;
  const recoveries: { what: string; ms: number }[] = [];

  const disrupt = async () => {
    const limit = (sizes.rounds ?? Infinity) * DISRUPTIONS.length;
    for (let i = 0; !finished && i < limit; i++) {
      await new Promise((r) => setTimeout(r, sizes.disruptEveryMs));
      if (finished) break;
      const d = DISRUPTIONS[i % DISRUPTIONS.length] as Disruption;
      const started = Date.now();
      if (d.kind === 'kill -9') await stack.restart(d.service);
      else servers.restart(d.server);
      recoveries.push({ what: d.kind === 'kill -9' ? `kill -9 ${d.service}` : `restart ${d.server}`, ms: Date.now() - started });
    }
  };

  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const run = runs[next++] as CaseRun;
      await driveToCertificate(platform, run, reviewers, counters, deadline).catch((err: unknown) => {
        run.error = String(err);
      });
    }
  };
  const disruptions = disrupt();
  const reporter = setInterval(() => {
    const stages = new Map<string, number>();
    for (const run of runs) {
      const stage = run.error ? 'failed' : run.certificateNumber ? 'certified' : (run.status ?? 'waiting');
      stages.set(stage, (stages.get(stage) ?? 0) + 1);
    }
    const last = recoveries.at(-1);
    sizes.progress?.(`[crash drill ${Math.round((Date.now() - started) / 1000)} s] ${[...stages].map(([s, n]) => `${s} ${n}`).join(', ')}; ${recoveries.length} disruptions${last ? ` (last: ${last.what}, ${last.ms} ms)` : ''}; ${counters.retries} retries`);
  }, 10_000);
  await Promise.all(Array.from({ length: sizes.concurrency }, worker));
  finished = true;
  clearInterval(reporter);
  await disruptions;
  const seconds = (Date.now() - started) / 1000;

  // Every certificate the registry lists per company, once the services have caught up: the
  // registry learns of an issuance a moment after the case shows it.
  await settle(stack);
  const certificatesOf = new Map<string, string[]>();
  for (const run of runs) {
    const listed = async () => {
      const found = await send<{ items: { number: string }[] }>(platform, 'certificates', 'GET', `/registry/certificates?creditCode=${run.creditCode}`, { expect: 200 });
      return found.body.items.map((c) => c.number);
    };
    let numbers = await listed();
    for (const until = Date.now() + 60_000; run.certificateNumber && numbers.length === 0 && Date.now() < until; numbers = await listed()) {
      await new Promise((r) => setTimeout(r, 500));
    }
    certificatesOf.set(run.creditCode, numbers);
  }
  const ledger = await readLedger(mongoUri, ALL_SERVICES.map((name) => stack.database(name)));
  // The public log survived too: every status change the registry recorded is in it exactly once (ADR 0030).
  await logCaughtUp(`${stack.url('certificates')}/metrics`);
  const log = await checkPublicLog(mongoUri, stack.database('certificates'));
  const granted = runs.filter((r) => r.certificateNumber);
  const issued = ledger.byType.get('certificates.certificate-issued') ?? 0;
  const grants = ledger.byType.get('certification.certification-granted') ?? 0;
  const wrongCount = runs.filter((r) => (certificatesOf.get(r.creditCode) ?? []).length !== 1);
  const kills = recoveries.filter((r) => r.what.startsWith('kill'));
  const restarts = recoveries.filter((r) => r.what.startsWith('restart'));
  const slowest = (list: typeof recoveries) => (list.length ? `${(Math.max(...list.map((r) => r.ms)) / 1000).toFixed(1)} s` : '-');

  return {
    drill: `crashes: ${sizes.cases} cases, ${sizes.concurrency} at a time`,
    figures: [
      { name: 'cases', value: runs.length },
      { name: 'cases certified', value: granted.length, mustBe: runs.length },
      { name: 'services killed with SIGKILL and restarted', value: kills.length },
      { name: 'Kafka and Redis restarts', value: restarts.length },
      { name: 'slowest service recovery (until it answers)', value: slowest(kills) },
      { name: 'slowest server restart', value: slowest(restarts) },
      { name: 'requests retried across outages', value: counters.retries },
      { name: 'minutes taken', value: (seconds / 60).toFixed(1) },
      { name: 'companies without exactly one certificate', value: wrongCount.length, mustBe: 0 },
      { name: 'grants recorded in the lifecycle', value: grants, mustBe: granted.length },
      { name: 'certificates issued', value: issued, mustBe: granted.length },
      { name: 'events appended but never published (lost)', value: ledger.unpublished, mustBe: 0 },
      { name: 'causes applied twice (duplicated)', value: ledger.doubleApplied.length, mustBe: 0 },
      { name: 'status changes in the registry', value: log.changes },
      { name: 'entries in the public log', value: log.leaves, mustBe: log.changes },
      { name: 'status changes missing from the public log', value: log.missing.length, mustBe: 0 },
      { name: 'status changes in the public log more than once', value: log.duplicated.length, mustBe: 0 },
      { name: 'public log leaves out of place or not hashing to their entry', value: log.broken.length, mustBe: 0 },
    ],
    problems: [
      ...runs.filter((r) => r.error).map((r) => `case ${r.index} (${r.caseId ?? 'no case'}): ${r.error}`),
      ...wrongCount.map((r) => `company of case ${r.index} has certificates [${(certificatesOf.get(r.creditCode) ?? []).join(', ')}]`),
      ...ledger.doubleApplied.slice(0, 20),
      ...[...log.missing.map((m) => `missing from the public log: ${m}`), ...log.duplicated.map((d) => `in the public log twice: ${d}`), ...log.broken].slice(0, 20),
    ],
  };
}

/**
 * Waits until, three scrapes in a row, every service's outbox is empty (what was appended reached
 * Kafka) and every consumer group has read its topics to the end (what reached Kafka was handled).
 */
async function settle(stack: Stack): Promise<void> {
  const pending = async () => {
    let total = 0;
    for (const name of ALL_SERVICES) {
      const text = await fetch(`${stack.url(name)}/metrics`).then((r) => r.text());
      for (const line of text.split('\n')) {
        if (line.startsWith('gbt_outbox_pending_commits') || line.startsWith('gbt_consumer_lag_messages')) total += Number(line.split(' ').at(-1) ?? 0);
      }
    }
    return total;
  };
  const until = Date.now() + 60_000;
  let quiet = 0;
  while (Date.now() < until && quiet < 3) {
    quiet = (await pending()) === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
