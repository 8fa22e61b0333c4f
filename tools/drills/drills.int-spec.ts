import { testServers } from '@gbt/testing';
import { badInputDrill } from './bad-input.drill';
import { crashDrill } from './crash.drill';
import { failed, printReport, type DrillReport } from './figures';
import { startDrillStack } from './stack-target';

/**
 * The reliability drills in short form (the full ones: `npm run drills`), on a stack with a Kafka and
 * a Redis of their own so restarting them does not disturb the other test files.
 */
describe('reliability drills (short form)', () => {
  let drill: Awaited<ReturnType<typeof startDrillStack>>;
  const show = (report: DrillReport) => printReport(report, (line) => process.stdout.write(line + '\n'));

  beforeAll(async () => {
    drill = await startDrillStack();
  }, 240_000);
  afterAll(() => drill?.stop(), 120_000);

  it('answers every malformed request with a 4xx, parks every malformed message with its reason, and changes nothing', async () => {
    const report = await badInputDrill(drill.target, { requests: 105, messages: 15 });
    show(report);
    expect(failed(report)).toEqual([]);
  }, 300_000);

  it('certifies every case exactly once while each service is killed and Kafka and Redis restart', async () => {
    const report = await crashDrill(drill.stack, drill.servers, testServers().mongoUri, { cases: 4, concurrency: 4, disruptEveryMs: 3_000, rounds: 1, timeoutMs: 8 * 60_000 });
    show(report);
    expect(failed(report)).toEqual([]);
    expect(report.figures.find((f) => f.name.startsWith('services killed'))?.value).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
