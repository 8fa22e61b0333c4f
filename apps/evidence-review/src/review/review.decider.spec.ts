import { specFor } from '@gbt/decider';
import { reviewDecider, type ReviewCommand, type ReviewEvent } from './review.decider';

const at = new Date('2025-03-03T01:00:00Z');
const spec = specFor(reviewDecider);
const plan: ReviewCommand = {
  type: 'plan',
  by: 'system',
  at,
  caseId: 'case-1',
  organisationId: 'org-1',
  catalogueVersion: 'v1',
  dueAt: new Date('2025-03-17T01:00:00Z'),
  tasks: [
    { taskId: 'case-1.5.1.2', requirementIds: ['5.1.2.2'], onSite: false },
    { taskId: 'case-1.on-site', requirementIds: ['5.2.3.2'], onSite: true },
  ],
};
const run = (commands: ReviewCommand[]) =>
  commands.reduce<ReviewEvent[]>((events, c) => {
    const outcome = spec(events).when(c).outcome;
    if (!Array.isArray(outcome)) throw new Error(`${c.type}: ${JSON.stringify(outcome)}`);
    return [...events, ...outcome];
  }, []);
type WithoutTime = ReviewCommand extends infer C ? (C extends ReviewCommand ? Omit<C, 'at'> : never) : never;
const cmd = (c: WithoutTime) => ({ at, ...c }) as ReviewCommand;

describe('review decider', () => {
  const planned = run([plan]);
  const withNc = run([plan, cmd({ type: 'assess', by: 'rita', taskId: 'case-1.5.1.2', requirementId: '5.1.2.2', assessment: { outcome: 'nonconformity', finding: 'no manager', severity: 'major', evidenceDocumentIds: [] }, rectifyBy: at })]);

  it('plans a review once', () => {
    expect(planned.map((e) => e.type)).toEqual(['review.tasks-planned']);
    expect(spec(planned).when(plan).outcome).toEqual([]);
  });

  it('releases only the open tasks of a reviewer who declared a relation, with the reason, and nothing of a cancelled review', () => {
    const release = cmd({ type: 'release-tasks', by: 'evidence-review', taskIds: ['case-1.5.1.2', 'case-1.on-site', 'case-1.unknown'], reviewerId: 'rita', organisationId: 'org-1', relationId: 'r-1' });
    const done = run([plan, cmd({ type: 'assess', by: 'rita', taskId: 'case-1.5.1.2', requirementId: '5.1.2.2', assessment: { outcome: 'conforming' }, rectifyBy: at }), cmd({ type: 'complete-task', by: 'rita', taskId: 'case-1.5.1.2' })]);
    expect(spec(done).when(release).outcome).toEqual([
      { type: 'review.task-released', data: { caseId: 'case-1', taskId: 'case-1.on-site', reviewerId: 'rita', reasonCode: 'RelatedToOrganisation', organisationId: 'org-1', relationId: 'r-1' } },
    ]);
    expect(spec(run([plan, cmd({ type: 'cancel', by: 'system', reason: 'withdrawn' })])).when(release).outcome).toEqual([]);
  });

  it('raises a nonconformity for the lifecycle together with the assessment', () => {
    expect(withNc.map((e) => e.type)).toEqual(['review.tasks-planned', 'review.evaluator-assigned', 'review.requirement-assessed', 'review.nonconformity-raised']);
  });

  it('completes the on-site evaluation only after the document review', () => {
    const assessedBoth = run([plan, cmd({ type: 'assess', by: 'rita', taskId: 'case-1.on-site', requirementId: '5.2.3.2', assessment: { outcome: 'conforming' }, rectifyBy: at })]);
    expect(spec(assessedBoth).when(cmd({ type: 'complete-task', by: 'rita', taskId: 'case-1.on-site' })).outcome).toMatchObject({ error: 'DocumentReviewFirst' });
  });

  it('holds the results while a nonconformity is open, and never lets its finder verify the correction', () => {
    const done = run([
      plan,
      cmd({ type: 'assess', by: 'rita', taskId: 'case-1.5.1.2', requirementId: '5.1.2.2', assessment: { outcome: 'nonconformity', finding: 'no manager', severity: 'major', evidenceDocumentIds: [] }, rectifyBy: at }),
      cmd({ type: 'assess', by: 'rita', taskId: 'case-1.on-site', requirementId: '5.2.3.2', assessment: { outcome: 'conforming' }, rectifyBy: at }),
      cmd({ type: 'complete-task', by: 'rita', taskId: 'case-1.5.1.2' }),
      cmd({ type: 'complete-task', by: 'rita', taskId: 'case-1.on-site' }),
    ]);
    expect(done.at(-1)).toMatchObject({ type: 'review.results-waiting-for-corrections', data: { openNonconformityIds: ['nc-5.1.2.2'] } });
    const correction = spec(done).when(cmd({ type: 'submit-correction', by: 'alice', nonconformityId: 'nc-5.1.2.2', documentIds: [], note: 'fixed' })).outcome as ReviewEvent[];
    const submitted = [...done, ...correction];
    expect(spec(submitted).when(cmd({ type: 'verify-correction', by: 'rita', nonconformityId: 'nc-5.1.2.2', accepted: true })).outcome).toMatchObject({ error: 'SelfVerification' });
    const verified = spec(submitted).when(cmd({ type: 'verify-correction', by: 'roy', nonconformityId: 'nc-5.1.2.2', accepted: true })).outcome as ReviewEvent[];
    expect(verified.map((e) => e.type)).toEqual(['review.evaluator-assigned', 'review.corrective-action-verified', 'review.results-published']);
    expect(verified[0]!.data).toMatchObject({ personId: 'roy' });
  });

  it('knows no nonconformity or task by an inherited property name', () => {
    expect(spec(withNc).when(cmd({ type: 'submit-correction', by: 'alice', nonconformityId: 'constructor', documentIds: [], note: 'x' })).outcome).toMatchObject({ error: 'UnknownNonconformity' });
    expect(spec(withNc).when(cmd({ type: 'complete-task', by: 'rita', taskId: 'toString' })).outcome).toMatchObject({ error: 'UnknownTask' });
  });

  it('does not escalate a task that waits for the applicant', () => {
    const waiting = run([plan, cmd({ type: 'request-information', by: 'rita', taskId: 'case-1.5.1.2', question: 'records?' })]);
    expect(spec(waiting).when(cmd({ type: 'escalate', by: 'timer', taskId: 'case-1.5.1.2' })).outcome).toEqual([]);
    expect(spec(planned).when(cmd({ type: 'escalate', by: 'timer', taskId: 'case-1.5.1.2' })).outcome).toMatchObject([{ type: 'review.task-escalated' }]);
  });
});

