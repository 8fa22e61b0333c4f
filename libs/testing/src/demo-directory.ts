import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { demoDirectoryEvents, demoQualifications, shanghaiDate } from '@gbt/auth';
import { Topics, type EventEnvelope } from '@gbt/contracts';
import { ensureTopics, toMessage } from '@gbt/messaging';

/** Shanghai's today, as the demo directory states its dates. */
const today = () => shanghaiDate(new Date());

/**
 * Publishes the demo staff's directory facts (libs/auth demo-directory.ts: people, roles,
 * qualifications) to `directory.people.v1`, for stacks that do not run the directory service and
 * services started on their own. Idempotent: the same day gives the same event ids, which each
 * service's inbox absorbs; next to the directory's own demo seed they are harmless duplicates (the
 * read model keeps qualifications by id). Publish after the consumer groups are placed at the
 * topics' ends, or the services skip them.
 */
export async function publishDemoDirectory(kafka: Kafka, on = today()): Promise<void> {
  await ensureTopics(kafka, [{ topic: Topics.directory }]);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic: Topics.directory, messages: demoDirectoryEvents(on).map(toMessage) });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Waits until a service's database holds every demo qualification (its `staff_competence` read
 * model, read by `_id`), so a test's first claim or decision does not race the consumer.
 */
export async function waitForDemoDirectory(db: Db, timeoutMs = 30_000, on = today()): Promise<void> {
  const expected = new Map<string, number>();
  for (const q of demoQualifications(on)) expected.set(q.personId, (expected.get(q.personId) ?? 0) + 1);
  const staff = db.collection<{ _id: string; qualifications: unknown[] }>('staff_competence');
  const deadline = Date.now() + timeoutMs;
  for (const [personId, count] of expected) {
    for (;;) {
      if (((await staff.findOne({ _id: personId }))?.qualifications.length ?? 0) >= count) break;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${personId}'s demo qualifications in ${db.databaseName}.staff_competence`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Directory events about one person, as the directory service would publish them (stream
 * `person-<id>`), for tests that give someone their own qualifications and relations.
 */
export function personFacts(personId: string, at = new Date()) {
  let version = 0;
  const by = 'ada.admin';
  const event = (type: string, data: Record<string, unknown>): EventEnvelope => ({
    eventId: randomUUID(),
    type: `directory.${type}`,
    schemaVersion: 1,
    streamId: `person-${personId}`,
    streamVersion: ++version,
    occurredAt: at.toISOString(),
    actor: { id: by, role: 'administrator' },
    correlationId: randomUUID(),
    causationId: null,
    data: { personId, ...data },
  });
  return {
    registered: (roles: readonly string[]) => event('person-registered', { name: `Test ${personId}`, email: `${personId}@test.example`, roles, registeredBy: by }),
    qualified: (productCategories: readonly string[], validFrom: string, validUntil: string, qualificationId = randomUUID()) =>
      event('qualification-recorded', { qualificationId, productCategories, registrationNumber: `T-${qualificationId.slice(0, 8)}`, validFrom, validUntil, by }),
    related: (organisationId: string, from: string, until?: string, relationId = randomUUID()) =>
      event('relation-declared', { relationId, organisationId, kind: 'consultancy', from, ...(until ? { until } : {}), declaredAt: at.toISOString(), by }),
    disabled: () => event('person-disabled', { reason: 'on leave', by }),
  };
}
