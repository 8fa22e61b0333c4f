import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAuth } from '@gbt/auth';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JsonLogger } from '@gbt/messaging';
import type { Db } from 'mongodb';
import { configureHttp, loadServiceConfig, MONGO_DB } from '@gbt/platform';
import { dropDatabase, publishDemoDirectory, startGroupsAtTopicEnds, TestClock, testKafka, uniqueName, waitForDemoDirectory } from '@gbt/testing';
import { CertificatesModule } from '../app.module';
import { complaintSettingsFromEnv, type ComplaintSettings } from '../complaints/complaint-settings';
import { settingsFromEnv, type CertificatesSettings } from '../settings';
import { Timers } from '../timers/timers';

export interface CertificatesHarnessOptions {
  /** Reuse a database, queue prefix and keys to start the service again over the same state. */
  readonly database?: string;
  readonly prefix?: string;
  readonly keysDir?: string;
  readonly clock?: TestClock;
  readonly settings?: Partial<CertificatesSettings>;
  readonly complaints?: Partial<ComplaintSettings>;
}

/** The certificates service on the real servers, with its own database, queues, keys and clock. */
export async function startCertificates(options: CertificatesHarnessOptions = {}) {
  const auth = await demoAuth();
  const database = options.database ?? uniqueName('certs').replace(/-/g, '_');
  const prefix = options.prefix ?? uniqueName('cq');
  const keysDir = options.keysDir ?? mkdtempSync(join(tmpdir(), 'cert-keys-'));
  const clock = options.clock ?? new TestClock(new Date('2027-01-10T02:00:00Z'));
  const config = { ...loadServiceConfig('certificates'), database };
  // Reads Kafka from now on, not every earlier test run's events (a restart on the same database keeps its offsets).
  await startGroupsAtTopicEnds(testKafka(uniqueName('offsets')), ['lifecycle', 'evaluations', 'case-access', 'replies', 'reports', 'staff-competence', 'audit-sites'].map((name) => `${database}.${name}`));
  const logger = new JsonLogger('certificates-test', 'error');
  // Test runs share Kafka topics, so each instance numbers from its own random point to keep numbers apart.
  const settings = { ...settingsFromEnv({ PORT: '3004' }), keysDir, firstSequence: 1 + Math.floor(Math.random() * 900_000), registryRateLimitPerMinute: 100_000,
    // The public log's key beside the certificate key; tree heads signed often, so a test need not wait a minute.
    log: { keysDir: join(keysDir, 'log'), treeHeadIntervalMs: 500, appendIntervalMs: 200 },
    ...options.settings,
  };
  const moduleRef = await Test.createTestingModule({
    imports: [CertificatesModule.forRoot({ config, auth: auth.config, logger, clock, settings, timers: { prefix, sweepIntervalMs: 3_600_000 }, complaints: { ...complaintSettingsFromEnv(), ratePerHour: 100_000, ...options.complaints } })],
  }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  // The demo staff's qualifications, as the directory would publish them: decisions are judged by them.
  await publishDemoDirectory(testKafka(uniqueName('directory')));
  await waitForDemoDirectory(app.get<Db>(MONGO_DB));
  const timers = app.get(Timers);
  return {
    app,
    clock,
    database,
    prefix,
    keysDir,
    timers,
    http: () => request(app.getHttpServer()),
    as: auth.as,
    /** The test's token issuer, for people who are not demo users. */
    issuer: auth.issuer,
    /** Moves the clock and lets every timer it made due fire. */
    async advanceTo(at: Date) {
      clock.set(at);
      await timers.fireDue();
      await timers.idle();
    },
    /** Stops the service, keeping its database, queues and keys for a restart. */
    async stop() {
      await app.close();
    },
    async close() {
      await app.close();
      await dropDatabase(database);
    },
  };
}

export type CertificatesHarness = Awaited<ReturnType<typeof startCertificates>>;
