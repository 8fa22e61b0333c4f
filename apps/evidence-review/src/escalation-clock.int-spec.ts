import { randomUUID } from 'node:crypto';
import { defaultCatalogue } from '@gbt/catalogue';
import { MongoEventStore } from '@gbt/event-store';
import { waitFor } from '@gbt/testing';
import { reviewStream } from './review/review-cycles';
import { planTasks } from './tasks/task-plan';
import { startEvidenceReview, type ReviewHarness } from './testing/harness';

const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('SLA escalations follow the service clock', () => {
  let h: Awaited<ReturnType<typeof startEvidenceReview>>;
  let reviews: ReviewHarness['reviews'];
  let store: MongoEventStore;

  beforeAll(async () => {
    h = await startEvidenceReview({ escalations: { sweepIntervalMs: 200 } });
    reviews = h.reviews;
    store = h.app.get(MongoEventStore);
  });
  afterAll(async () => {
    await h.close();
  });

  const escalations = async (caseId: string) => (await store.readStream(reviewStream(caseId))).filter((e) => e.type === 'review.task-escalated');

  it('escalates every open task once the clock is moved past its SLA, long before that time really passes', async () => {
    const caseId = `case-${randomUUID()}`;
    h.clock.set(shanghai('2025-03-03T09:00:00')); // a Monday
    await reviews.plan(caseId, 'org-x', 'gbt27922-2011.v1', h.clock.now());
    const { state } = await reviews.load(caseId);
    expect(state.status !== 'none' && state.dueAt).toBe(shanghai('2025-03-17T09:00:00').toISOString()); // 10 working days

    h.clock.set(shanghai('2025-03-17T08:59:00'));
    await new Promise((r) => setTimeout(r, 1_000)); // five sweeps
    expect(await escalations(caseId)).toEqual([]);

    h.clock.set(shanghai('2025-03-17T09:00:01'));
    const tasks = planTasks(caseId, defaultCatalogue);
    const escalated = await waitFor(async () => {
      const found = await escalations(caseId);
      return found.length === tasks.length ? found : undefined;
    }, 10_000, 'every task to escalate');
    expect(escalated.map((e) => (e.data as { taskId: string }).taskId).sort()).toEqual(tasks.map((t) => t.taskId).sort());
    expect(escalated[0]).toMatchObject({ actor: { id: 'sla-timer' }, data: { escalatedTo: 'lead-reviewer', dueAt: shanghai('2025-03-17T09:00:00').toISOString() } });
  });
});
