import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope } from '@gbt/contracts';
import type { Consumers } from '@gbt/platform';
import { dropDatabase, testServers, uniqueName } from '@gbt/testing';
import { AuditedSites, AuditedSitesSchema, AuditedSitesStore } from './audited-sites';

type Handler = (event: EventEnvelope) => Promise<void>;

/**
 * The certificates service's mirror of audit plans on the real FerretDB: the plan's facts and its
 * visits come from two streams (two partitions), in any order between them, and may be redelivered.
 */
describe("the mirror of a surveillance plan's facts and visits", () => {
  const database = uniqueName('audited-sites').replace(/-/g, '_');
  let connection: Connection;
  const handlers = new Map<string, Handler>();
  let store: AuditedSitesStore;
  const planId = 'case-1.audit.surveillance-1';
  const sites = [
    { id: 'outlet-3', name: '三号店', address: '3 Wusi Road' },
    { id: 'outlet-9', name: '九号店', address: '9 Binhai Road' },
  ];
  const fact = (type: string, data: Record<string, unknown>) => ({ type, data }) as unknown as EventEnvelope;
  const proposed = (revision: number) => fact('audit-plan.proposed', { revision, plan: { planId, startDate: '2028-02-14', sites, outletSample: { outlets: sites.map((s) => ({ id: s.id })) } } });
  const visit = (outletId: string, outcome: string) => fact('audit-plan.site-visit-recorded', { planId, outletId, outcome });
  const deliver = (group: string, event: EventEnvelope) => handlers.get(group)!(event);

  beforeAll(async () => {
    connection = await mongoose.createConnection(testServers().mongoUri, { dbName: database, autoIndex: false, autoCreate: false }).asPromise();
    // Delivery is Kafka's: here the test hands each consumer group its events in the order under test.
    const consumers = { start: async (group: string, options: { handler: Handler }) => void handlers.set(group, options.handler) } as unknown as Consumers;
    store = new AuditedSitesStore(connection.model(AuditedSites.name, AuditedSitesSchema), consumers);
    await store.onApplicationBootstrap();
  });

  afterAll(async () => {
    await connection.close();
    await dropDatabase(database);
  });

  it('keeps a visit that arrives before its plan, and never loses one to a later revision or a redelivery', async () => {
    await deliver('audit-sites', visit('outlet-9', 'conforming'));
    expect(await store.plan(planId)).toBeNull();
    await deliver('audit-sites', proposed(1));
    await deliver('audit-sites', fact('audit-plan.confirmed', { planId, revision: 1 }));
    await deliver('audit-sites', visit('outlet-3', 'finding'));
    await deliver('audit-sites', visit('outlet-9', 'conforming'));
    await deliver('audit-sites', proposed(2));
    await deliver('audit-sites', proposed(1));
    await deliver('audit-sites', fact('audit-plan.confirmed', { planId, revision: 2 }));
    expect(await store.plan(planId)).toEqual({
      revision: 2,
      confirmed: true,
      cancelled: false,
      recorded: false,
      startDate: '2028-02-14',
      sites,
      sampled: ['outlet-3', 'outlet-9'],
      visits: [
        { outletId: 'outlet-9', outcome: 'conforming' },
        { outletId: 'outlet-3', outcome: 'finding' },
      ],
    });
  });

  it('marks a cancelled plan, and one a surveillance result named', async () => {
    await deliver('audit-sites-results', fact('certification.surveillance-passed', { nextSurveillanceBy: '2029-03-01T00:00:00.000Z', recordedBy: 'rui', auditPlanId: planId }));
    await deliver('audit-sites-results', fact('certification.surveillance-passed', { nextSurveillanceBy: '2029-03-01T00:00:00.000Z', recordedBy: 'rui' }));
    await deliver('audit-sites', fact('audit-plan.cancelled', { planId, reason: 'auditor conflict', cancelledBy: 'lena' }));
    expect(await store.plan(planId)).toMatchObject({ cancelled: true, recorded: true, confirmed: true });
    expect((await store.plansOf(['case-1.audit.surveillance-2', planId])).map((p) => p.planId)).toEqual([planId]);
  });
});
