import { createHash } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Binary, type Collection, type Db } from 'mongodb';
import { sealPdf, signCertificate, type CertificatePayload, type SignedCertificate } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { MONGO_DB, Metrics } from '@gbt/platform';
import { renderCertificatePdf } from '../pdf/render-certificate';
import { Registry } from '../registry/registry';
import type { RegistryEntry } from '../registry/registry-entry';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { RedisConnection } from '../redis-connection';
import { SIGNING_KEYS } from '../keys/keys.controller';
import type { SigningKeys } from '../keys/signing-keys';
import { CertificatesService } from './certificates.service';

interface DocumentDoc {
  _id: string;
  caseId: string;
  number: string;
  version: number;
  signed: SignedCertificate;
}
interface PdfDoc {
  _id: string;
  pdf: Binary;
  sha256: string;
}

const RENDER_QUEUE = 'certificate-pdfs';
const key = (number: string, version: number) => `${number}@${version}`;
/** Dates on a certificate are calendar dates in China. */
const shanghaiDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Signs a certificate once the lifecycle shows it granted (or its scope changed), keeps every
 * signed version, and renders each version's PDF in a BullMQ job with a deterministic id.
 */
@Injectable()
export class Issuance implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly documents: Collection<DocumentDoc>;
  private readonly pdfs: Collection<PdfDoc>;
  private readonly queue: Queue<{ caseId: string; number: string; version: number }>;
  private worker?: Worker;

  constructor(
    @Inject(MONGO_DB) db: Db,
    @Inject(CertificatesService) private readonly certificates: CertificatesService,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
    @Inject(RedisConnection) private readonly redis: RedisConnection,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.documents = db.collection<DocumentDoc>('certificate_documents');
    this.pdfs = db.collection<PdfDoc>('certificate_pdfs');
    this.queue = new Queue(RENDER_QUEUE, { connection: redis.client, prefix: redis.prefix });
    metrics.watchQueue(this.queue);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(RENDER_QUEUE, (job) => this.render(job.data.caseId, job.data.number, job.data.version), {
      connection: this.redis.client,
      prefix: this.redis.prefix,
      concurrency: 1,
    });
    this.worker.on('error', (err) => this.logger.warn('certificate rendering worker error', errorFields(err)));
    this.worker.on('failed', (job, err) => this.logger.warn('certificate rendering failed, will retry', { job: job?.id, ...errorFields(err) }));
  }

  /** Signs the version the registry entry now has, records it, and queues its PDF. Safe to repeat. */
  async issue(caseId: string, number: string, causationId: string): Promise<void> {
    const entry = await this.registry.get(number);
    if (!entry) throw new Error(`registry entry ${number} is missing`);
    const id = key(number, entry.version);
    // The first signature of a version is the one kept: a repeat signs again but stores nothing.
    await this.documents.insertOne({ _id: id, caseId, number, version: entry.version, signed: this.sign(entry) }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
    const stored = (await this.documents.findOne({ _id: id }))?.signed;
    if (!stored) throw new Error(`certificate ${id} was not stored`);
    await this.certificates.run({ id: 'certificates', role: 'system' }, caseId, {
      type: 'issue',
      caseId,
      number,
      version: entry.version,
      cycle: entry.cycle,
      supersedes: entry.supersedes,
      certificate: stored as unknown as Record<string, unknown>,
    }, { causationId: `${causationId}:issue` });
    await this.queue.add('render', { caseId, number, version: entry.version }, { jobId: id, attempts: 10, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: false });
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
      validUntil: shanghaiDate(entry.validUntil),
    };
    return signCertificate(payload, this.keys.current.privateKey, this.keys.current.kid);
  }

  async document(number: string): Promise<SignedCertificate | null> {
    const [latest] = await this.documents.find({ number }).sort({ version: -1 }).limit(1).toArray();
    return latest?.signed ?? null;
  }

  async pdf(number: string): Promise<Buffer | null> {
    const [latest] = await this.documents.find({ number }).sort({ version: -1 }).limit(1).toArray();
    if (!latest) return null;
    const doc = await this.pdfs.findOne({ _id: latest._id });
    return doc ? Buffer.from(doc.pdf.buffer) : null;
  }

  verifyUrl(number: string): string {
    return `${this.settings.publicBaseUrl}/verify/${number}`;
  }

  private async render(caseId: string, number: string, version: number): Promise<void> {
    const doc = await this.documents.findOne({ _id: key(number, version) });
    if (!doc) throw new Error(`certificate ${key(number, version)} has no signed document`);
    const pdf = sealPdf(await renderCertificatePdf(doc.signed, { verifyUrl: this.verifyUrl(number), issuingBodyEn: this.settings.issuingBodyEn }), this.keys.current.privateKey, this.keys.current.kid);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await this.pdfs.replaceOne({ _id: key(number, version) }, { pdf: new Binary(pdf), sha256 }, { upsert: true });
    await this.certificates.run({ id: 'certificates', role: 'system' }, caseId, { type: 'record-rendering', caseId, number, version, sha256, bytes: pdf.length }, { causationId: `render:${key(number, version)}` });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
