import type { KeyObject } from 'node:crypto';
import type { Verification } from '@gbt/certificate-core';
import type { PublicCertificate } from '../../apps/certificates/src/registry/public-view';
import { loadPublishedKeys, verifyBytes, verifyCommand, type Outcome } from '../verify-certificate';
import { send, type Platform } from './http';
import { eventually } from './wait';

/** A certificate as the public registry shows it (no login): the service's own type for its answer. */
export type RegistryEntry = PublicCertificate;

export const registryEntry = async (platform: Platform, number: string) =>
  (await send<RegistryEntry>(platform, 'certificates', 'GET', `/registry/certificates/${encodeURIComponent(number)}`, { expect: 200 })).body;

/** The registry follows the lifecycle through Kafka; polled gently, since the public registry is rate limited per address. */
export const waitForRegistry = (platform: Platform, number: string, status: string, test: (e: RegistryEntry) => boolean = () => true) =>
  eventually(`certificate ${number} to be ${status} in the public registry`, async (note) => {
    const reply = await send<RegistryEntry>(platform, 'certificates', 'GET', `/registry/certificates/${encodeURIComponent(number)}`);
    note(reply.status === 200 ? { status: reply.body.status, history: reply.body.history?.map((h) => h.change) } : reply.status);
    return reply.status === 200 && reply.body.status === status && test(reply.body) ? reply.body : undefined;
  }, 60_000, 500);

export const validityOn = async (platform: Platform, number: string, on: string) =>
  (await send<{ valid: boolean; status: string; reason: string }>(platform, 'certificates', 'GET', `/registry/certificates/${encodeURIComponent(number)}/validity?on=${encodeURIComponent(on)}`, { expect: 200 })).body;

/** The page a certificate's QR code opens. */
export const verificationPage = async (platform: Platform, number: string) =>
  (await send<string>(platform, 'certificates', 'GET', `/verify/${encodeURIComponent(number)}`, { expect: 200 })).body;

export const publishedKeys = async (platform: Platform): Promise<Map<string, KeyObject>> =>
  loadPublishedKeys((await send(platform, 'certificates', 'GET', '/.well-known/certificate-keys.json', { expect: 200 })).body);

async function download(platform: Platform, number: string, file: 'certificate.json' | 'certificate.pdf'): Promise<Buffer> {
  const url = `${platform.url('certificates')}/registry/certificates/${encodeURIComponent(number)}/${file}`;
  return eventually(`${file} of ${number}`, async (note) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    note(response.status);
    // 404 while the document is being signed or the PDF rendered.
    return response.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
  }, 90_000, 500);
}

export interface PublicVerification {
  readonly entry: RegistryEntry;
  readonly page: string;
  /** The signed JSON checked against the published keys (JWKS), as the offline verifier does. */
  readonly document: Verification;
  readonly pdf: Verification | null;
  /** `tools/verify-certificate.ts <number> --registry <url>`: exit code 0 when genuine. */
  readonly cli: Outcome;
}

/** Everything a member of the public can check about a certificate, without logging in. */
export async function verifyPublicly(platform: Platform, number: string, options: { pdf?: boolean } = {}): Promise<PublicVerification> {
  const keys = await publishedKeys(platform);
  const [entry, page, json, pdf] = await Promise.all([
    registryEntry(platform, number),
    verificationPage(platform, number),
    download(platform, number, 'certificate.json'),
    options.pdf ? download(platform, number, 'certificate.pdf') : Promise.resolve(null),
  ]);
  return {
    entry,
    page,
    document: verifyBytes(json, keys),
    pdf: pdf && verifyBytes(pdf, keys),
    cli: await verifyCommand([number, '--registry', platform.url('certificates')]),
  };
}
