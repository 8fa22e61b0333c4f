import type { Platform, Service } from '../scenario';

/** One request that is wrong on purpose, and why, so a 2xx or 5xx answer names what slipped through. */
export interface BadRequest {
  readonly why: string;
  readonly service: Service;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | FormData;
}

/** What the malformed requests aim at: a real organisation and draft case, so "changes nothing" is tested on live data. */
export interface Targets {
  readonly organisationId: string;
  readonly caseId: string;
  readonly caseVersion: number;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Values of the wrong shape for any field: each variant picks one. */
const WRONG_VALUES: readonly unknown[] = [null, 42, -1, 'x', '', [], [1, 2], { nested: { deep: true } }, true, '9'.repeat(300), '<script>alert(1)</script>', '\u0000'];

/**
 * Builds `count` malformed requests by cycling through kinds of wrongness (no or forged token, wrong
 * role, broken or wrong-shaped JSON, unknown ids, stale or garbled If-Match, bad query parameters,
 * oversized bodies, bad uploads), each varied by the seeded random source.
 */
export function badRequests(platform: Platform, targets: Targets, count: number, random: () => number): BadRequest[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const bearer = (user: string) => ({ authorization: `Bearer ${platform.token(user)}` });
  const wrong = () => pick(WRONG_VALUES);
  const junkId = () => `no-such-${Math.floor(random() * 1e9).toString(36)}`;
  const { caseId, organisationId, caseVersion } = targets;
  const alice = bearer('alice.applicant');

  const kinds: (() => BadRequest)[] = [
    () => ({ why: 'no token', service: 'applications', method: 'GET', path: `/cases/${caseId}`, headers: {} }),
    () => ({ why: 'no token', service: pick(['applications', 'evidence-review', 'scoring', 'certificates'] as const), method: 'POST', path: pick([`/cases/${caseId}/submit`, `/cases/${caseId}/what-if`, `/cases/${caseId}/decision`, '/queues/review-on-site/claim']), headers: JSON_TYPE, body: '{}' }),
    () => ({ why: 'forged token', service: 'applications', method: 'GET', path: '/cases', headers: { authorization: `Bearer ${pick(['abc', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJldmUifQ.', platform.token('alice.applicant').slice(0, -4) + 'AAAA'])}` } }),
    () => ({ why: 'broken JSON', service: 'applications', method: 'POST', path: '/organisations', headers: { ...alice, ...JSON_TYPE }, body: pick(['{', '{"name":', '[1,2', 'null x', '{"a":1}}']) }),
    () => ({ why: 'organisation of the wrong shape', service: 'applications', method: 'POST', path: '/organisations', headers: { ...alice, ...JSON_TYPE }, body: JSON.stringify({ name: wrong(), creditCode: pick(['123', '91350100M000100Y4X', wrong()]), address: wrong(), contacts: wrong(), outlets: wrong() }) }),
    () => ({ why: 'organisation update with a bad credit code', service: 'applications', method: 'PUT', path: `/organisations/${organisationId}`, headers: { ...alice, ...JSON_TYPE, 'if-match': '"1"' }, body: JSON.stringify({ name: 'Acme', creditCode: 'INVALID', address: 'x', contacts: [], outlets: [] }) }),
    () => ({ why: 'application for an unknown organisation or bad scope', service: 'applications', method: 'POST', path: '/cases', headers: { ...alice, ...JSON_TYPE }, body: JSON.stringify({ organisationId: pick([junkId(), wrong()]), scope: pick([wrong(), { productCategories: [], serviceCategories: [] }]) }) }),
    () => ({ why: 'unknown case', service: 'applications', method: 'GET', path: `/cases/${junkId()}`, headers: alice }),
    () => ({ why: 'bad asOf', service: 'applications', method: 'GET', path: `/cases/${caseId}?asOf=${encodeURIComponent(pick(['yesterday', '2027-13-45', 'NaN', '']))}`, headers: alice }),
    () => ({ why: 'stale If-Match', service: 'applications', method: 'POST', path: `/cases/${caseId}/submit`, headers: { ...alice, 'if-match': `"${caseVersion + 1 + Math.floor(random() * 50)}"` } }),
    () => ({ why: 'garbled If-Match', service: 'applications', method: 'POST', path: `/cases/${caseId}/submit`, headers: { ...alice, 'if-match': pick(['abc', '"-1"', '*x', '"1.5"']) } }),
    () => ({ why: 'no If-Match', service: 'applications', method: 'POST', path: `/cases/${caseId}/withdraw`, headers: { ...alice, ...JSON_TYPE }, body: JSON.stringify({ reason: 'x' }) }),
    () => ({ why: 'wrong role: applicant accepts', service: 'applications', method: 'POST', path: `/cases/${caseId}/accept`, headers: { ...alice, 'if-match': `"${caseVersion}"` } }),
    () => ({ why: 'another company’s case', service: 'applications', method: 'POST', path: `/cases/${caseId}/submit`, headers: { ...bearer('bob.applicant'), 'if-match': `"${caseVersion}"` } }),
    () => ({ why: 'not allowed in this state: lead accepts a draft', service: 'applications', method: 'POST', path: `/cases/${caseId}/accept`, headers: { ...bearer('lena.lead'), 'if-match': `"${caseVersion}"` } }),
    () => ({ why: 'evidence without a file', service: 'applications', method: 'POST', path: `/cases/${caseId}/evidence`, headers: { ...alice, 'if-match': `"${caseVersion}"` }, body: evidenceForm(pick(['5.1.1.1', '9.9.9', '']), false) }),
    () => ({ why: 'evidence for an unknown requirement', service: 'applications', method: 'POST', path: `/cases/${caseId}/evidence`, headers: { ...alice, 'if-match': `"${caseVersion}"` }, body: evidenceForm(pick(['9.9.9', 'x', '5.1']), true) }),
    () => ({ why: 'oversized JSON', service: 'applications', method: 'POST', path: '/organisations', headers: { ...alice, ...JSON_TYPE }, body: JSON.stringify({ name: 'x'.repeat(2_000_000) }) }),
    () => ({ why: 'unknown task', service: 'evidence-review', method: 'POST', path: `/tasks/${junkId()}/assessments`, headers: { ...bearer('rita.reviewer'), ...JSON_TYPE }, body: JSON.stringify({ requirementId: '5.1.1.1', assessment: { outcome: 'conforming' } }) }),
    () => ({ why: 'assessment of the wrong shape', service: 'evidence-review', method: 'POST', path: `/tasks/${junkId()}/assessments`, headers: { ...bearer('rita.reviewer'), ...JSON_TYPE }, body: JSON.stringify({ requirementId: wrong(), assessment: { outcome: pick(['great', wrong()]) } }) }),
    () => ({ why: 'unknown queue', service: 'evidence-review', method: 'POST', path: `/queues/${junkId()}/claim`, headers: bearer('rita.reviewer') }),
    () => ({ why: 'wrong role: applicant claims', service: 'evidence-review', method: 'POST', path: '/queues/review-on-site/claim', headers: alice }),
    () => ({ why: 'review of an unknown case', service: 'evidence-review', method: 'GET', path: `/cases/${junkId()}/review`, headers: bearer('lena.lead') }),
    () => ({ why: 'corrective action for an unknown nonconformity', service: 'evidence-review', method: 'POST', path: `/cases/${caseId}/nonconformities/${junkId()}/corrections`, headers: { ...alice, ...JSON_TYPE }, body: JSON.stringify({ note: wrong(), documentIds: wrong() }) }),
    () => ({ why: 'what-if of the wrong shape', service: 'scoring', method: 'POST', path: `/cases/${caseId}/what-if`, headers: { ...alice, ...JSON_TYPE }, body: JSON.stringify({ outcomes: wrong(), assessments: wrong() }) }),
    () => ({ why: 'scorecards of an unknown case', service: 'scoring', method: 'GET', path: `/cases/${junkId()}/scorecards`, headers: bearer('dan.decider') }),
    () => ({ why: 'unknown catalogue version', service: 'scoring', method: 'GET', path: `/catalogues/${junkId()}`, headers: bearer('lena.lead') }),
    () => ({ why: 'catalogue of the wrong shape', service: 'scoring', method: 'POST', path: '/catalogues', headers: { ...bearer('ada.admin'), ...JSON_TYPE }, body: JSON.stringify({ version: wrong(), categories: wrong() }) }),
    () => ({ why: 'decision on a case without a scorecard', service: 'certificates', method: 'POST', path: `/cases/${caseId}/decision`, headers: { ...bearer('dan.decider'), ...JSON_TYPE }, body: JSON.stringify({ outcome: 'grant', level: 'five-star', reasons: 'x', scorecardHash: 'a'.repeat(64), reviewReportHash: 'b'.repeat(64) }) }),
    () => ({ why: 'decision of the wrong shape', service: 'certificates', method: 'POST', path: `/cases/${junkId()}/decision`, headers: { ...bearer('dan.decider'), ...JSON_TYPE }, body: JSON.stringify({ outcome: wrong(), level: wrong() }) }),
    () => ({ why: 'suspension of an unknown certificate', service: 'certificates', method: 'POST', path: `/certificates/GBT27922-2027-${String(Math.floor(random() * 1e6)).padStart(6, '0')}-00/suspension`, headers: { ...bearer('dan.decider'), ...JSON_TYPE }, body: JSON.stringify({ reason: wrong(), months: wrong() }) }),
    () => ({ why: 'malformed certificate number', service: 'certificates', method: 'GET', path: `/registry/certificates/${encodeURIComponent(pick(['123', 'GBT27922-2027-000001-99', '../../etc/passwd', junkId()]))}`, headers: {} }),
    () => ({ why: 'bad registry search', service: 'certificates', method: 'GET', path: `/registry/certificates?${pick(['level=seven-star', 'status=happy', 'limit=-5', 'limit=abc', 'creditCode=123'])}`, headers: {} }),
    () => ({ why: 'bad validity date', service: 'certificates', method: 'GET', path: `/registry/certificates/GBT27922-2027-000001-${pick(['00', '12'])}/validity?on=${encodeURIComponent(pick(['tomorrow', '2027-02-30', '']))}`, headers: {} }),
    () => ({ why: 'no such route', service: pick(['applications', 'evidence-review', 'scoring', 'certificates'] as const), method: pick(['GET', 'DELETE', 'PATCH']), path: `/${junkId()}/${junkId()}`, headers: alice }),
  ];
  return Array.from({ length: count }, (_, i) => (kinds[i % kinds.length] as () => BadRequest)());
}

function evidenceForm(requirementId: string, withFile: boolean): FormData {
  const form = new FormData();
  form.set('requirementId', requirementId);
  if (withFile) form.set('file', new Blob([Buffer.from('%PDF-1.4 drill')], { type: 'application/pdf' }), 'drill.pdf');
  return form;
}

export interface RequestOutcome {
  readonly request: BadRequest;
  readonly status: number;
  readonly detail: string;
}

/** Sends the requests a few at a time (as many clients would) and records each answer. */
export async function sendAll(platform: Platform, requests: readonly BadRequest[], concurrency = 8): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as BadRequest;
      const response = await fetch(`${platform.url(request.service)}${request.path}`, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      outcomes.push({ request, status: response.status, detail: text.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}
