import { specFor } from '@gbt/decider';
import { reviewOfTask, queueOfTask } from './review-cycles';
import { reviewDecider, type ReviewCommand, type ReviewEvent } from './review.decider';

const at = new Date('2027-03-03T01:00:00Z');
const spec = specFor(reviewDecider);
const by = { by: 'rita', at };
const plan: ReviewCommand = {
  type: 'plan',
  by: 'system',
  at,
  caseId: 'case-1',
  organisationId: 'org-1',
  catalogueVersion: 'v1',
  dueAt: new Date('2027-03-17T01:00:00Z'),
  tasks: [
    { taskId: 'case-1.5.1.2', requirementIds: ['5.1.2.2'], onSite: false },
    { taskId: 'case-1.on-site', requirementIds: ['5.2.3.2'], onSite: true },
  ],
};
const sites: ReviewCommand = { type: 'plan-site-tasks', by: 'system', at, planId: 'case-1.audit.initial', tasks: ['outlet-3', 'outlet-17'].map((o) => ({ taskId: `case-1.site.${o}`, outletId: o })) };
const run = (commands: ReviewCommand[]) =>
  commands.reduce<ReviewEvent[]>((events, c) => {
    const outcome = spec(events).when(c).outcome;
    if (!Array.isArray(outcome)) throw new Error(`${c.type}: ${JSON.stringify(outcome)}`);
    return [...events, ...outcome];
  }, []);
const documentsDone: ReviewCommand[] = [
  plan,
  { type: 'assess', ...by, taskId: 'case-1.5.1.2', requirementId: '5.1.2.2', assessment: { outcome: 'conforming' }, rectifyBy: at },
  { type: 'complete-task', ...by, taskId: 'case-1.5.1.2' },
  { type: 'assess', ...by, taskId: 'case-1.on-site', requirementId: '5.2.3.2', assessment: { outcome: 'conforming' }, rectifyBy: at },
];

describe('site tasks of a confirmed audit plan', () => {
  it('adds one on-site task per sampled outlet, once', () => {
    const planned = run([plan, sites]);
    expect(planned.at(-1)).toEqual({ type: 'review.site-tasks-planned', data: { caseId: 'case-1', planId: 'case-1.audit.initial', tasks: [{ taskId: 'case-1.site.outlet-3', outletId: 'outlet-3' }, { taskId: 'case-1.site.outlet-17', outletId: 'outlet-17' }] } });
    expect(spec(planned).when(sites).outcome).toEqual([]);
  });

  it('ends the evaluation on site with the last on-site task, the outlets visited included', () => {
    const events = run([...documentsDone, sites, { type: 'complete-task', ...by, taskId: 'case-1.on-site' }, { type: 'complete-task', ...by, taskId: 'case-1.site.outlet-3' }]);
    expect(events.filter((e) => e.type === 'review.on-site-evaluation-completed')).toEqual([]);
    const last = spec(events).when({ type: 'complete-task', ...by, taskId: 'case-1.site.outlet-17' }).outcome;
    expect(Array.isArray(last) && last.map((e) => e.type)).toEqual(['review.task-completed', 'review.on-site-evaluation-completed', 'review.results-published']);
  });

  it('adds nothing once the evaluation on site is over', () => {
    const over = run([...documentsDone, { type: 'complete-task', ...by, taskId: 'case-1.on-site' }]);
    expect(spec(over).when(sites).outcome).toEqual([]);
  });

  it('puts site tasks on the on-site queue, in the review of their cycle', () => {
    expect(queueOfTask('case-1.site.outlet-3')).toBe('review-on-site');
    expect(reviewOfTask('case-1.c2.site.shop.east')).toEqual({ caseId: 'case-1', cycle: 2, key: 'site.shop.east' });
    expect(reviewOfTask('case-1.c2.audit.recertification')).toMatchObject({ caseId: 'case-1', cycle: 2 });
  });
});
