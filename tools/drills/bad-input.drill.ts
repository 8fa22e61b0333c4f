import type { Kafka } from 'kafkajs';
import { draftWithEvidence, CAST, newCreditCode, readCase, type Platform } from '../scenario';
import { deadLettered, sendBadMessages, subscriptions } from './bad-messages';
import { badRequests, sendAll } from './bad-requests';
import { consolePathsDrill } from './console-paths';
import { seededRandom, type DrillReport } from './figures';
import { differences, snapshot } from './state-snapshot';

export interface BadInputTarget {
  readonly platform: Platform;
  readonly kafka: Kafka;
  readonly mongoUri: string;
  /** The stack's databases: "nothing else changes" is checked in each. */
  readonly databases: readonly string[];
  /** Consumer groups of the stack start with this. */
  readonly groupPrefix: string;
}

/**
 * Malformed requests and messages against a running stack with live data: every request must be
 * answered 4xx, every message must be parked on a dead-letter topic by every group that reads its
 * topic, and afterwards no database document count or event topic has moved. The web console's
 * server, put in front of the stack, gets malformed and hostile paths (console-paths.ts): 4xx for
 * each, no crash, and nothing forwarded anywhere but the four services.
 */
export async function badInputDrill(target: BadInputTarget, sizes: { requests: number; messages: number; seed?: number }): Promise<DrillReport> {
  const seed = sizes.seed ?? Date.now() % 1_000_000;
  const drafted = await draftWithEvidence(target.platform, CAST, { name: '演练公司 Drill Co', creditCode: newCreditCode() });
  const view = await readCase(target.platform, CAST.applicant, drafted.caseId);
  // Let the services finish what the draft set off (projections, relays) before taking the picture.
  await new Promise((r) => setTimeout(r, 2_000));
  const before = await snapshot(target.mongoUri, target.databases, target.kafka);

  const requests = badRequests(target.platform, { organisationId: drafted.organisationId, caseId: drafted.caseId, caseVersion: view.version }, sizes.requests, seededRandom(seed));
  const started = Date.now();
  const outcomes = await sendAll(target.platform, requests);
  const requestSeconds = (Date.now() - started) / 1000;
  const slipped = outcomes.filter((o) => o.status < 400 || o.status >= 500);
  const statuses = new Map<number, number>();
  for (const o of outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  const throughConsole = await consolePathsDrill(target.platform);

  const readers = await subscriptions(target.kafka, target.groupPrefix);
  const topics = [...new Set([...readers.values()].flat())].sort();
  const sent = await sendBadMessages(target.kafka, topics, sizes.messages);
  const groupsOf = (topic: string) => [...readers].filter(([, read]) => read.includes(topic)).map(([group]) => group);
  const parkedByAll = (found: Map<string, Map<string, string>>, id: string, topic: string) => groupsOf(topic).every((g) => found.get(id)?.has(g));
  const found = await deadLettered(target.kafka, topics, (f) => sent.every((m) => parkedByAll(f, m.id, m.topic)), 120_000);
  const unparked = sent.filter((m) => !parkedByAll(found, m.id, m.topic));
  const reasonless = [...found.values()].flatMap((byGroup) => [...byGroup.values()]).filter((reason) => reason.length === 0).length;

  // Anything the bad input set off would have happened by now; the services keep running meanwhile.
  await new Promise((r) => setTimeout(r, 2_000));
  const ownMessages: Record<string, number> = {};
  for (const m of sent) ownMessages[`kafka:${m.topic}`] = (ownMessages[`kafka:${m.topic}`] ?? 0) + 1;
  const changed = differences(before, await snapshot(target.mongoUri, target.databases, target.kafka), ownMessages);

  return {
    drill: `bad input (seed ${seed})`,
    figures: [
      { name: 'malformed requests sent', value: outcomes.length, mustBe: sizes.requests },
      { name: 'requests answered 4xx', value: outcomes.length - slipped.length, mustBe: sizes.requests },
      { name: 'answer statuses', value: [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}x${n}`).join(' ') },
      { name: 'requests per second', value: Math.round(outcomes.length / requestSeconds) },
      { name: 'topics read by the stack', value: topics.length },
      { name: 'consumer groups of the stack', value: readers.size },
      { name: 'malformed messages sent', value: sent.length, mustBe: sizes.messages },
      { name: 'messages dead-lettered by every reader', value: sent.length - unparked.length, mustBe: sizes.messages },
      { name: 'dead letters without a reason', value: reasonless, mustBe: 0 },
      { name: 'documents or topics changed', value: changed.length, mustBe: 0 },
      ...throughConsole.figures,
    ],
    problems: [
      ...slipped.map((o) => `${o.request.why}: ${o.request.method} ${o.request.service}${o.request.path.slice(0, 100)} answered ${o.status}: ${o.detail}`),
      ...unparked.map((m) => `message ${m.id} (${m.why}) on ${m.topic} not dead-lettered by ${groupsOf(m.topic).filter((g) => !found.get(m.id)?.has(g)).join(', ')}`),
      ...changed.map((c) => `changed: ${c}`),
      ...throughConsole.problems,
    ],
  };
}
