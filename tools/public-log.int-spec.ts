import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { CaseFact } from '@gbt/contracts';
import { certificateNumber, entryLeafHash, keysFromJwks, parseHexHash, signCertificate, treeHeadProblem, verifyConsistency, verifyInclusion, type LogEntry, type TreeHead } from '@gbt/certificate-core';
import { MONGO_DB } from '@gbt/platform';
import { testServers } from '@gbt/testing';
import { verifyCommand } from './verify-certificate';
import { documentId } from '../apps/certificates/src/certificates/certificate-document.model';
import { SIGNING_KEYS } from '../apps/certificates/src/keys/keys.controller';
import type { SigningKeys } from '../apps/certificates/src/keys/signing-keys';
import { Registry } from '../apps/certificates/src/registry/registry';
import { registryChange } from '../apps/certificates/src/registry/registry-entry';
import { startCertificates, type CertificatesHarness } from '../apps/certificates/src/testing/harness';

type CertificateLeaves = { treeHead: TreeHead; leaves: { index: number; entry: LogEntry; leafHash: string; auditPath: string[] | null }[]; current: { index: number; recordedAtTreeSize: number | null } | null };

/**
 * The public log on the real service (FerretDB, Redis, Kafka): a certificate issued, suspended (that
 * event delivered twice) and reinstated is in the log once per change, each change provably in a
 * signed tree head, the log provably grown from a head seen earlier, through the public API and the
 * verifier CLI; a quietly rewritten date is caught.
 */
