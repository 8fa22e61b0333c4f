import { testServers } from '@gbt/testing';
import { createKafka, JsonLogger } from '@gbt/messaging';
import { ALL_SERVICES, startStack, type Stack } from '../e2e/stack';
import type { BadInputTarget } from './bad-input.drill';
import { startDrillServers, type DrillServers } from './drill-servers';

/** A whole stack on a Kafka and a Redis of the drill's own (see drill-servers.ts), on the shared database. */
export async function startDrillStack(): Promise<{ stack: Stack; servers: DrillServers; target: BadInputTarget; stop(): Promise<void> }> {
  const { mongoUri } = testServers();
  const servers = await startDrillServers(mongoUri);
  let stack: Stack;
  try {
    stack = await startStack(ALL_SERVICES, { servers: { brokers: servers.brokers, redisUrl: servers.redisUrl }, replayKafkaHistory: true });
  } catch (err) {
    servers.stop();
    throw err;
  }
  const target: BadInputTarget = {
    platform: stack.platform,
    kafka: createKafka({ brokers: servers.brokers, clientId: 'drill', logger: new JsonLogger('drill', 'error') }),
    mongoUri,
    databases: ALL_SERVICES.map((name) => stack.database(name)),
    groupPrefix: `${stack.run}_`,
  };
  return {
    stack,
    servers,
    target,
    async stop() {
      await stack.stop();
      servers.stop();
    },
  };
}
