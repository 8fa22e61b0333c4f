import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic, MessageHeaders, parseEnvelope, type EventEnvelope, type EventRegistry } from '@gbt/contracts';
import { withCorrelation } from './correlation';
import type { MongoInbox } from './inbox';
import { ensureTopics } from './kafka-client';
import { errorFields, type JsonLogger } from './logger';

export interface MessageSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type EventHandler = (event: EventEnvelope, source: MessageSource) => Promise<void>;

/** Thrown by a handler for a message that no retry can fix: it goes straight to the dead-letter topic. */
export class NonRetryableError extends Error {
  override readonly name = 'NonRetryableError';
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface EventConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly registry: EventRegistry;
  readonly inbox: MongoInbox;
  readonly handler: EventHandler;
  readonly logger: JsonLogger;
  readonly retry?: Partial<RetryPolicy>;
  /** Longest fetch long-poll; also bounds how long a graceful stop waits for an idle fetch. */
  readonly maxWaitTimeInMs?: number;
  /**
   * Partitions handled at once (default 1). More lets one message in backoff not hold up the
   * others, and each stream stays in order (it lives on one partition), but handlers then run
   * side by side for different streams: only for handlers that never update one document from
   * two streams (a projection joining a case's review and its scorecard would lose an update).
   */
  readonly partitionsConsumedConcurrently?: number;
  /** What to do with an event type the registry does not know: park it (default) or skip it. */
  readonly unknownTypes?: 'dead-letter' | 'ignore';
}

class UnknownType extends Error {}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };
/** The inbox is written and offsets committed after this many handled messages, or this long, whichever comes first. */
const RECORD_EVERY = { messages: 100, ms: 1_000 };

interface Delivery {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

type Decoded = { readonly envelope: EventEnvelope } | { readonly skip: true } | { readonly invalid: string };

export const backoffDelay = (attempt: number, policy: RetryPolicy): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));

/**
 * Validates every message, skips what the inbox says was handled, retries a failing handler with
 * exponential backoff and then parks the message on `<topic>.dlq` with the reason, so one poison
 * message never blocks its partition. Offsets are committed only after that, so nothing is lost.
 * Messages come in Kafka's batches: the inbox is asked about a whole batch at once and told about
 * the handled ones in one insert, before their offsets are resolved; a crash in between replays
 * them, which the handlers' own idempotency absorbs, as it always had to.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1_000,
      // A member that crashed holds its partitions until its session runs out: 10 s rather than
      // kafkajs's 30 s, so a restarted service is consuming again within seconds.
      sessionTimeout: 10_000,
      heartbeatInterval: 2_000,
    });
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get topics(): readonly string[] {
    return this.options.topics;
  }

  async start(): Promise<void> {
    const { topics } = this.options;
    await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopic)].map((topic) => ({ topic })));
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  /** Stops fetching, lets the message in hand finish and commits the offsets processed. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async processBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { groupId, inbox, logger } = this.options;
    const { topic, partition } = batch;
    const decoded = batch.messages.map((message) => ({ message, item: this.tryDecode(message.value) }));
    const ids = decoded.flatMap(({ item }) => ('envelope' in item ? [item.envelope.eventId] : []));
    const seen = await inbox.seenAmong(groupId, ids);
    let handled: { eventId: string; processedAt: Date }[] = [];
    let done: string | undefined;
    let recordedAt = Date.now();
    const record = async () => {
      await inbox.recordAll(groupId, handled);
      handled = [];
      recordedAt = Date.now();
      if (done !== undefined) resolveOffset(done);
      await commitOffsetsIfNecessary();
    };
    for (const { message, item } of decoded) {
      if (!isRunning() || isStale()) break;
      const delivery: Delivery = { topic, partition, message };
      if ('invalid' in item) await this.deadLetter(delivery, `invalid message: ${item.invalid}`, 0);
      else if ('envelope' in item) {
        const { envelope } = item;
        if (seen.has(envelope.eventId)) logger.debug('duplicate message skipped', { eventId: envelope.eventId, topic, partition, offset: message.offset });
        else if (await this.handle(delivery, envelope, heartbeat)) handled.push({ eventId: envelope.eventId, processedAt: new Date() });
        // A batch can hold the same event twice (a relay republished it).
        seen.add(envelope.eventId);
      }
      done = message.offset;
      if (handled.length >= RECORD_EVERY.messages || Date.now() - recordedAt >= RECORD_EVERY.ms) await record();
      await heartbeat();
    }
    await record();
  }

  /** Runs the handler with retries; false when the message was dead-lettered instead. */
  private async handle(delivery: Delivery, envelope: EventEnvelope, heartbeat: () => Promise<void>): Promise<boolean> {
    const { topic, partition, message } = delivery;
    const source: MessageSource = { topic, partition, offset: message.offset };
    const { logger } = this.options;
    const context = { correlationId: envelope.correlationId, causationId: envelope.eventId };
    for (let attempt = 1; ; attempt++) {
      try {
        await withCorrelation(context, () => this.options.handler(envelope, source));
        return true;
      } catch (err) {
        const final = err instanceof NonRetryableError || attempt >= this.retry.attempts;
        withCorrelation(context, () =>
          logger.warn(final ? 'handler failed, dead-lettering' : 'handler failed, retrying', { attempt, eventId: envelope.eventId, ...source, ...errorFields(err) }),
        );
        if (final) {
          await this.deadLetter(delivery, `handler failed: ${(err as Error).message ?? String(err)}`, attempt);
          return false;
        }
        await this.pause(backoffDelay(attempt, this.retry), heartbeat);
      }
    }
  }

  private tryDecode(value: Buffer | null): Decoded {
    try {
      return { envelope: this.decode(value) };
    } catch (err) {
      if (err instanceof UnknownType && this.options.unknownTypes === 'ignore') return { skip: true };
      return { invalid: (err as Error).message };
    }
  }

  private decode(value: Buffer | null): EventEnvelope {
    if (!value) throw new Error('empty message');
    const envelope = parseEnvelope(JSON.parse(value.toString('utf8')));
    if (!this.options.registry.has(envelope.type)) throw new UnknownType(`unknown event type ${envelope.type}`);
    // Handlers see the current name: a message published under a former name is the renamed type.
    const { type, schemaVersion, data } = this.options.registry.upcast(envelope.type, envelope.schemaVersion, envelope.data);
    return { ...envelope, type, schemaVersion, data };
  }

  private async deadLetter({ topic, partition, message }: Delivery, reason: string, attempts: number): Promise<void> {
    await this.dlqProducer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [MessageHeaders.dlqReason]: reason.slice(0, 2_000),
            [MessageHeaders.dlqConsumerGroup]: this.options.groupId,
            [MessageHeaders.dlqOriginalTopic]: topic,
            [MessageHeaders.dlqOriginalPartition]: String(partition),
            [MessageHeaders.dlqOriginalOffset]: message.offset,
            [MessageHeaders.dlqAttempts]: String(attempts),
            [MessageHeaders.dlqFailedAt]: new Date().toISOString(),
          },
        },
      ],
    });
    this.options.logger.warn('message dead-lettered', { topic, partition, offset: message.offset, reason });
  }

  /** Waits out a backoff while telling the group coordinator this member is alive. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())));
      await heartbeat();
    }
  }
}
