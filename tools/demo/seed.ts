// The demo data `npm start` seeds once (tools/start.mjs runs this when every service answers):
// organisations at different lifecycle stages, made over HTTP by the same requests people make.
// A second run finds them (.infra/demo-seeded.json, and the cases still there) and only refreshes
// their statuses. Needs DEMO_SERVICE_URLS (JSON: service name -> base URL) and SIMULATED_CLOCK_FILE.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClockFile, platformAt, type Service } from '../scenario';
import { waitForConsumersToCatchUp } from './catch-up';
import { readMarker, stillThere, withCurrentStatus, writeMarker } from './marker';
import { waitForDemoPeople } from './people-known';
import { STAGES, type DemoCase } from './stages';

const ROOT = join(__dirname, '..', '..');
export const MARKER_FILE = join(ROOT, '.infra', 'demo-seeded.json');
const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);

async function main(): Promise<void> {
  const urls = JSON.parse(process.env.DEMO_SERVICE_URLS ?? '{}') as Record<Service, string>;
  const users = JSON.parse(readFileSync(join(ROOT, '.infra', 'auth', 'tokens.json'), 'utf8')) as Record<string, { token: string }>;
  const platform = platformAt(urls, Object.fromEntries(Object.entries(users).map(([id, u]) => [id, u.token])));
  const clockFile = process.env.SIMULATED_CLOCK_FILE;
  if (!clockFile) throw new Error('SIMULATED_CLOCK_FILE must name the clock file the services read');

  // The services accept the demo users' tokens once they know them from the directory (ADR 0034).
  const guarded = Object.keys(urls).filter((name) => name !== 'directory').map((name) => process.env.MONGODB_DATABASE ?? `gbt_${name.replace(/-/g, '_')}`);
  if (process.env.MONGODB_URI) await waitForDemoPeople(process.env.MONGODB_URI, guarded, log);

  const marker = readMarker(MARKER_FILE);
  if (marker && (await stillThere(platform, marker))) {
    log(`demo data seeded on ${marker.seededAt.slice(0, 10)} is still there: not seeding again`);
    writeMarker(MARKER_FILE, await withCurrentStatus(platform, marker.seededAt, marker.cases));
    return;
  }

  const started = Date.now();
  // The services' databases, and so their consumer groups, are named after them (gbt_<service>).
  const databases = Object.keys(urls).map((name) => process.env.MONGODB_DATABASE ?? `gbt_${name.replace(/-/g, '_')}`);
  await waitForConsumersToCatchUp(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', databases, log);
  const clock = new ClockFile(clockFile);
  const seeded: DemoCase[] = [];
  try {
    for (const { stage, seed } of STAGES) {
      log(`seeding: ${stage} ...`);
      const made = { stage, ...(await seed({ platform, clock, log })) };
      seeded.push(made);
      log(`${stage}: ${made.name} (case ${made.caseId}${made.certificateNumber ? `, certificate ${made.certificateNumber}` : ''})`);
      if (clock.offset !== 0) {
        await clock.reset();
        log('the demo clock is back at real time (offset 0)');
      }
    }
  } finally {
    if (clock.offset !== 0) await clock.reset();
  }
  writeMarker(MARKER_FILE, await withCurrentStatus(platform, new Date().toISOString(), seeded));
  log(`seeded ${seeded.length} demo organisations in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[demo] seeding failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
