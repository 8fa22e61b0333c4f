import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'express';
import type { CaseFact } from '@gbt/contracts';
import { canonicalJson, certificateNumber, sealPdf, signCertificate, type CertificatePayload, type SignedCertificate } from '@gbt/certificate-core';
import { renderCertificatePdf } from '../apps/certificates/src/pdf/render-certificate';
import { publicView } from '../apps/certificates/src/registry/public-view';
import type { ComplaintSettings } from '../apps/certificates/src/complaints/complaint-settings';
import type { ComplaintViews } from '../apps/certificates/src/complaints/complaint-views';
import type { Registry } from '../apps/certificates/src/registry/registry';
import { holderKey, registryChange, type PublicStatus, type RegistryEntry } from '../apps/certificates/src/registry/registry-entry';
import { VerifyPageController } from '../apps/certificates/src/registry/verify-page.controller';
import { verifyCommand } from './verify-certificate';

const payload: CertificatePayload = {
  number: certificateNumber(2027, 7),
  version: 1,
  holder: { name: 'Acme Appliances', creditCode: '91350100M000100Y43' },
  scope: { productCategories: ['appliances'], serviceCategories: ['repair'], sites: [], outlets: [] },
  level: 'four-star',
  issuingBody: 'Example Certification Centre',
  issuedOn: '2027-03-01',
  validUntil: '2030-02-28',
};
const GENUINE = `GENUINE ${payload.number} Acme Appliances (four-star, valid until 2030-02-28)\n`;
const OFFLINE = 'STATUS not checked (offline): --registry <URL> asks the registry whether it is still valid\n';