describe('the public log of status changes', () => {
  let certs: CertificatesHarness;
  let base = '';
  const n = certificateNumber(2027, 700_000 + Math.floor(Math.random() * 90_000));
  const dir = mkdtempSync(join(tmpdir(), 'public-log-'));

  const get = async <T>(path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as T };
  };
  /** Waits (by polling, no fixed sleep) until a signed tree head covers the certificate's current status. */
  async function recorded(changes: number): Promise<CertificateLeaves> {
    for (;;) {
      // Right after a restart the service may not know the certificate's leaves yet (404) or may be throttling this poll (429).
      const { status, body } = await get<CertificateLeaves>(`/log/certificates/${n}`);
      if (status === 200 && body.leaves.length === changes && body.current?.recordedAtTreeSize) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function happen(type: string, data: Record<string, unknown>, at: string, eventId = `${n}:${type}`) {
    const change = registryChange({ type, data } as CaseFact, null);
    if (!change) throw new Error(`${type} changes nothing in the registry`);
    await certs.app.get(Registry).record(n, { eventId, at, ...change });
  }

  beforeAll(async () => {
    certs = await startCertificates();
    await certs.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(certs.app.getHttpServer().address() as AddressInfo).port}`;
    const entry = {
      _id: n, caseId: `case-${n}`, cycle: 1, version: 1, holder: { name: '福州爱克美电器 Acme', creditCode: '91350100M000100Y43' }, level: 'four-star' as const,
      scope: { productCategories: ['家用电器'], serviceCategories: ['维修'], sites: [], outlets: [] }, issuingBody: '示例认证中心', validFrom: '2027-01-10T02:00:00.000Z', validUntil: '2030-01-10T02:00:00.000Z', supersedes: null,
    };
    await certs.app.get(Registry).issue(entry, `${n}:granted`);
    const keys = certs.app.get<SigningKeys>(SIGNING_KEYS);
    const signed = signCertificate({ number: n, version: 1, holder: entry.holder, scope: entry.scope, level: entry.level, issuingBody: entry.issuingBody, issuedOn: '2027-01-10', validUntil: '2030-01-10' }, keys.current.privateKey, keys.current.kid);
    await certs.app.get<Db>(MONGO_DB).collection<{ _id: string; caseId: string; number: string; version: number; signed: unknown }>('certificate_documents').insertOne({ _id: documentId(n, 1), caseId: entry.caseId, number: n, version: 1, signed });
  });
  afterAll(() => certs?.close());

  it('records issue, suspension (delivered twice) and reinstatement once each, provably in signed heads that only grow, and the CLI agrees', async () => {
    const keys = keysFromJwks((await get<unknown>('/.well-known/log-keys.json')).body);
    const issued = await recorded(1);
    const seen = issued.treeHead;
    expect(treeHeadProblem(seen, keys)).toBeNull();
    writeFileSync(join(dir, 'seen.json'), JSON.stringify(seen));

    await happen('certification.certificate-suspended', { reason: '投诉处理超时 complaints unanswered', until: '2027-08-20T02:00:00.000Z' }, '2027-05-20T02:00:00.000Z');
    await happen('certification.certificate-suspended', { reason: '投诉处理超时 complaints unanswered', until: '2027-08-20T02:00:00.000Z' }, '2027-05-20T02:00:00.000Z');
    await happen('certification.certificate-reinstated', {}, '2027-06-01T02:00:00.000Z');
    const now = await recorded(3);
    expect(now.leaves.map((l) => [l.entry.status, l.entry.code, l.entry.at])).toEqual([
      ['valid', 'certificate.issued', '2027-01-10T02:00:00.000Z'],
      ['suspended', 'certificate.suspended', '2027-05-20T02:00:00.000Z'],
      ['valid', 'certificate.reinstated', '2027-06-01T02:00:00.000Z'],
    ]);
    const head = now.treeHead;
    expect(treeHeadProblem(head, keys)).toBeNull();
    const root = parseHexHash(head.rootHash) as Buffer;
    for (const leaf of now.leaves) {
      // The leaf hash is recomputed here from the entry: the server's own hash is not trusted.
      expect(leaf.leafHash).toBe(entryLeafHash(leaf.entry).toString('hex'));
      expect(verifyInclusion(entryLeafHash(leaf.entry), leaf.index, head.treeSize, (leaf.auditPath ?? []).map((h) => parseHexHash(h) as Buffer), root)).toBe(true);
      const byIndex = await get<{ auditPath: string[] }>(`/log/proofs/inclusion?index=${leaf.index}&treeSize=${head.treeSize}`);
      expect(byIndex.body.auditPath).toEqual(leaf.auditPath);
    }
    const { body: range } = await get<{ leaves: { index: number; entry: LogEntry }[] }>(`/log/leaves?start=${now.leaves[0]!.index}&end=${now.leaves[0]!.index + 1}`);
    expect(range.leaves).toEqual([expect.objectContaining({ index: now.leaves[0]!.index, entry: now.leaves[0]!.entry })]);
    const { body: consistency } = await get<{ proof: string[] }>(`/log/proofs/consistency?first=${seen.treeSize}&second=${head.treeSize}`);
    expect(verifyConsistency(seen.treeSize, head.treeSize, parseHexHash(seen.rootHash) as Buffer, root, consistency.proof.map((h) => parseHexHash(h) as Buffer))).toBe(true);
    expect((await get<TreeHead>(`/log/tree-heads/${head.treeSize}`)).body).toEqual(head);

    const cli = await verifyCommand([n, '--registry', base, '--seen-sth', join(dir, 'seen.json')]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`LOG grew consistently from tree size ${seen.treeSize} (seen ${seen.timestamp}) to `);
    expect(cli.stdout).toMatch(new RegExp(`LOG recorded at tree size \\d+: leaf ${now.current?.index} \\(valid certificate.reinstated at 2027-06-01T02:00:00.000Z\\)`));

    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^gbt_public_log_lag_changes\{[^}]*\} 0$/m);
  });

  it('catches a suspension date rewritten in the registry, and a leaf rewritten to match it', async () => {
    const db = certs.app.get<Db>(MONGO_DB);
    const { leaves } = await recorded(3);
    await db.collection<{ _id: string; history: { at: string }[] }>('registry').updateOne({ _id: n }, { $set: { 'history.1.at': '2027-05-25T02:00:00.000Z' } });
    const rewritten = await verifyCommand([n, '--registry', base]);
    expect([rewritten.code, rewritten.stdout]).toEqual([1, expect.stringContaining(`LOG INCONSISTENT: the registry shows "suspended certificate.suspended at 2027-05-25T02:00:00.000Z" where the log recorded "suspended certificate.suspended at 2027-05-20T02:00:00.000Z" (leaf ${leaves[1]!.index})`)]);
    await db.collection<{ _id: string; at: string }>('log_leaves').updateOne({ _id: String(leaves[1]!.index).padStart(12, '0') }, { $set: { at: '2027-05-25T02:00:00.000Z' } });
    const both = await verifyCommand([n, '--registry', base]);
    expect([both.code, both.stdout]).toEqual([1, expect.stringContaining(`LOG INCONSISTENT: the entry at leaf ${leaves[1]!.index} is not in the tree head of size`)]);
  });

  it('finishes, after a restart, an append a crash cut short, and appends nothing twice', async () => {
    const { leaves } = await recorded(3);
    await certs.stop();
    const client = await new MongoClient(testServers().mongoUri).connect();
    const db = client.db(certs.database);
    const meta = db.collection<{ _id: string; value: number }>('log_meta');
    const size = (await meta.findOne({ _id: 'size' }))!.value;
    // As if the last leaf was inserted and then the process died: its certificate key, the checkpoint and the registry cursor not written.
    const last = leaves[2]!.index;
    await db.collection<{ _id: string; leaves: { index: number }[] }>('log_certificates').updateOne({ _id: n }, { $pull: { leaves: { index: last } } });
    if (last === size - 1) await meta.updateOne({ _id: 'size' }, { $set: { value: last } });
    await meta.updateOne({ _id: 'registry-cursor' }, { $set: { value: 0 } });
    await client.close();
    certs = await startCertificates({ database: certs.database, prefix: certs.prefix, keysDir: certs.keysDir });
    await certs.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(certs.app.getHttpServer().address() as AddressInfo).port}`;
    const again = await recorded(3);
    expect(again.leaves.map((l) => l.index)).toEqual(leaves.map((l) => l.index));
    const lines = await certs.app.get<Db>(MONGO_DB).collection<{ number: string }>('log_leaves').countDocuments({ number: n });
    expect(lines).toBe(3);
  });

  it('answers bad parameters with 400 and a message', async () => {
    const { body: treeHead } = await get<TreeHead>('/log/tree-heads/latest');
    for (const path of [
      '/log/proofs/inclusion?index=abc&treeSize=1',
      '/log/proofs/inclusion?index=-1&treeSize=1',
      `/log/proofs/inclusion?index=${treeHead.treeSize}&treeSize=${treeHead.treeSize}`,
      `/log/proofs/inclusion?index=0&treeSize=${treeHead.treeSize + 1_000_000}`,
      '/log/proofs/consistency?first=3&second=2',
      '/log/proofs/consistency?first=1',
      '/log/leaves?start=5&end=5',
      '/log/leaves?start=0&end=1000',
      '/log/tree-heads/ten',
      '/log/leaves?start=0&colour=red',
    ]) {
      const res = await get<{ detail?: string }>(path);
      expect([path, res.status, res.type]).toEqual([path, 400, expect.stringContaining('application/problem+json')]);
      expect(res.body.detail).toEqual(expect.any(String));
    }
    expect((await get('/log/certificates/GBT27922-2027-1')).status).toBe(400);
    expect((await get('/log/tree-heads/999999999')).status).toBe(404);
  });
});