describe('a recertification\'s review', () => {
  const recertification: ReviewCommand = {
    ...plan,
    tasks: [
      { taskId: 'case-1.c2.5.1.2', requirementIds: ['5.1.2.2'], onSite: false },
      { taskId: 'case-1.c2.on-site', requirementIds: ['5.2.3.2'], onSite: true },
    ],
  };
  const assess = (taskId: string, requirementId: string, by = 'rita') =>
    cmd({ type: 'assess', by, taskId, requirementId, assessment: { outcome: 'nonconformity', finding: 'again no manager', severity: 'major', evidenceDocumentIds: [] }, rectifyBy: at });

  it('is planned on a stream of its own, for the same case, with the cycle\'s task ids', () => {
    expect(run([recertification])).toEqual([{ type: 'review.tasks-planned', data: expect.objectContaining({ caseId: 'case-1', tasks: recertification.tasks }) }]);
    // The first cycle's task ids are not part of it.
    expect(spec(run([recertification])).when(assess('case-1.5.1.2', '5.1.2.2')).outcome).toMatchObject({ error: 'UnknownTask' });
  });

  it('announces its evaluators and raises its nonconformities anew, as the lifecycle starts the cycle with none', () => {
    const events = run([recertification, assess('case-1.c2.5.1.2', '5.1.2.2')]);
    expect(events.slice(1)).toMatchObject([
      { type: 'review.evaluator-assigned', data: { caseId: 'case-1', personId: 'rita' } },
      { type: 'review.requirement-assessed', data: { caseId: 'case-1', taskId: 'case-1.c2.5.1.2' } },
      { type: 'review.nonconformity-raised', data: { caseId: 'case-1', nonconformityId: 'nc-5.1.2.2' } },
    ]);
  });
});
