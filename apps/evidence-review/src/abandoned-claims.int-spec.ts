import { randomUUID } from 'node:crypto';
import { waitFor } from '@gbt/testing';
import { QUEUES } from './tasks/task-plan';
import { WorkQueues } from './tasks/work-queues';
import { startEvidenceReview } from './testing/harness';

describe('claims that are given back or abandoned', () => {
  let h: Awaited<ReturnType<typeof startEvidenceReview>>;
  beforeAll(async () => {
    // Long enough that the claim, a stranger's refused release and the holder's release fit in it on a
    // loaded machine (1.5 s did not: the claim lapsed first and the holder's release got 409), short
    // enough that the abandoned claim lapses within the waits below.
    h = await startEvidenceReview({ queues: { claimTimeoutMs: 5_000 } });
  });
  afterAll(() => h.close());

  it('returns a released task at once and an abandoned one after the claim timeout', async () => {
    const caseId = `case-${randomUUID()}`;
    // Due before anything else in the queue, so these tasks are claimed first.
    await h.reviews.plan(caseId, 'org-x', 'gbt27922-2011.v1', new Date('2024-01-01T00:00:00Z'));
    const queue = QUEUES['5.3'];
    const first = await h.http().post(`/queues/${queue}/claim`).set(h.as('rita.reviewer')).expect(200);
    expect(first.body).toMatchObject({ claimedBy: 'rita.reviewer' });
    await h.http().post(`/tasks/${first.body.taskId}/release`).set(h.as('roy.reviewer')).expect(409);
    const released = await h.http().post(`/tasks/${first.body.taskId}/release`).set(h.as('rita.reviewer')).expect(200);
    expect(released.body.claimedBy).toBeNull();

    const abandoned = await h.http().post(`/queues/${queue}/claim`).set(h.as('rita.reviewer')).expect(200);
    const taskId = abandoned.body.taskId as string;
    const queues = h.app.get(WorkQueues);
    await waitFor(async () => (await queues.holder(queue, taskId)) === null, 30_000, 'the abandoned claim to lapse');
    const retaken = await waitFor(async () => {
      const res = await h.http().post(`/queues/${queue}/claim`).set(h.as('roy.reviewer'));
      return res.status === 200 && res.body.taskId === taskId ? res.body : undefined;
    }, 30_000, 'roy to get the abandoned task');
    expect(retaken.claimedBy).toBe('roy.reviewer');
  });
});
