import { randomUUID } from 'node:crypto';
import { defaultCatalogue, roundScore } from '@gbt/catalogue';
import {
  certificationCaseEvents,
  deadLetterTopic,
  EventRegistry,
  MessageHeaders,
  organisationEvents,
  reviewEvents,
  Topics,
} from '@gbt/contracts';
import type { KafkaMessage } from 'kafkajs';
import { EventPublisher } from '@gbt/messaging';
import { creditCodeCheckCharacter } from '@gbt/contracts';
import { readTopic, testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { startScoring } from './testing/harness';

const TOPICS: Record<string, string> = { review: Topics.review, certification: Topics.certificationCase, applications: Topics.organisation };

describe('scoring service: review results from Kafka to explained scorecards', () => {
  let h: Awaited<ReturnType<typeof startScoring>>;
  let publisher: EventPublisher;
  const caseId = `case-${randomUUID()}`;
  // A fresh organisation: the topics are shared with other tests, and the first registration of a code wins.
  const first17 = `91310000${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase().replace(/[IOSVZ]/g, '1')}`;
  const creditCode = first17 + creditCodeCheckCharacter(first17);

  const envelope = (type: string, streamId: string, actor: string, data: Record<string, unknown>) => testEnvelope(type, streamId, data, { actor });

  const results = (extra: Record<string, unknown> = {}) =>
    envelope('review.results-published', `review-${caseId}`, 'lena.lead', {
      caseId,
      catalogueVersion: 'gbt27922-2011.v1',
      findings: [
        { id: 'f-1', requirementId: '5.1.2.2', description: '无售后服务管理师 no certified after-sales manager', recordedBy: 'rita.reviewer' },
        { id: 'f-2', requirementId: '5.3.2.3', description: '3 of 12 complaint files closed late', recordedBy: 'roy.reviewer', sample: { checked: 12, failed: 3 } },
      ],
      exclusions: [{ id: '5.2.6', reason: 'sells no products that are recovered at end of life', recordedBy: 'lena.lead' }],
      specialDeductions: [{ id: 'sd-1', description: 'repair prices not displayed as the law requires', recordedBy: 'rita.reviewer' }],
      specialBonuses: [],
      openNonconformitiesWaived: false,
      ...extra,
    });

  // Topics are shared with every other test, and some of them put malformed messages there on purpose.
  const parsed = (m: KafkaMessage): { eventId?: string; data?: { caseId?: string } } & Record<string, unknown> => {
    try {
      return JSON.parse(m.value?.toString() ?? '') ?? {};
    } catch {
      return {};
    }
  };
  const scorecards = async (user = 'lena.lead') => (await h.http().get(`/cases/${caseId}/scorecards`).set(h.as(user)).expect(200)).body;

  beforeAll(async () => {
    h = await startScoring();
    publisher = new EventPublisher(testKafka(), {
      registry: new EventRegistry([...reviewEvents, ...certificationCaseEvents, ...organisationEvents]),
      topicFor: (e) => TOPICS[e.type.split('.')[0]!]!,
    });
    const scope = { productCategories: ['household appliances'], serviceCategories: [], sites: [], outlets: [] };
    await publisher.publish([
      envelope('applications.organisation-registered', `org-${creditCode}`, 'alice.applicant', {
        organisationId: `org-${creditCode}`, creditCode, name: 'Acme', address: 'Fuzhou', contacts: [{ name: 'A', phone: '12345', email: 'a@acme.example' }], outlets: [], registeredBy: 'alice.applicant',
      }),
      envelope('certification.application-drafted', caseId, 'alice.applicant', { caseId, organisationId: `org-${creditCode}`, catalogueVersion: 'gbt27922-2011.v1', scope }),
    ]);
    // A case is 404 to everyone until the service has learned of it from the applications service's events.
    await waitFor(async () => (await h.http().get(`/cases/${caseId}/scorecards`).set(h.as('lena.lead'))).status === 200, 60_000, 'the scoring service to learn of the case');
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  it('turns review results into a scorecard whose explanation adds up to its score, published for the lifecycle', async () => {
    const published = results();
    await publisher.publish([published]);
    const body = await waitFor(async () => {
      const b = await scorecards();
      return b.scorecards.length ? b : undefined;
    }, 30_000, 'the scorecard');
    const [card] = body.scorecards;
    const s = card.scorecard;
    // 5.2.6 (4 points) excluded: 96 applicable. Lost: 5 (5.1.2.2) + 4 * 3/12 (5.3.2.3) = 6 -> 90 / 96 * 100 = 93.75, -1 special deduction = 92.75 -> 92.8.
    expect(s).toMatchObject({ available: 96, obtained: 90, lost: 6, score: 92.8, level: 'four-star', passed: true, catalogueVersion: 'gbt27922-2011.v1' });
    const requirements = s.categories.flatMap((c: { indicators: { requirements: { obtained: number; available: number; lost: number }[] }[] }) =>
      c.indicators.flatMap((i) => i.requirements),
    );
    const sum = (key: 'obtained' | 'available' | 'lost') => requirements.reduce((t: number, r: Record<string, number>) => t + r[key]!, 0);
    expect([sum('available'), sum('obtained'), sum('lost')]).toEqual([s.available, s.obtained, s.lost]);
    expect(roundScore((100 * sum('obtained')) / sum('available') - s.specialDeductions.length)).toBe(s.score);
    const lost = requirements.filter((r: { lost: number }) => r.lost > 0);
    expect(lost).toEqual([
      expect.objectContaining({ id: '5.1.2.2', lost: 5, findings: [expect.objectContaining({ findingId: 'f-1', recordedBy: 'rita.reviewer', lost: 5 })] }),
      expect.objectContaining({ id: '5.3.2.3', lost: 1, findings: [expect.objectContaining({ findingId: 'f-2', recordedBy: 'roy.reviewer', lost: 1 })] }),
    ]);

    const messages = await readTopic(testKafka(), Topics.scorecard, (all) => all.some((m) => parsed(m).data?.caseId === caseId));
    const event = messages.map(parsed).find((e) => e.data?.caseId === caseId);
    expect(event).toMatchObject({ type: 'scoring.scorecard-issued', causationId: published.eventId, data: { score: 92.8, level: 'four-star', passed: true, specialDeductions: 1, scorecardId: card.scorecardId } });

    // Redeliver, then send results for another case on the same key (so the same partition): once
    // that one is scored, the redelivered message has certainly been handled.
    const sentinelCase = `case-${randomUUID()}`;
    const scope = { productCategories: ['household appliances'], serviceCategories: [], sites: [], outlets: [] };
    await publisher.publish([envelope('certification.application-drafted', sentinelCase, 'alice.applicant', { caseId: sentinelCase, organisationId: `org-${creditCode}`, catalogueVersion: 'gbt27922-2011.v1', scope })]);
    await publisher.publish([published, { ...results(), streamId: published.streamId, data: { ...results().data, caseId: sentinelCase } }]);
    await waitFor(async () => (await h.http().get(`/cases/${sentinelCase}/scorecards`).set(h.as('lena.lead'))).body.scorecards?.length === 1, 30_000, 'the sentinel scorecard');
    expect((await scorecards()).scorecards).toHaveLength(1);
  });

  it('parks results it cannot score on the dead-letter topic with the reason', async () => {
    const impossible = results({ findings: [{ id: 'f-9', requirementId: '5.3.2.3', description: 'x', recordedBy: 'rita.reviewer', sample: { checked: 2, failed: 5 } }] });
    const unknown = results({ findings: [{ id: 'f-8', requirementId: '9.9.9', description: 'x', recordedBy: 'rita.reviewer' }] });
    await publisher.publish([unknown]);
    // The sample check is part of the contract, so the producer refuses it; send it raw as a faulty producer would.
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: Topics.review, messages: [{ key: impossible.streamId, value: JSON.stringify(impossible) }] });
    await producer.disconnect();
    // Other services' test instances read review.v1 too; only this scoring instance's verdict counts.
    const reasonOf = async (eventId: string) => {
      const ours = (m: KafkaMessage) => parsed(m).eventId === eventId && m.headers?.[MessageHeaders.dlqConsumerGroup]?.toString() === `${h.config.database}.review-results`;
      const dead = await readTopic(testKafka(), deadLetterTopic(Topics.review), (all) => all.some(ours));
      return dead.find(ours)!.headers![MessageHeaders.dlqReason]!.toString();
    };
    expect(await reasonOf(unknown.eventId)).toMatch(/^handler failed: InvalidScoringInput: .*9\.9\.9/);
    expect(await reasonOf(impossible.eventId)).toMatch(/^invalid message: invalid review.results-published data: findings.0.sample.failed: sample.failed cannot exceed sample.checked/);
    expect((await scorecards()).scorecards).toHaveLength(1);
  });

  it('shows an applicant of the case a what-if score without storing anything; others see nothing', async () => {
    // Access follows the applications service's events, so it may take a moment to arrive.
    const whatIf = await waitFor(async () => {
      const res = await h.http().post(`/cases/${caseId}/what-if`).set(h.as('alice.applicant')).send({ specialDeductions: [] });
      return res.status === 200 ? res : undefined;
    }, 30_000, 'alice to see her case');
    expect(whatIf.body).toMatchObject({ stored: false, scorecard: { score: 93.8, level: 'four-star' }, difference: { score: { from: 92.8, to: 93.8, delta: 1 } } });
    await h.http().post(`/cases/${caseId}/what-if`).set(h.as('bob.applicant')).send({}).expect(404);
    await h.http().get(`/cases/${caseId}/scorecards`).set(h.as('bob.applicant')).expect(404);
    expect((await scorecards('alice.applicant')).scorecards).toHaveLength(1);
  });

  it('keeps the original beside an auditor\'s correction, with who and why', async () => {
    const { version, scorecards: [original] } = await scorecards();
    const corrected = await h
      .http()
      .post(`/cases/${caseId}/scorecards/${original.scorecardId}/corrections`)
      .set(h.as('ada.admin'))
      .set('if-match', `"${version}"`)
      .send({ ...original.input, specialDeductions: [], reason: 'the price display breach was rectified before the evaluation ended' })
      .expect(201);
    const list = (await scorecards()).scorecards;
    expect(list.map((s: { scorecardId: string; kind: string; current: boolean }) => [s.scorecardId, s.kind, s.current])).toEqual([
      [original.scorecardId, 'issued', false],
      [corrected.body.scorecardId, 'corrected', true],
    ]);
    expect(list[1]).toMatchObject({ by: { id: 'ada.admin' }, reason: 'the price display breach was rectified before the evaluation ended', original: { score: 92.8 }, scorecard: { score: 93.8 } });
    await h.http().post(`/cases/${caseId}/scorecards/${original.scorecardId}/corrections`).set(h.as('alice.applicant')).set('if-match', '"2"').send({ findings: [], reason: 'x' }).expect(403);
  });

  it('refuses a catalogue whose points do not add up, naming the category; re-scores under a valid new version and keeps the old scorecard', async () => {
    const v2 = JSON.parse(JSON.stringify(defaultCatalogue)) as { version: string; categories: { id: string; indicators: { requirements: { id: string; points: number }[] }[] }[] };
    v2.version = `acme-body-${randomUUID().slice(0, 8)}`;
    const manager = v2.categories[0]!.indicators[1]!.requirements.find((r) => r.id === '5.1.2.2')!;
    manager.points = 6;
    const refused = await h.http().post('/catalogues').set(h.as('ada.admin')).send(v2).expect(400);
    expect(refused.body.errors).toEqual(['category 5.1 (After-sales service system): requirement points sum to 41, not its total of 40']);
    // Move the point from 5.1.2.1 to 5.1.2.2: the category still sums to 40.
    v2.categories[0]!.indicators[1]!.requirements.find((r) => r.id === '5.1.2.1')!.points -= 1;
    await h.http().post('/catalogues').set(h.as('ada.admin')).send(v2).expect(201);
    await h.http().post('/catalogues').set(h.as('lena.lead')).send(v2).expect(403);

    const { version } = await scorecards();
    const rescored = await h.http().post(`/cases/${caseId}/rescore`).set(h.as('lena.lead')).set('if-match', `"${version}"`).send({ catalogueVersion: v2.version }).expect(201);
    expect(rescored.body.difference).toMatchObject({ catalogueVersion: { from: 'gbt27922-2011.v1', to: v2.version }, requirements: [{ id: '5.1.2.1' }, { id: '5.1.2.2', from: { available: 5, obtained: 0 }, to: { available: 6, obtained: 0 } }] });
    const kinds = (await scorecards()).scorecards.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(['issued', 'corrected', 'rescored']);
  });
});
