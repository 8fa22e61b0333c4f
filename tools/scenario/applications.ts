import { randomInt } from 'node:crypto';
import { creditCodeCheckCharacter } from '@gbt/contracts';
import { send, UnexpectedReply, versionOf, type Platform } from './http';
import { eventually } from './wait';

/** A case as GET /cases/:id shows it: the lifecycle state, its version and the commands it allows now. */
export interface CaseView {
  readonly caseId: string;
  readonly version: number;
  readonly status: string;
  readonly phase?: string;
  readonly score: { scorecardId: string; score: number; level: string | null; specialDeductions: number } | null;
  readonly certificate?: { number: string; level: string; validFrom: string; validUntil: string; cycle: number; nextSurveillanceBy: string };
  readonly surveillanceDueBy?: string | null;
  readonly until?: string;
  readonly reason?: string;
  readonly nonconformities: Record<string, { requirementId: string; open: boolean; recordedBy: string }>;
  readonly evaluators: string[];
  readonly availableCommands: string[];
  readonly [more: string]: unknown;
}

/** The certificate of a case that has one (certified, suspended, recertifying, expired, ...). */
export function certificateOf(view: CaseView): NonNullable<CaseView['certificate']> {
  if (!view.certificate) throw new Error(`case ${view.caseId} is ${view.status} and has no certificate`);
  return view.certificate;
}

export interface HistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { id: string };
  readonly data: Record<string, unknown>;
}

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh, valid unified social credit code: 9 (registered with market regulation) 1 (enterprise), a division code, a random body and its check character. */
export function newCreditCode(division = '440300'): string {
  const body = Array.from({ length: 9 }, () => CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)]).join('');
  const first17 = `91${division}${body}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export interface OrganisationInput {
  readonly name: string;
  readonly creditCode?: string;
  readonly address?: string;
  readonly contact?: { name: string; phone: string; email: string };
  /** Service outlets (audits sample them) and the headcount (the audit effort's basis); issue 19. */
  readonly outlets?: readonly { name: string; address: string }[];
  readonly employees?: number;
}

export async function registerOrganisation(platform: Platform, applicant: string, input: OrganisationInput) {
  const creditCode = input.creditCode ?? newCreditCode();
  const reply = await send(platform, 'applications', 'POST', '/organisations', {
    as: applicant,
    json: {
      name: input.name,
      creditCode,
      address: input.address ?? '深圳市南山区 Nanshan, Shenzhen',
      contacts: [input.contact ?? { name: applicant, phone: '+86 755 1234567', email: `${applicant}@example.com` }],
      outlets: input.outlets ?? [],
      ...(input.employees ? { employees: input.employees } : {}),
    },
    expect: 201,
  });
  return { organisationId: reply.body.organisationId as string, name: input.name, creditCode };
}

export const DEFAULT_SCOPE = { productCategories: ['家用电器 household appliances'], serviceCategories: ['安装 installation', '维修 repair'] };

export async function draftApplication(platform: Platform, applicant: string, organisationId: string, scope = DEFAULT_SCOPE) {
  const reply = await send(platform, 'applications', 'POST', '/cases', { as: applicant, json: { organisationId, scope }, expect: 201 });
  return { caseId: reply.body.caseId as string, version: versionOf(reply) };
}

/** A minimal but genuine PDF header: the service believes a declared type only when the bytes match it. */
const pdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`);

export async function attachEvidence(platform: Platform, applicant: string, caseId: string, requirementId: string, fileName = `${requirementId}.pdf`) {
  const version = await currentVersion(platform, applicant, caseId);
  const form = new FormData();
  form.append('requirementId', requirementId);
  form.append('file', new Blob([pdf(fileName)], { type: 'application/pdf' }), fileName);
  const reply = await send(platform, 'applications', 'POST', `/cases/${caseId}/evidence`, { as: applicant, form, ifMatch: version, expect: 201 });
  return { documentId: reply.body.documentId as string, version: versionOf(reply) };
}

export async function readCase(platform: Platform, user: string, caseId: string): Promise<CaseView> {
  return (await send<CaseView>(platform, 'applications', 'GET', `/cases/${caseId}`, { as: user, expect: 200 })).body;
}

export async function currentVersion(platform: Platform, user: string, caseId: string): Promise<number> {
  return (await readCase(platform, user, caseId)).version;
}

export async function caseHistory(platform: Platform, user: string, caseId: string): Promise<HistoryEntry[]> {
  return (await send<HistoryEntry[]>(platform, 'applications', 'GET', `/cases/${caseId}/history`, { as: user, expect: 200 })).body;
}

/** Waits until the case shows what `test` looks for; lifecycle changes made by other services arrive through Kafka. */
export function waitForCase(platform: Platform, user: string, caseId: string, what: string, test: (c: CaseView) => boolean, timeoutMs = 60_000): Promise<CaseView> {
  return eventually(
    `case ${caseId} ${what}`,
    async (note) => {
      const view = await readCase(platform, user, caseId);
      note({ status: view.status, phase: view.phase, version: view.version, surveillanceDueBy: view.surveillanceDueBy, certificate: view.certificate });
      return test(view) ? view : undefined;
    },
    timeoutMs,
  );
}

/**
 * A state change of the case with If-Match on the version read just before. The process manager
 * may append a system event in between (a timer's deadline); then the version is read again, once.
 */
async function act(platform: Platform, user: string, caseId: string, action: string, json?: unknown) {
  for (let attempt = 1; ; attempt++) {
    const version = await currentVersion(platform, user, caseId);
    try {
      return versionOf(await send(platform, 'applications', 'POST', `/cases/${caseId}/${action}`, { as: user, json, ifMatch: version, expect: 200 }));
    } catch (err) {
      if (attempt >= 2 || !(err instanceof UnexpectedReply) || !String((err.body as { type?: string })?.type).endsWith(':concurrency')) throw err;
    }
  }
}

export const submitApplication = (platform: Platform, applicant: string, caseId: string) => act(platform, applicant, caseId, 'submit');
export const acceptApplication = (platform: Platform, staff: string, caseId: string) => act(platform, staff, caseId, 'accept');
export const withdrawApplication = (platform: Platform, applicant: string, caseId: string, reason: string) => act(platform, applicant, caseId, 'withdraw', { reason });
/** Renewal: a new evaluation cycle, allowed in the six months before the certificate expires. */
export const startRecertification = (platform: Platform, applicant: string, caseId: string) => act(platform, applicant, caseId, 'recertification', {});
