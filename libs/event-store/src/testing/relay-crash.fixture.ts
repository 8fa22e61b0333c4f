/**
 * Runs an outbox relay that dies by SIGKILL after Kafka acknowledged its first batch and before it
 * marked it published: the worst moment for a crash. Run by the relay integration test.
 */
import { MongoClient } from 'mongodb';
import { createKafka, EventPublisher, JsonLogger } from '@gbt/messaging';
import { MongoEventStore, OutboxRelay } from '../index';
import { testRegistry } from './test-events';

async function main(): Promise<void> {
  const [mongoUri, dbName, prefix, brokers, topic] = process.argv.slice(2);
  const client = await new MongoClient(mongoUri!).connect();
  const db = client.db(dbName);
  const registry = testRegistry();
  const store = new MongoEventStore(db, { registry, prefix });
  const kafka = createKafka({ brokers: brokers!, clientId: 'relay-crash', logger: new JsonLogger('relay-crash', 'error') });
  const publisher = new EventPublisher(kafka, { registry, topicFor: () => topic! });
  const relay = new OutboxRelay(store, db, publisher, {
    batchSize: 25,
    leaseTtlMs: 1_000,
    onPublished: (events) => {
      process.stdout.write(`published ${events.length}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  await relay.publishPending();
}

void main();
