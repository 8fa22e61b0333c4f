// Replays what one consumer group parked on <topic>.dlq back to <topic>, once the cause is fixed:
//   node -r @swc-node/register tools/dlq-replay.ts --topic review.v1 --group gbt_applications.lifecycle [--replay-id <id>]
// Running it again with the same --replay-id continues where it stopped; without one, a new id is made.
import { randomUUID } from 'node:crypto';
import { createKafka, JsonLogger, replayDeadLetters } from '@gbt/messaging';

async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) args.set(argv[i] ?? '', argv[i + 1] ?? '');
  const topic = args.get('--topic');
  const group = args.get('--group');
  const brokers = process.env.KAFKA_BROKERS;
  if (!topic || !group || !brokers) {
    process.stderr.write('usage: KAFKA_BROKERS=host:port dlq-replay --topic <topic> --group <consumer group> [--replay-id <id>]\n');
    process.exit(2);
  }
  const replayId = args.get('--replay-id') || randomUUID();
  const kafka = createKafka({ brokers, clientId: 'dlq-replay', logger: new JsonLogger('dlq-replay', 'warn') });
  const result = await replayDeadLetters(kafka, { topic, consumerGroup: group, replayId });
  process.stdout.write(`replayed ${result.replayed} message(s) of ${group} to ${topic} (replay id ${replayId}); ${result.skipped} belonged to other groups\n`);
}

void main();
