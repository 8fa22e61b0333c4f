import mongoose, { type Connection } from 'mongoose';
import { dropDatabase, testServers, uniqueName } from '@gbt/testing';
import { ReviewOrganisation, ReviewOrganisationSchema } from '../review/review-organisation.model';
import { OutletFlags, visitOrder } from './site-visits';

/** Outlet flags on the real FerretDB: visits of two surveillances arrive from two streams, in any order, and again. */
describe('outlet flags set and cleared by site visits', () => {
  const database = uniqueName('outlet-flags').replace(/-/g, '_');
  let connection: Connection;
  let flags: OutletFlags;
  const s1 = 'case-1.audit.surveillance-1';
  const s2 = 'case-1.audit.surveillance-2';

  beforeAll(async () => {
    connection = await mongoose.createConnection(testServers().mongoUri, { dbName: database, autoIndex: false, autoCreate: false }).asPromise();
    const organisations = connection.model(ReviewOrganisation.name, ReviewOrganisationSchema);
    await organisations.create({ _id: 'org-1', name: '福州连锁' });
    flags = new OutletFlags(organisations);
  });

  afterAll(async () => {
    await connection.close();
    await dropDatabase(database);
  });

  it('orders surveillances by cycle, then first before second', () => {
    expect([visitOrder(s1), visitOrder(s2), visitOrder('case-1.c2.audit.surveillance-1')]).toEqual([11, 12, 21]);
  });

  it("keeps the later surveillance's finding when the earlier one's conforming visit arrives late, and clears it by a later visit", async () => {
    await flags.apply('org-1', { planId: s2, outletId: 'outlet.3', outcome: 'finding', finding: 'no complaint log' });
    await flags.apply('org-1', { planId: s1, outletId: 'outlet.3', outcome: 'conforming', finding: null });
    await flags.apply('org-1', { planId: s2, outletId: 'outlet.3', outcome: 'finding', finding: 'no complaint log' });
    expect(await flags.of('org-1')).toEqual([{ outletId: 'outlet.3', planId: s2, finding: 'no complaint log' }]);

    await flags.apply('org-1', { planId: s1, outletId: 'outlet-9', outcome: 'finding', finding: 'expired extinguisher' });
    await flags.apply('org-1', { planId: 'case-1.c2.audit.surveillance-1', outletId: 'outlet.3', outcome: 'conforming', finding: null });
    await flags.apply('org-1', { planId: s2, outletId: 'outlet.3', outcome: 'finding', finding: 'no complaint log' });
    expect(await flags.of('org-1')).toEqual([{ outletId: 'outlet-9', planId: s1, finding: 'expired extinguisher' }]);
  });
});
