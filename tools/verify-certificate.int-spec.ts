import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Db } from 'mongodb';
import type { CaseFact } from '@gbt/contracts';
import { certificateNumber, signCertificate } from '@gbt/certificate-core';
import { MONGO_DB } from '@gbt/platform';
import { documentId } from '../apps/certificates/src/certificates/certificate-document.model';
import { SIGNING_KEYS } from '../apps/certificates/src/keys/keys.controller';
import type { SigningKeys } from '../apps/certificates/src/keys/signing-keys';
import { Registry } from '../apps/certificates/src/registry/registry';
import { registryChange } from '../apps/certificates/src/registry/registry-entry';
import { startCertificates, type CertificatesHarness } from '../apps/certificates/src/testing/harness';
import { verifyCommand } from './verify-certificate';

/**
 * The verifier's --registry mode against the real certificates service (real MongoDB wire, Redis and
 * Kafka): for every status a certificate can have, the command's exit code and STATUS line, the
 * registry's answer and the /verify page must say the same. The registry entries are written by the
 * registry projection itself (issue, and record with the changes registryChange makes of lifecycle
 * events); each signed document is stored as Issuance stores it, signed with the service's own key.
 */
describe('verify-certificate --registry against the certificates service: the status decides, and the page agrees', () => {
  let certs: CertificatesHarness;
  let base = '';
  const NOW = new Date('2029-06-01T02:00:00.000Z');
  const validFrom = '2027-03-01T02:00:00.000Z';
  const validUntil = '2030-03-01T02:00:00.000Z';
  const number = (sequence: number) => certificateNumber(2027, 500_000 + sequence);

  async function issue(sequence: number, extra: { validUntil?: string; cycle?: number; supersedes?: string | null; validFrom?: string } = {}) {
    const registry = certs.app.get(Registry);
    const keys = certs.app.get<SigningKeys>(SIGNING_KEYS);
    const n = number(sequence);
    const entry = {
      _id: n, caseId: `case-${n}`, cycle: extra.cycle ?? 1, version: 1, holder: { name: '福州爱克美电器 Acme', creditCode: '91350100M000100Y43' }, level: 'four-star' as const,
      scope: { productCategories: ['家用电器'], serviceCategories: ['维修'], sites: [], outlets: [] }, issuingBody: '示例认证中心', validFrom: extra.validFrom ?? validFrom, validUntil: extra.validUntil ?? validUntil, supersedes: extra.supersedes ?? null,
    };
    await registry.issue(entry, `${n}:granted`);
    const signed = signCertificate(
      { number: n, version: 1, holder: entry.holder, scope: entry.scope, level: entry.level, issuingBody: entry.issuingBody, issuedOn: entry.validFrom.slice(0, 10), validUntil: entry.validUntil.slice(0, 10) },
      keys.current.privateKey,
      keys.current.kid,
    );
    await certs.app.get<Db>(MONGO_DB).collection<{ _id: string; caseId: string; number: string; version: number; signed: unknown }>('certificate_documents').insertOne({ _id: documentId(n, 1), caseId: entry.caseId, number: n, version: 1, signed });
    return n;
  }
  async function happen(n: string, type: string, data: Record<string, unknown>, at: string) {
    const change = registryChange({ type, data } as CaseFact, null);
    if (!change) throw new Error(`${type} changes nothing in the registry`);
    await certs.app.get(Registry).record(n, { eventId: `${n}:${type}:${at}`, at, ...change });
  }

  const cases: { name: string; number: string; code: number; status: string; reason: string; detail?: string }[] = [];
  beforeAll(async () => {
    certs = await startCertificates();
    await certs.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(certs.app.getHttpServer().address() as AddressInfo).port}`;

    const valid = await issue(1);
    await happen(valid, 'certification.surveillance-passed', { nextSurveillanceBy: '2029-03-01T02:00:00.000Z' }, '2028-02-10T02:00:00.000Z');
    const reinstated = await issue(2);
    await happen(reinstated, 'certification.certificate-suspended', { reason: '投诉处理超时 complaints unanswered', until: '2029-04-20T02:00:00.000Z' }, '2029-01-20T02:00:00.000Z');
    await happen(reinstated, 'certification.certificate-reinstated', {}, '2029-02-15T02:00:00.000Z');
    const suspended = await issue(3);
    await happen(suspended, 'certification.certificate-suspended', { reason: '监督不合格 surveillance failed', until: '2029-08-20T02:00:00.000Z' }, '2029-05-20T02:00:00.000Z');
    const withdrawn = await issue(4);
    await happen(withdrawn, 'certification.certificate-withdrawn', { reason: '虚假宣传 serious breach' }, '2029-05-01T02:00:00.000Z');
    const cancelled = await issue(5);
    await happen(cancelled, 'certification.certificate-cancelled', { reason: '停业 closing down' }, '2029-04-01T02:00:00.000Z');
    // Renewal: a new certificate for the next cycle, and the old one superseded, as the lifecycle consumer records it.
    const old = await issue(6);
    const renewed = await issue(7, { cycle: 2, supersedes: old, validFrom: '2029-01-10T02:00:00.000Z', validUntil: '2033-03-01T02:00:00.000Z' });
    await certs.app.get(Registry).record(old, { eventId: `${renewed}:granted`, at: '2029-01-10T02:00:00.000Z', change: 'superseded', status: 'superseded', reason: `replaced by ${renewed} on recertification`, code: 'certificate.superseded', params: { by: renewed } }, () => ({ supersededBy: renewed }));
    const expired = await issue(8, { validUntil: '2029-03-01T02:00:00.000Z' });
    await happen(expired, 'certification.certificate-expired', { expiredAt: '2029-03-01T02:00:00.000Z' }, '2029-03-01T02:00:00.000Z');
    // Its validity has ended by the service's clock, but no expiry has been recorded yet.
    const lapsed = await issue(9, { validUntil: '2029-05-31T16:00:00.000Z' });
    certs.clock.set(NOW);

    cases.push(
      { name: 'valid', number: valid, code: 0, status: 'valid', reason: 'issued' },
      { name: 'reinstated', number: reinstated, code: 0, status: 'valid', reason: 'reinstated' },
      { name: 'renewed', number: renewed, code: 0, status: 'valid', reason: 'issued' },
      { name: 'suspended', number: suspended, code: 3, status: 'suspended', reason: 'suspended', detail: '监督不合格 surveillance failed' },
      { name: 'withdrawn', number: withdrawn, code: 3, status: 'withdrawn', reason: 'withdrawn', detail: '虚假宣传 serious breach' },
      { name: 'cancelled', number: cancelled, code: 3, status: 'cancelled', reason: 'cancelled', detail: '停业 closing down' },
      { name: 'superseded', number: old, code: 3, status: 'superseded', reason: 'superseded' },
      { name: 'expired', number: expired, code: 3, status: 'expired', reason: 'validity-ended' },
      { name: 'expired, not yet recorded', number: lapsed, code: 3, status: 'expired', reason: 'validity-ended' },
    );
  });
  afterAll(() => certs?.close());

  it('reports each status with its reason, exits 0 only for a valid certificate, and says what the page and the registry say', async () => {
    const seen: string[] = [];
    for (const c of cases) {
      const outcome = await verifyCommand([c.number, '--registry', base]);
      const lines = outcome.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^GENUINE ${c.number} `));
      const [, status, reason, params] = /^STATUS (\S+) (\S+) (\{.*\})$/.exec(lines[1] ?? '') ?? [];
      const answer = await fetch(`${base}/registry/certificates/${c.number}`).then((r) => r.json() as Promise<{ standing: { status: string; reason: string; params: Record<string, string> } }>);
      const page = await fetch(`${base}/verify/${c.number}`).then((r) => r.text());
      const [, pageStatus, pageReason] = /data-status="([^"]+)" data-reason="([^"]+)"/.exec(page) ?? [];
      seen.push(`${c.name}: exit ${outcome.code}, cli ${status}/${reason}, registry ${answer.standing.status}/${answer.standing.reason}, page ${pageStatus}/${pageReason}`);
      expect({ code: outcome.code, status, reason }).toEqual({ code: c.code, status: c.status, reason: c.reason });
      expect(JSON.parse(params!)).toEqual(answer.standing.params);
      expect([pageStatus, pageReason]).toEqual([c.status, c.reason]);
      if (c.detail) expect([answer.standing.params.detail, page.includes(c.detail)]).toEqual([c.detail, true]);
      if (c.code !== 0) expect(lines[2]).toBe(`NOT VALID: the certificate is genuine, but the registry lists it as ${c.status}`);
    }
    process.stdout.write(`${seen.join('\n')}\n`);
  });

  it('exits 3 as a process for a withdrawn certificate and 0 for a valid one', async () => {
    const run = (n: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'verify-certificate.ts'), n, '--registry', base], { stdio: 'ignore' });
        child.on('close', resolve);
      });
    expect(await run(cases.find((c) => c.name === 'withdrawn')!.number)).toBe(3);
    expect(await run(cases.find((c) => c.name === 'valid')!.number)).toBe(0);
  });
});