describe('tools/verify-certificate (the offline verifier, run as a user would)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'body-2027', alg: 'EdDSA' }] };
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
  const signed = signCertificate(payload, privateKey, 'body-2027');
  const verifier = (...args: string[]) => spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'verify-certificate.ts'), ...args], { encoding: 'utf8' });
  const runText = (text: string) => {
    writeFileSync(join(dir, 'cert.json'), text);
    return verifier(join(dir, 'cert.json'), '--keys', join(dir, 'jwks.json'));
  };

  it('accepts a genuine certificate, saying its status was not checked offline, and rejects a modified one', () => {
    // As issued, the stored object serialises to its canonical form: what the registry serves.
    expect(JSON.stringify(signed)).toBe(canonicalJson(signed));
    const genuine = runText(JSON.stringify(signed));
    expect([genuine.status, genuine.stdout]).toEqual([0, GENUINE + OFFLINE]);
    const tampered = runText(canonicalJson({ ...signed, payload: { ...payload, validUntil: '2033-02-28' } }));
    expect([tampered.status, tampered.stdout]).toEqual([1, 'NOT GENUINE: the signature does not match: the certificate was altered or not issued with this key\n']);
  });

  it('rejects the same certificate written any other way: re-indented, a trailing newline, a duplicate key, another base64 spelling', () => {
    const text = canonicalJson(signed);
    const notCanonical = 'NOT GENUINE: the JSON is not in the canonical form it is issued in (keys sorted, no spaces or line breaks, nothing after it): it was edited or re-saved\n';
    for (const variant of [JSON.stringify(JSON.parse(text), null, 2), `${text}\n`, text.replace('{"algorithm":"Ed25519",', '{"algorithm":"Ed25519","algorithm":"Ed25519",')]) {
      const run = runText(variant);
      expect([run.status, run.stdout]).toEqual([1, notCanonical]);
    }
    // The last of 86 characters carries 4 unused bits: setting one decodes to the same 64 bytes.
    const last = signed.signature.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = signed.signature.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(signed.signature, 'base64url'))).toBe(true);
    const bits = runText(canonicalJson({ ...signed, signature: sameBytes }));
    expect([bits.status, bits.stdout]).toEqual([1, 'NOT GENUINE: the signature is not written as issued (86 base64url characters): the certificate was altered\n']);
    const garbage = runText('not json at all');
    expect([garbage.status, garbage.stderr]).toEqual([2, 'cannot verify: the file is neither a PDF nor certificate JSON\n']);
  });

  it('accepts a genuine sealed PDF and rejects one with a single byte changed', async () => {
    const sealed = sealPdf(await renderCertificatePdf(signed, { verifyUrl: `https://certs.example.cn/verify/${payload.number}` }), privateKey, 'body-2027');
    writeFileSync(join(dir, 'cert.pdf'), sealed);
    const genuine = verifier(join(dir, 'cert.pdf'), '--keys', join(dir, 'jwks.json'));
    expect([genuine.status, genuine.stdout]).toEqual([0, GENUINE + OFFLINE]);
    const changed = Buffer.from(sealed);
    changed[Math.floor(changed.length / 2)] ^= 0x20;
    writeFileSync(join(dir, 'changed.pdf'), changed);
    const tampered = verifier(join(dir, 'changed.pdf'), '--keys', join(dir, 'jwks.json'));
    expect([tampered.status, tampered.stdout]).toEqual([1, 'NOT GENUINE: the seal does not match: the PDF was changed after it was sealed, or not sealed with this key\n']);
  });

  it('checks a bare number offline: a typo is refused, a well-formed number is no verdict', () => {
    const typo = verifier(payload.number.replace('-000007-', '-000070-'));
    expect([typo.status, typo.stdout]).toMatchObject([1, expect.stringMatching(/^NOT GENUINE: the check digits of GBT27922-2027-000070-\d\d do not match/)]);
    const wellFormed = verifier(payload.number.toLowerCase());
    expect([wellFormed.status, wellFormed.stdout]).toEqual([2, `NO VERDICT: ${payload.number} is well formed (its check digits match), but only the certificate file or --registry <URL> can show it is genuine\n`]);
    expect(verifier(join(dir, 'cert.json')).status).toBe(2);
  });

  describe('against a registry: genuine is not enough, the certificate must be valid now', () => {
    const NOW = new Date('2029-06-01T00:00:00.000Z');
    const validFrom = '2027-03-01T02:00:00.000Z';
    const validUntil = '2030-03-01T02:00:00.000Z';
    /** The last valid day of that validity in Shanghai (certificate-dates.ts): the registry and the CLI report this date. */
    const lastDay = '2030-02-28';
    /** A registry entry as the projection builds it: issued, then each lifecycle event through registryChange. */
    function entry(sequence: number, events: [type: string, data: Record<string, unknown>, at: string][], extra: Partial<RegistryEntry> = {}): RegistryEntry {
      const number = certificateNumber(2027, sequence);
      const issued = { eventId: `${number}-0`, status: 'valid' as PublicStatus, change: 'issued', reason: `certified at level four-star until ${validUntil.slice(0, 10)}`, at: validFrom };
      let e: RegistryEntry = {
        _id: number, caseId: `case-${sequence}`, cycle: 1, version: 1, holder: payload.holder, holderKey: holderKey(payload.holder.name), level: 'four-star', scope: payload.scope,
        issuingBody: payload.issuingBody, validFrom, validUntil, status: 'valid', statusReason: issued.reason, suspendedUntil: null, supersedes: null, supersededBy: null, history: [issued], ...extra,
      };
      events.forEach(([type, data, at], i) => {
        const change = registryChange({ type, data } as CaseFact, null)!;
        const status = change.status ?? e.status;
        e = {
          ...e,
          status,
          statusReason: change.status ? change.reason : e.statusReason,
          suspendedUntil: change.suspendedUntil !== undefined ? change.suspendedUntil : e.suspendedUntil,
          history: [...e.history, { eventId: `${number}-${i + 1}`, status, change: change.change, reason: change.reason, at }],
        };
      });
      return e;
    }
    const superseded = (sequence: number, by: string): RegistryEntry => {
      const e = entry(sequence, []);
      const at = '2029-01-10T02:00:00.000Z';
      return { ...e, status: 'superseded', statusReason: `replaced by ${by} on recertification`, supersededBy: by, history: [...e.history, { eventId: 'x', status: 'superseded', change: 'superseded', reason: `replaced by ${by} on recertification`, at }] };
    };
    const renewal = certificateNumber(2029, 3);
    const cases: { name: string; entry: RegistryEntry; code: number; status: string; reason: string; params: Record<string, string> }[] = [
      { name: 'valid', entry: entry(11, [['certification.surveillance-passed', { nextSurveillanceBy: '2029-03-01T02:00:00.000Z' }, '2028-02-10T02:00:00.000Z']]), code: 0, status: 'valid', reason: 'issued', params: { since: validFrom, validUntil: lastDay } },
      {
        name: 'reinstated',
        entry: entry(12, [['certification.certificate-suspended', { reason: '投诉处理超时 complaints unanswered', until: '2029-04-20T02:00:00.000Z' }, '2029-01-20T02:00:00.000Z'], ['certification.certificate-reinstated', {}, '2029-02-15T02:00:00.000Z']]),
        code: 0, status: 'valid', reason: 'reinstated', params: { since: '2029-02-15T02:00:00.000Z', validUntil: lastDay },
      },
      {
        name: 'suspended',
        entry: entry(13, [['certification.surveillance-failed', { reason: '投诉处理超时 complaints unanswered' }, '2029-05-20T02:00:00.000Z'], ['certification.certificate-suspended', { reason: '投诉处理超时 complaints unanswered', until: '2029-08-20T02:00:00.000Z' }, '2029-05-20T02:00:00.000Z']]),
        code: 3, status: 'suspended', reason: 'suspended', params: { since: '2029-05-20T02:00:00.000Z', until: '2029-08-20T02:00:00.000Z', detail: '投诉处理超时 complaints unanswered' },
      },
      { name: 'withdrawn', entry: entry(14, [['certification.certificate-withdrawn', { reason: '虚假宣传 serious breach' }, '2029-05-01T02:00:00.000Z']]), code: 3, status: 'withdrawn', reason: 'withdrawn', params: { since: '2029-05-01T02:00:00.000Z', detail: '虚假宣传 serious breach' } },
      { name: 'cancelled', entry: entry(15, [['certification.certificate-cancelled', { reason: '停业 closing down' }, '2029-04-01T02:00:00.000Z']]), code: 3, status: 'cancelled', reason: 'cancelled', params: { since: '2029-04-01T02:00:00.000Z', detail: '停业 closing down' } },
      { name: 'superseded', entry: superseded(16, renewal), code: 3, status: 'superseded', reason: 'superseded', params: { since: '2029-01-10T02:00:00.000Z', by: renewal } },
      {
        name: 'expired (recorded)',
        entry: entry(17, [['certification.certificate-expired', { expiredAt: '2029-03-01T02:00:00.000Z' }, '2029-03-01T02:00:00.000Z']], { validUntil: '2029-03-01T02:00:00.000Z' }),
        code: 3, status: 'expired', reason: 'validity-ended', params: { since: '2029-02-28T16:00:00.000Z', validUntil: '2029-02-28' },
      },
      // The expiry timer has not fired yet, but the validity has ended: not valid either.
      { name: 'expired (not yet recorded)', entry: entry(18, [], { validUntil: '2029-05-31T16:00:00.000Z' }), code: 3, status: 'expired', reason: 'validity-ended', params: { since: '2029-05-31T16:00:00.000Z', validUntil: '2029-05-31' } },
    ];

    const documents = new Map<string, SignedCertificate>();
    const views = new Map<string, unknown>();
    for (const { entry: e } of cases) {
      documents.set(e._id, signCertificate({ ...payload, number: e._id }, privateKey, 'body-2027'));
      views.set(e._id, publicView(e, `https://certs.example.cn/verify/${e._id}`, NOW));
    }
    // The registry's newest document for 000007 is version 2 (a scope change); the one handed over is version 1.
    const v1 = signed;
    const v2 = signCertificate({ ...payload, version: 2, scope: { ...payload.scope, sites: ['Fuzhou'] } }, privateKey, 'body-2027');
    documents.set(payload.number, v2);
    views.set(payload.number, publicView({ ...cases[0]!.entry, _id: payload.number, version: 2 }, '', NOW));
    const other = signCertificate({ ...payload, number: certificateNumber(2027, 8) }, privateKey, 'body-2027');
    documents.set(certificateNumber(2027, 9), other);
    views.set(certificateNumber(2027, 9), views.get(cases[0]!.entry._id));

    let base = '';
    const server = createServer((req, res) => {
      const url = req.url ?? '';
      const match = /^\/registry\/certificates\/([^/]+)(\/certificate\.json)?$/.exec(url);
      const body = url === '/.well-known/certificate-keys.json' ? jwks : match ? (match[2] ? documents : views).get(decodeURIComponent(match[1]!)) : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ? JSON.stringify(body) : '{}');
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => server.close());
    /** This fake registry publishes no public log (the real one does: verify-certificate.int-spec.ts, public-log.int-spec.ts). */
    const noLog = () => `LOG not checked: the registry at ${base.replace(/\/$/, '')} publishes no log or no signed tree head yet\n`;

    /** The verification page for the same entry at the same instant: its status and reason codes. */
    async function pageSays(e: RegistryEntry): Promise<{ status: string; reason: string; html: string }> {
      const registry = { get: async (n: string) => (n === e._id ? e : null) } as unknown as Registry;
      const complaints = { publicTally: async () => ({ receivedLast12Months: 0, closedLast12Months: 0 }) } as unknown as ComplaintViews;
      const html = await new VerifyPageController(registry, { now: () => NOW }, complaints, { formUrl: 'http://127.0.0.1:3000/complaints/new' } as ComplaintSettings).verify(e._id, { status: () => undefined } as unknown as Response);
      const [, status, reason] = /data-status="([^"]+)" data-reason="([^"]+)"/.exec(html) ?? [];
      return { status: status!, reason: reason!, html };
    }

    it.each(cases)('$name: the verifier reports the status and exits $code, and the page says the same', async ({ entry: e, code, status, reason, params }) => {
      const outcome = await verifyCommand([e._id, '--registry', base]);
      const genuine = `GENUINE ${e._id} Acme Appliances (four-star, valid until 2030-02-28)\n`;
      const statusLine = `STATUS ${status} ${reason} ${JSON.stringify(params)}\n`;
      const notValid = code === 0 ? '' : `NOT VALID: the certificate is genuine, but the registry lists it as ${status}\n`;
      expect(outcome).toEqual({ code, stdout: genuine + statusLine + notValid + noLog(), stderr: '' });
      const page = await pageSays(e);
      expect({ status: page.status, reason: page.reason }).toEqual({ status, reason });
      if (params.detail) expect(page.html).toContain(params.detail);
    });

    it('asks the registry about a certificate file too, and a superseded version is not current', async () => {
      const withdrawn = cases.find((c) => c.name === 'withdrawn')!.entry._id;
      writeFileSync(join(dir, 'withdrawn.json'), canonicalJson(documents.get(withdrawn)));
      expect(await verifyCommand([join(dir, 'withdrawn.json'), '--registry', base])).toMatchObject({ code: 3, stdout: expect.stringContaining(`STATUS withdrawn withdrawn {"since":"2029-05-01T02:00:00.000Z","detail":"虚假宣传 serious breach"}\n`) });
      writeFileSync(join(dir, 'v1.json'), canonicalJson(v1));
      expect(await verifyCommand([join(dir, 'v1.json'), '--registry', base])).toEqual({
        code: 3,
        stdout: `${GENUINE}STATUS valid issued {"since":"${validFrom}","validUntil":"${lastDay}"}\nNOT CURRENT: this is version 1 of the certificate; the registry's current version is 2\n${noLog()}`,
        stderr: '',
      });
      // Offline, the same file is genuine and its status unchecked.
      expect(await verifyCommand([join(dir, 'v1.json'), '--keys', join(dir, 'jwks.json')])).toEqual({ code: 0, stdout: GENUINE + OFFLINE, stderr: '' });
    });

    it('exits 3 as a process for a genuine certificate that is not valid', async () => {
      const withdrawn = cases.find((c) => c.name === 'withdrawn')!.entry._id;
      const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'verify-certificate.ts'), withdrawn, '--registry', base], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect([code, stdout]).toEqual([3, expect.stringMatching(/^GENUINE .*\nSTATUS withdrawn withdrawn .*\nNOT VALID: /)]);
    });

    it('refuses a certificate for another number, an unknown number, plain http elsewhere, and a registry that gives no status', async () => {
      expect(await verifyCommand([certificateNumber(2027, 9), '--registry', base])).toMatchObject({ code: 1, stdout: `NOT GENUINE: the registry answered with certificate ${other.payload.number}, not ${certificateNumber(2027, 9)}\n` });
      expect(await verifyCommand([certificateNumber(2027, 10), '--registry', base])).toMatchObject({ code: 1, stdout: expect.stringMatching(/^NOT GENUINE: the registry at .* has no certificate GBT27922-2027-000010-/) });
      expect(await verifyCommand([payload.number, '--registry', 'http://certs.example.cn'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/use https/) });
      const valid = cases[0]!.entry._id;
      const view = views.get(valid) as Record<string, unknown>;
      for (const broken of [{ ...view, standing: undefined }, { ...view, standing: { ...(view.standing as object), status: 'fine' } }, { ...view, standing: { ...(view.standing as object), reason: 'withdrawn' } }]) {
        views.set(valid, broken);
        expect(await verifyCommand([valid, '--registry', base])).toMatchObject({ code: 2, stdout: expect.stringContaining(`NO VERDICT on its status: the registry at ${base.replace(/\/$/, '')} gave no readable status for ${valid}`) });
      }
      views.set(valid, view);
    });
  });
});
