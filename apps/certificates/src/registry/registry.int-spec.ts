import mongoose, { type Connection } from 'mongoose';
import { JsonLogger } from '@gbt/messaging';
import { dropDatabase, testServers, uniqueName } from '@gbt/testing';
import { Registry } from './registry';
import type { RegistryEntry } from './registry-entry';

const logger = new JsonLogger('registry-test', 'error');
const page = { limit: 20, offset: 0 };

function newEntry(n: number, name: string, caseId = `case-${n}`, cycle = 1) {
  return {
    _id: `GBT27922-2027-${String(n).padStart(6, '0')}-0${cycle}`,
    caseId,
    cycle,
    version: 1,
    holder: { name, creditCode: `91350100M${String(n).padStart(6, '0')}Y4X` },
    level: 'three-star' as const,
    scope: {} as RegistryEntry['scope'],
    issuingBody: 'CB',
    validFrom: `2027-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    validUntil: `2030-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    supersedes: null,
  };
}

describe('the registry store: key documents, and a second instance learning of writes from the change log', () => {
  const database = uniqueName('registry').replace(/-/g, '_');
  const connections: Connection[] = [];
  const instances: Registry[] = [];

  async function start(): Promise<Registry> {
    const connection = await mongoose.createConnection(testServers().mongoUri, { dbName: database, autoIndex: false, autoCreate: false }).asPromise();
    connections.push(connection);
    const registry = new Registry(connection, logger);
    await registry.onModuleInit();
    instances.push(registry);
    return registry;
  }

  afterAll(async () => {
    for (const r of instances) await r.onModuleDestroy();
    for (const c of connections) await c.close();
    await dropDatabase(database);
  });

  it('writes on one instance, answers on both', async () => {
    const writer = await start();
    const reader = await start();
    await writer.issue(newEntry(1, '华为科技有限公司'), 'e1');
    await writer.issue(newEntry(2, '重庆长安汽车股份有限公司'), 'e2');
    // A redelivered issue changes nothing.
    await writer.issue(newEntry(1, '华为科技有限公司'), 'e1');

    expect((await writer.search({ ...page, q: 'hwkj' })).items.map((e) => e._id)).toEqual([newEntry(1, '')._id]);
    await reader.catchUp();
    expect((await reader.search({ ...page, q: 'hwkj' })).items.map((e) => e.holder.name)).toEqual(['华为科技有限公司']);

    await writer.record(newEntry(1, '')._id, { eventId: 'e3', at: '2027-02-01T00:00:00.000Z', change: 'suspended', reason: 'r', code: 'certificate.suspended', params: { detail: 'r', until: '2027-03-01' }, status: 'suspended', suspendedUntil: '2027-03-01T00:00:00.000Z' });
    await reader.catchUp();
    expect((await reader.search({ ...page, status: 'suspended' })).items.map((e) => e._id)).toEqual([newEntry(1, '')._id]);
    expect((await reader.search({ ...page, status: 'valid' })).items.map((e) => e._id)).toEqual([newEntry(2, '')._id]);
  });

  it('looks up by credit code and number by key, on any instance, at once', async () => {
    const [writer, reader] = instances as [Registry, Registry];
    const e = newEntry(3, '深圳绿建科技有限公司');
    await writer.issue(e, 'e4');
    // The reader has not walked the log: the key look-ups do not need it.
    expect((await reader.search({ ...page, creditCode: e.holder.creditCode.toLowerCase() })).items.map((x) => x._id)).toEqual([e._id]);
    expect((await reader.search({ ...page, number: e._id })).total).toBe(1);
    expect((await reader.search({ ...page, number: e._id, status: 'suspended' })).total).toBe(0);
    expect((await reader.search({ ...page, creditCode: '91350100M999999Y4X' })).total).toBe(0);
  });

  it('finds the certificates of a case by its key document, first cycle first', async () => {
    const [writer] = instances as [Registry];
    await writer.issue(newEntry(5, '福建能源集团', 'case-x', 2), 'e6');
    await writer.issue(newEntry(4, '福建能源集团', 'case-x', 1), 'e5');
    expect((await writer.ofCase('case-x')).map((e) => e.cycle)).toEqual([1, 2]);
    expect(await writer.ofCase('case-none')).toEqual([]);
  });

  it('a new instance loads everything at start, and writes keys for entries stored before them', async () => {
    const connection = connections[0]!;
    // As the registry stood before the key documents: an entry alone, and no backfill mark.
    const old = { ...newEntry(6, '老字号有限公司', 'case-old'), holderKey: '老字号有限公司', status: 'valid', statusReason: 'x', suspendedUntil: null, supersededBy: null, history: [{ eventId: 'e0', status: 'valid', change: 'issued', reason: 'x', at: '2027-01-06T00:00:00.000Z' }] };
    await connection.db!.collection('registry').insertOne(old as never);
    await connection.db!.collection('registry_meta').deleteOne({ _id: 'keys-backfilled' as never });
    const late = await start();
    expect(late.index.size).toBe(6);
    expect((await late.search({ ...page, q: 'lzh' })).items.map((e) => e._id)).toEqual([old._id]);
    expect((await late.ofCase('case-old')).map((e) => e._id)).toEqual([old._id]);
    expect((await late.search({ ...page, creditCode: old.holder.creditCode })).total).toBe(1);
  });
});
