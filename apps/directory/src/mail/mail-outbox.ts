import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createTransport, type Transporter } from 'nodemailer';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, DurableJobs, Metrics, type Clock } from '@gbt/platform';
import { RedisConnection } from '../redis-connection';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';
import { OutboxMail, type MailKind } from './mail.model';

const MAIL_QUEUE = 'directory-mail';
const PAGE_MAX = 100;

export interface MailToWrite {
  readonly kind: MailKind;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly link?: string;
}

/**
 * The mail outbox: every mail is kept, and sent through SMTP_URL by a durable job (retried with
 * backoff, at most once per mail: the job id is the mail's id). Without SMTP_URL mails are only
 * kept, and in demo mode listed at `GET /demo/mails`.
 */
@Injectable()
export class MailOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly jobs: DurableJobs<{ mailId: string }> | undefined;
  private readonly transport: Transporter | undefined;

  constructor(
    @InjectModel(OutboxMail.name) private readonly mails: Model<OutboxMail>,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(RedisConnection) redis: RedisConnection,
    @Inject(Metrics) metrics: Metrics,
  ) {
    if (settings.smtpUrl) {
      this.transport = createTransport(settings.smtpUrl);
      this.jobs = new DurableJobs({ queue: MAIL_QUEUE, connection: redis.client, prefix: redis.prefix, clock, logger, metrics, attempts: 10, backoffMs: 5_000 });
    }
  }

  onApplicationBootstrap(): void {
    if (!this.jobs) {
      const where = this.settings.demo ? 'listed at GET /demo/mails' : 'kept in the mail_outbox collection only';
      this.logger.warn(`no SMTP_URL: mails are not sent, they are ${where}`);
      return;
    }
    this.jobs.start(({ mailId }) => this.send(mailId));
  }

  async write(mail: MailToWrite): Promise<string> {
    const now = this.clock.now();
    // Compact ISO (20261201T045054428Z): sorts as time does, and has no ':' (BullMQ refuses it in job ids).
    const _id = `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
    await this.mails.create({ _id, ...mail, link: mail.link ?? null, createdAt: now, sentAt: null });
    await this.jobs?.add({ id: _id, name: mail.kind, data: { mailId: _id } });
    return _id;
  }

  /** Newest first, `limit` at most, those written before the mail `before` (for the next page). */
  async list(limit: number, before?: string): Promise<OutboxMail[]> {
    const range = before ? { _id: { $lt: before } } : {};
    return this.mails.find(range).sort({ _id: -1 }).limit(Math.min(limit, PAGE_MAX)).lean();
  }

  private async send(mailId: string): Promise<void> {
    const mail = await this.mails.findById(mailId).lean();
    if (!mail || mail.sentAt || !this.transport) return;
    await this.transport.sendMail({ from: this.settings.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    await this.mails.updateOne({ _id: mailId }, { $set: { sentAt: this.clock.now() } });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs?.close();
    this.transport?.close();
  }
}
