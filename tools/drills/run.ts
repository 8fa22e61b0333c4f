// The reliability drills at full size, on a stack with a Kafka and a Redis of their own:
//   npm run drills -- [bad-input] [crashes] [--seed N] [--cases N] [--concurrency N] [--disrupt-every-ms N] [--timeout-min N]
import { testServers } from '@gbt/testing';
import { badInputDrill } from './bad-input.drill';
import { crashDrill } from './crash.drill';
import { failed, printReport, type DrillReport } from './figures';
import { startDrillStack } from './stack-target';

const option = (args: string[], name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : undefined;
};

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const chosen = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const wanted = (name: string) => chosen.length === 0 || chosen.includes(name);
  const reports: DrillReport[] = [];
  const drill = await startDrillStack();
  // Ctrl-C still stops the drill's own Kafka and Redis, which run detached from this process.
  process.once('SIGINT', () => void drill.stop().finally(() => process.exit(130)));
  try {
    if (wanted('bad-input')) reports.push(await badInputDrill(drill.target, { requests: 1_000, messages: 100, seed: option(args, '--seed') }));
    if (wanted('crashes')) {
      const cases = option(args, '--cases') ?? 200;
      reports.push(await crashDrill(drill.stack, drill.servers, testServers().mongoUri, {
        cases,
        concurrency: option(args, '--concurrency') ?? 16,
        disruptEveryMs: option(args, '--disrupt-every-ms') ?? 15_000,
        // 200 cases took 32.6 minutes here: allow 15 s a case, so a slower machine is not failed by the clock alone.
        timeoutMs: (option(args, '--timeout-min') ?? 0) * 60_000 || Math.max(10 * 60_000, cases * 15_000),
        progress: (line) => console.log(line),
      }));
    }
  } finally {
    await drill.stop();
  }
  for (const report of reports) printReport(report);
  return reports.some((r) => failed(r).length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
