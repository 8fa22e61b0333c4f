import { defaultCatalogue } from '@gbt/catalogue';
import { planTasks, QUEUES } from '../tasks/task-plan';
import { caseOfTask, cycleStartedAt, latestCycle, queueOfTask, reviewOfTask, reviewStream } from './review-cycles';

const caseId = 'case-00000000-0000-4000-8000-000000000001';

describe('review cycles: one review per evaluation, each with its own stream and task ids', () => {
  it('keeps the first evaluation\'s names and gives a recertification its own', () => {
    expect(reviewStream(caseId)).toBe(`review-${caseId}`);
    expect(reviewStream(caseId, 1)).toBe(`review-${caseId}`);
    expect(reviewStream(caseId, 2)).toBe(`review-${caseId}-c2`);

    const first = planTasks(caseId, defaultCatalogue);
    expect(planTasks(caseId, defaultCatalogue, 1)).toEqual(first);
    expect(first.map((t) => t.taskId)).toContain(`${caseId}.5.1.2`);
    expect(first.map((t) => t.taskId)).toContain(`${caseId}.on-site`);

    const second = planTasks(caseId, defaultCatalogue, 2);
    expect(second.map((t) => t.taskId)).toEqual(first.map((t) => t.taskId.replace(`${caseId}.`, `${caseId}.c2.`)));
    // The same work on the same queues: only the ids differ, so no job of the first cycle is reused.
    expect(second.map(({ queue, requirementIds, onSite }) => ({ queue, requirementIds, onSite }))).toEqual(first.map(({ queue, requirementIds, onSite }) => ({ queue, requirementIds, onSite })));
  });

  it('maps every planned task id back to its case, cycle and queue', () => {
    for (const cycle of [1, 2, 13]) {
      for (const task of planTasks(caseId, defaultCatalogue, cycle)) {
        expect(reviewOfTask(task.taskId)).toEqual({ caseId, cycle, key: task.indicatorId ?? 'on-site' });
        expect(caseOfTask(task.taskId)).toBe(caseId);
        expect(queueOfTask(task.taskId)).toBe(task.queue);
      }
    }
    expect(queueOfTask(`${caseId}.c2.5.3.1`)).toBe(QUEUES['5.3']);
    expect(queueOfTask(`${caseId}.c2.on-site`)).toBe(QUEUES['on-site']);
  });

  it('reads made-up task ids as the first cycle, never as another case\'s or a cycle 0', () => {
    expect(reviewOfTask('toString')).toEqual({ caseId: 'toString', cycle: 1, key: '' });
    expect(reviewOfTask(`${caseId}.c0.5.1.2`)).toEqual({ caseId, cycle: 1, key: 'c0.5.1.2' });
    expect(reviewOfTask(`${caseId}.c02.5.1.2`)).toMatchObject({ cycle: 1 });
  });

  it('numbers the cycles by the recertifications started, counting a redelivered start once', () => {
    expect(latestCycle([])).toBe(1);
    expect(cycleStartedAt([31], 31)).toBe(2);
    expect(cycleStartedAt([31, 31], 31)).toBe(2);
    // A second recertification (the first was denied), and the first one delivered again afterwards.
    expect(cycleStartedAt([31, 40], 40)).toBe(3);
    expect(cycleStartedAt([31, 40], 31)).toBe(2);
    expect(latestCycle([31, 40])).toBe(3);
  });
});
