import { ACCESS_POLICY, expected, ruleFor, type Expected, type OperationKey } from '@gbt/access-policy';
import { DEMO_USERS } from '@gbt/auth';
import { waitFor } from '@gbt/testing';
import { CAST, certify, newCreditCode, registerOrganisation, send, type Service } from '../scenario';
import { startStack, type Stack } from './stack';

/** Routes that are real but kept out of the OpenAPI documents (an HTML page, the queues dashboard, probes). */
const OUTSIDE_OPENAPI: Partial<Record<Service, readonly OperationKey[]>> = {
  'evidence-review': ['GET /queues-dashboard'],
  certificates: ['GET /verify/{number}'],
};
const SERVICES: readonly Service[] = ['applications', 'evidence-review', 'scoring', 'certificates', 'directory'];
/** Each kind of caller, by the demo user that is one; alice's organisation holds the case, bob's does not. */
const CALLERS = [null, 'alice.applicant', 'bob.applicant', 'rita.reviewer', 'lena.lead', 'dan.decider', 'ada.admin'] as const;
type Caller = (typeof CALLERS)[number];

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

/** How an answer shows the guard's decision: its access refusals carry codes, anything else got past it. */
function observed(status: number, body: { code?: string; detail?: string }): Expected | 'no such route' {
  if (status === 401) return 'unauthenticated';
  if (status === 403 && body.code?.startsWith('access.')) return 'forbidden';
  if (status === 404 && body.code === 'access.not-found') return 'hidden';
  if (status === 404 && /^Cannot [A-Z]+ /.test(body.detail ?? '')) return 'no such route';
  return 'allowed';
}

