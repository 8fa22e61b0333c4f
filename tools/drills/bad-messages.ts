import { randomUUID } from 'node:crypto';
import { AssignerProtocol, type Kafka, type KafkaMessage } from 'kafkajs';
import { deadLetterTopic, MessageHeaders, Topics } from '@gbt/contracts';

const DRILL_HEADER = 'drill-message-id';

/** Kinds of broken message a producer bug or a foreign writer could put on a topic. */
const KINDS: readonly { why: string; value: (topic: string) => Buffer | null }[] = [
  { why: 'not JSON', value: () => Buffer.from('this is not json {') },
  { why: 'binary noise', value: () => Buffer.from([0xff, 0x00, 0x13, 0x37, 0xc3, 0x28]) },
  { why: 'JSON but not an envelope', value: () => Buffer.from(JSON.stringify([1, 2, 3])) },
  { why: 'envelope without an event id or type', value: () => Buffer.from(JSON.stringify({ data: {}, streamId: 'x' })) },
  { why: 'empty value', value: () => null },
  {
    why: 'known type with data that breaks its schema',
    value: (topic) =>
      Buffer.from(
        JSON.stringify({
          eventId: randomUUID(),
          type: KNOWN_TYPE[topic],
          schemaVersion: 1,
          streamId: `drill-${randomUUID()}`,
          streamVersion: 1,
          occurredAt: new Date().toISOString(),
          actor: { id: 'drill' },
          correlationId: randomUUID(),
          causationId: null,
          data: { unexpected: true },
        }),
      ),
  },
];

/** One event type each topic really carries, so the schema check (not the type check) is what refuses it. */
const KNOWN_TYPE: Record<string, string> = {
  [Topics.certificationCase]: 'certification.application-drafted',
  [Topics.review]: 'review.results-published',
  [Topics.scorecard]: 'scoring.scorecard-issued',
  [Topics.certificate]: 'certificates.decision-recorded',
  [Topics.organisation]: 'applications.organisation-registered',
  [Topics.certificationReplies]: 'certification.request-rejected',
  [Topics.directory]: 'directory.person-registered',
};

/** The stack's consumer groups and the topics each reads, from the members' own subscriptions. */
export async function subscriptions(kafka: Kafka, groupPrefix: string): Promise<Map<string, string[]>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(groupPrefix));
    const described = await admin.describeGroups(groups);
    return new Map(
      described.groups.map((g) => [
        g.groupId,
        [...new Set(g.members.flatMap((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []))],
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}

export interface SentMessage {
  readonly id: string;
  readonly topic: string;
  readonly why: string;
}

export async function sendBadMessages(kafka: Kafka, topics: readonly string[], count: number): Promise<SentMessage[]> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const sent: SentMessage[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const topic = topics[i % topics.length] as string;
      const kind = KINDS[Math.floor(i / topics.length) % KINDS.length] as (typeof KINDS)[number];
      const id = randomUUID();
      await producer.send({ topic, acks: -1, messages: [{ key: `drill-${i}`, value: kind.value(topic), headers: { [DRILL_HEADER]: id } }] });
      sent.push({ id, topic, why: kind.why });
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/** The dead-lettered copies of the drill's messages: drill message id -> the groups that parked it, with their reasons. */
export async function deadLettered(kafka: Kafka, topics: readonly string[], until: (found: Map<string, Map<string, string>>) => boolean, timeoutMs: number) {
  const found = new Map<string, Map<string, string>>();
  const consumer = kafka.consumer({ groupId: `drill-dlq-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: topics.map(deadLetterTopic), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = header(message, DRILL_HEADER);
        if (!id) return;
        const byGroup = found.get(id) ?? new Map<string, string>();
        byGroup.set(header(message, MessageHeaders.dlqConsumerGroup) ?? '?', header(message, MessageHeaders.dlqReason) ?? '');
        found.set(id, byGroup);
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!until(found) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    return found;
  } finally {
    await consumer.disconnect();
  }
}

const header = (message: KafkaMessage, name: string): string | undefined => message.headers?.[name]?.toString();
