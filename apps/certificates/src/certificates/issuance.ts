import { createHash } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { certificateDates, sealPdf, shanghaiDate, signCertificate, type CertificatePayload, type SignedCertificate } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, DurableJobs, Metrics, type Clock } from '@gbt/platform';
import { SIGNING_KEYS } from '../keys/keys.controller';
import type { SigningKeys } from '../keys/signing-keys';
import { renderCertificatePdf, type PdfStamp } from '../pdf/render-certificate';
import type { RegistryEntry } from '../registry/registry-entry';
import { RedisConnection } from '../redis-connection';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { Registry } from '../registry/registry';
import { CertificateDocument, CertificatePdf, documentId } from './certificate-document.model';

/** A certificate version whose PDF is to be rendered. */
export interface RenderJob {
  readonly caseId: string;
  readonly number: string;
  readonly version: number;
}

const RENDER_QUEUE = 'certificate-pdfs';
/** The render job's id (BullMQ ids take no ':'), and the causation of the rendering it records. */
export const renderKey = (number: string, version: number) => `${number}@${version}`;

/**
 * Signed certificate documents and their PDFs: each version signed once and kept (keyed
 * `<number>:<version>`, read by `_id` only), each version's PDF rendered by a durable job with a
 * deterministic id on the platform's job queue, whose failures are logged and counted.
 */
@Injectable()
export class Issuance implements BeforeApplicationShutdown {
  private readonly renders: DurableJobs<RenderJob>;

  constructor(
    @InjectModel(CertificateDocument.name) private readonly documents: Model<CertificateDocument>,
    @InjectModel(CertificatePdf.name) private readonly pdfs: Model<CertificatePdf>,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
    @Inject(CLOCK) clock: Clock,
    @Inject(RedisConnection) redis: RedisConnection,
    @Inject(JsonLogger) logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.renders = new DurableJobs<RenderJob>({ queue: RENDER_QUEUE, connection: redis.client, prefix: redis.prefix, clock, logger, metrics, concurrency: 1, attempts: 10, backoffMs: 1_000 });
  }

  /** Starts rendering queued PDFs into `handler` (the RenderCertificate command); a failed rendering is retried with backoff. */
  startRendering(handler: (job: RenderJob) => Promise<void>): void {
    this.renders.start((job) => handler(job));
  }

  /** Signs the registry entry's version as it stands and keeps it, unless that version was kept before: answers the version kept. */
  async keep(entry: RegistryEntry): Promise<SignedCertificate> {
    const _id = documentId(entry._id, entry.version);
    await this.documents.create({ _id, caseId: entry.caseId, number: entry._id, version: entry.version, signed: this.sign(entry) }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
    const stored = await this.documents.findById(_id).lean();
    if (!stored) throw new Error(`certificate ${_id} was not stored`);
    return stored.signed;
  }

  /** Queues a version's PDF; queuing it again (a redelivered event) renders nothing more. */
  async queueRendering(job: RenderJob): Promise<void> {
    await this.renders.add({ id: renderKey(job.number, job.version), name: 'render', data: job });
  }

  /** Renders and seals a version's PDF and keeps it: answers its hash and size. */
  async render(number: string, version: number): Promise<{ sha256: string; bytes: number }> {
    const _id = documentId(number, version);
    const doc = await this.documents.findById(_id).lean();
    if (!doc) throw new Error(`certificate ${_id} has no signed document`);
    const rendered = await renderCertificatePdf(doc.signed, { verifyUrl: this.verifyUrl(number), issuingBodyEn: this.settings.issuingBodyEn });
    const pdf = sealPdf(rendered, this.keys.current.privateKey, this.keys.current.kid);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await this.pdfs.replaceOne({ _id }, { pdf, sha256 }, { upsert: true });
    return { sha256, bytes: pdf.length };
  }

  /** The latest signed version of a certificate, or null before its first is kept. */
  async document(number: string): Promise<SignedCertificate | null> {
    return (await this.latest(number))?.signed ?? null;
  }

  /**
   * The PDF of the latest signed version, or null while it is being rendered. With a stamp (a
   * certificate no longer valid) it is that version rendered again with its status across the
   * page, sealed and kept under `<version key>:<status>:<day>`, so each stamp is rendered once.
   */
  async pdf(number: string, stamp?: PdfStamp): Promise<Buffer | null> {
    const latest = await this.latest(number);
    if (!latest) return null;
    if (!stamp) {
      const doc = await this.pdfs.findById(latest._id);
      return doc ? Buffer.from(doc.pdf) : null;
    }
    const _id = `${latest._id}:${stamp.status}:${stamp.since}`;
    const kept = await this.pdfs.findById(_id);
    if (kept) return Buffer.from(kept.pdf);
    const rendered = await renderCertificatePdf(latest.signed, { verifyUrl: this.verifyUrl(number), issuingBodyEn: this.settings.issuingBodyEn, stamp });
    const pdf = sealPdf(rendered, this.keys.current.privateKey, this.keys.current.kid);
    await this.pdfs.replaceOne({ _id }, { pdf, sha256: createHash('sha256').update(pdf).digest('hex') }, { upsert: true });
    return pdf;
  }

  verifyUrl(number: string): string {
    return `${this.settings.publicBaseUrl}/verify/${number}`;
  }

  /** Resolves once no PDF is waiting or being rendered. */
  idle(timeoutMs?: number): Promise<void> {
    return this.renders.idle(timeoutMs);
  }

  /**
   * The latest kept version: from the registry's current version downwards, by primary key (an `_id`
   * range would read the whole collection on FerretDB, ADR 22); usually one read, two while the
   * newest version is being signed.
   */
  private async latest(number: string): Promise<CertificateDocument | null> {
    const entry = await this.registry.get(number);
    for (let version = entry?.version ?? 0; version >= 1; version--) {
      const doc = await this.documents.findById(documentId(number, version)).lean();
      if (doc) return doc;
    }
    return null;
  }

  private sign(entry: RegistryEntry): SignedCertificate {
    const payload: CertificatePayload = {
      number: entry._id,
      version: entry.version,
      holder: entry.holder,
      scope: entry.scope,
      level: entry.level,
      issuingBody: this.settings.issuingBody,
      issuedOn: shanghaiDate(entry.version === 1 ? entry.validFrom : (entry.history.at(-1)?.at ?? entry.validFrom)),
      validUntil: certificateDates(entry).validUntil,
    };
    return signCertificate(payload, this.keys.current.privateKey, this.keys.current.kid);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.renders.close();
  }
}