describe('the access policy holds for every operation of every service, for every kind of caller', () => {
  let stack: Stack;
  let ids: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    const certified = await certify(stack.platform, CAST, { name: '访问矩阵 Access Matrix Co', creditCode: newCreditCode(), address: 'Fuzhou' });
    // Bob's organisation exists, so he is a real applicant of another organisation.
    await registerOrganisation(stack.platform, 'bob.applicant', { name: 'Globex', creditCode: newCreditCode(), address: 'Xiamen' });
    const review = await send<{ tasks: Record<string, unknown> }>(stack.platform, 'evidence-review', 'GET', `/cases/${certified.caseId}/review`, { as: 'lena.lead', expect: 200 });
    const catalogues = await send<{ versions: string[] }>(stack.platform, 'scoring', 'GET', '/catalogues', { expect: 200 });
    ids = {
      caseId: certified.caseId,
      number: certified.certificateNumber,
      taskId: Object.keys(review.body.tasks)[0]!,
      queue: 'review-service-system',
      documentId: 'doc-00000000-0000-4000-8000-000000000000',
      nonconformityId: 'nc-5.1.1.1',
      scorecardId: 'scorecard-unknown',
      requestId: '00000000-0000-4000-8000-000000000000',
      version: catalogues.body.versions[0]!,
      organisationId: certified.organisationId,
      // The directory's: a demo person, and ids of nothing (refused by the service, past the guard).
      personId: 'rita.reviewer',
      qualificationId: 'qualification-unknown',
      relationId: 'relation-unknown',
      invitationId: 'invitation-unknown',
      // The monthly reports': a month that has begun, and a report that may not exist (404 past the guard).
      period: '2026-11',
      sequence: '1',
      // The public log's: a tree size that may not have a signed head yet (404 past the guard).
      size: '1',
      // Audit plans': a kind of audit (an empty body is refused past the guard).
      kind: 'surveillance-2',
      // Complaints': a reference of no complaint (404 past the guard).
      reference: 'TS-2026-999999',
      // Appeals': an appeal of no case (refused by the service, past the guard).
      appealId: 'appeal-00000000-0000-4000-8000-000000000000',
    };
  }, 300_000);
  afterAll(() => stack?.stop(), 60_000);

  const fill = (service: Service, path: string) =>
    path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
      const id = service === 'applications' && path.startsWith('/organisations/') && name === 'id' ? ids.organisationId : name === 'id' ? ids.caseId : ids[name];
      if (!id) throw new Error(`no value for {${name}} in ${path}`);
      return encodeURIComponent(id);
    });

  const call = async (service: Service, key: OperationKey, caller: Caller) => {
    const [method, path] = key.split(' ') as [string, string];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller) headers.authorization = stack.as(caller).authorization!;
    const response = await fetch(`${stack.url(service)}${fill(service, path)}`, { method, headers, body: method === 'GET' ? undefined : '{}', redirect: 'manual' });
    const text = await response.text();
    const body = (/json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : {}) as { code?: string; detail?: string };
    return { status: response.status, body };
  };

  it('names every OpenAPI operation in the policy, and every policy operation is a real route', async () => {
    const missing: string[] = [];
    for (const service of SERVICES) {
      const doc = (await send<OpenApiDocument>(stack.platform, service, 'GET', '/docs-json', { expect: 200 })).body;
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}` as OperationKey));
      expect(operations.length).toBeGreaterThan(3);
      for (const op of operations) if (!ruleFor(service, op)) missing.push(`${service} ${op}`);
      const documented = new Set([...operations, ...(OUTSIDE_OPENAPI[service] ?? [])]);
      const undocumented = (Object.keys(ACCESS_POLICY[service]) as OperationKey[]).filter((op) => !documented.has(op) && !op.startsWith('GET /health') && op !== 'GET /metrics');
      expect({ service, undocumented }).toEqual({ service, undocumented: [] });
    }
    expect(missing).toEqual([]);
  });

  it('answers every operation as the policy says, for no token, each role and another organisation\'s applicant', async () => {
    const mismatches: string[] = [];
    let calls = 0;
    for (const service of SERVICES) {
      for (const [key, rule] of Object.entries(ACCESS_POLICY[service]) as [OperationKey, (typeof ACCESS_POLICY)[Service][OperationKey]][]) {
        for (const caller of CALLERS) {
          const roles = caller ? DEMO_USERS.find((u) => u.id === caller)!.roles : null;
          const want = expected(rule, roles, caller === 'alice.applicant');
          const { status, body } = await call(service, key, caller);
          calls++;
          const got = observed(status, body);
          if (got !== want) mismatches.push(`${service} ${key} as ${caller ?? 'no token'}: policy says ${want}, got ${status} ${body.code ?? ''} ${body.detail ?? ''}`.trim());
        }
      }
    }
    expect(calls).toBeGreaterThan(300);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('answers another organisation\'s case exactly as a missing one, so existence does not leak', async () => {
    const theirs = await call('applications', 'GET /cases/{id}', 'bob.applicant');
    const ghost = await fetch(`${stack.url('applications')}/cases/case-00000000-0000-4000-8000-000000000000`, { headers: stack.as('alice.applicant') as Record<string, string> });
    expect(theirs.status).toBe(404);
    expect(ghost.status).toBe(404);
    expect(theirs.body.code).toBe(((await ghost.json()) as { code?: string }).code);
  });

  describe('the findings of the security review, replayed', () => {
    it('lets no reviewer cancel a certificate, and records the holder who does as the applicant', async () => {
      const byReviewer = await send(stack.platform, 'certificates', 'POST', `/certificates/${ids.number}/cancellation`, { as: 'rita.reviewer', json: { reason: 'a reviewer should not be able to do this' } });
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body).toMatchObject({ code: 'access.role', params: { roles: ['applicant', 'administrator'] } });
      const byStranger = await send(stack.platform, 'certificates', 'POST', `/certificates/${ids.number}/cancellation`, { as: 'bob.applicant', json: { reason: 'not mine' } });
      expect(byStranger.status).toBe(404);
      await send(stack.platform, 'certificates', 'POST', `/certificates/${ids.number}/cancellation`, { as: 'alice.applicant', json: { reason: '停止经营 we stop trading' }, expect: 202 });
      const cancelled = await waitFor(async () => {
        const history = await send<{ type: string; actor: { id: string; role?: string } }[]>(stack.platform, 'applications', 'GET', `/cases/${ids.caseId}/history`, { as: 'alice.applicant', expect: 200 });
        return history.body.find((e) => e.type === 'certification.certificate-cancelled');
      }, 60_000, 'the cancellation to reach the case');
      expect(cancelled.actor).toEqual({ id: 'alice.applicant', role: 'applicant' });
    }, 90_000);

    it('refuses a what-if or a correction with a misspelt or unknown key, naming it', async () => {
      const whatIf = (json: unknown) => send<{ errors?: string[] }>(stack.platform, 'scoring', 'POST', `/cases/${ids.caseId}/what-if`, { as: 'lena.lead', json });
      expect((await whatIf({})).status).toBe(200);
      for (const [json, named] of [
        [{ specialBonus: [] }, '(root): unknown key "specialBonus"'],
        [{ exclusion: ['5.2.1.1'] }, '(root): unknown key "exclusion"'],
        [{ findings: [{ id: 'f-1', requirementId: '5.1.1.1', description: '抽查 spot check', recordedBy: 'rita.reviewer', samples: { checked: 3, failed: 1 } }] }, 'findings.0: unknown key "samples"'],
      ] as const) {
        const answer = await whatIf(json);
        expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 400, errors: expect.arrayContaining([named]) });
      }
      const scorecards = await send<{ version: number; scorecards: { scorecardId: string }[] }>(stack.platform, 'scoring', 'GET', `/cases/${ids.caseId}/scorecards`, { as: 'lena.lead', expect: 200 });
      const correction = await send<{ errors?: string[] }>(stack.platform, 'scoring', 'POST', `/cases/${ids.caseId}/scorecards/${scorecards.body.scorecards[0]!.scorecardId}/corrections`, {
        as: 'lena.lead',
        json: { findings: [], reason: '更正 a misspelt bonus', specialBonus: [{ id: 'b-1', description: 'award' }] },
        ifMatch: scorecards.body.version,
      });
      expect(correction.status).toBe(400);
      expect(correction.body.errors).toContain('(root): unknown key "specialBonus"');
      const after = await send<{ scorecards: unknown[] }>(stack.platform, 'scoring', 'GET', `/cases/${ids.caseId}/scorecards`, { as: 'lena.lead', expect: 200 });
      expect(after.body.scorecards).toHaveLength(scorecards.body.scorecards.length);
    });

    it('sends security headers and no X-Powered-By on public pages, APIs and errors', async () => {
      const answers = [
        await fetch(`${stack.url('certificates')}/verify/${ids.number}`),
        await fetch(`${stack.url('certificates')}/registry/certificates`),
        await fetch(`${stack.url('applications')}/cases/${ids.caseId}`, { headers: stack.as('alice.applicant') as Record<string, string> }),
        await fetch(`${stack.url('scoring')}/no-such-page`),
      ];
      for (const answer of answers) {
        const h = answer.headers;
        expect({ url: answer.url, poweredBy: h.get('x-powered-by'), nosniff: h.get('x-content-type-options'), frame: h.get('x-frame-options'), referrer: h.get('referrer-policy') }).toEqual({
          url: answer.url,
          poweredBy: null,
          nosniff: 'nosniff',
          frame: expect.stringMatching(/DENY|SAMEORIGIN/),
          referrer: 'no-referrer',
        });
        expect(h.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      }
    });

    it('refuses a token without an expiry, or one that lives longer than allowed', async () => {
      const claims = { sub: 'alice.applicant', name: 'Alice', roles: ['applicant'] };
      for (const token of [await stack.issuer.sign({ ...claims, exp: null }), await stack.issuer.sign({ ...claims, exp: 30 * 24 * 3600 })]) {
        const answer = await fetch(`${stack.url('applications')}/cases`, { headers: { authorization: `Bearer ${token}` } });
        expect(answer.status).toBe(401);
        expect(((await answer.json()) as { code: string }).code).toBe('access.token-invalid');
      }
    });
  });
});
