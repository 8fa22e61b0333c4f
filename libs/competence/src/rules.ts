import { addCalendarMonths } from '@gbt/certificate-core';

/**
 * Competence and impartiality (ISO/IEC 17065 6.1 and 4.2) as pure rules: whether a person may
 * review or decide a case on a given calendar date (Asia/Shanghai), from what the directory says of
 * them. Every "no" is a code with parameters, so a service refuses with it and the console words it.
 */

export interface Qualification {
  readonly qualificationId: string;
  readonly productCategories: readonly string[];
  readonly registrationNumber: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

export interface Relation {
  readonly relationId: string;
  readonly organisationId: string;
  readonly kind: string;
  readonly from: string;
  /** Absent: the relation is current. */
  readonly until?: string;
}

export type StaffStatus = 'active' | 'disabled' | 'removed';

/** What the directory says of one person, as far as judging cases goes. */
export interface StaffFacts {
  readonly personId: string;
  readonly status: StaffStatus;
  readonly qualifications: readonly Qualification[];
  readonly relations: readonly Relation[];
}

/** What of a case the rules look at. */
export interface CaseToJudge {
  readonly organisationId: string;
  readonly productCategories: readonly string[];
}

export const COMPETENCE_REFUSAL_CODES = ['NotInDirectory', 'PersonDisabled', 'RelatedToOrganisation', 'QualificationExpired', 'NotQualified'] as const;
export type CompetenceRefusalCode = (typeof COMPETENCE_REFUSAL_CODES)[number];

export interface Ineligibility {
  readonly code: CompetenceRefusalCode;
  readonly params: Readonly<Record<string, string>>;
  /** For logs and developers; screens word the code. */
  readonly message: string;
}

export interface ImpartialityPolicy {
  /** How long after a relation ends its person still may not judge the organisation. */
  readonly relationYears: number;
}

export const DEFAULT_RELATION_YEARS = 2;

/** IMPARTIALITY_RELATION_YEARS, a whole number of years (0: only current relations count); default 2. */
export function impartialityPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ImpartialityPolicy {
  const raw = env.IMPARTIALITY_RELATION_YEARS?.trim();
  if (!raw) return { relationYears: DEFAULT_RELATION_YEARS };
  const years = Number(raw);
  if (!Number.isInteger(years) || years < 0 || years > 50) throw new Error(`IMPARTIALITY_RELATION_YEARS must be a whole number of years from 0 to 50, not "${raw}"`);
  return { relationYears: years };
}

/** Categories match as written after trimming and case folding: "Household Appliances " is "household appliances". */
export const sameCategory = (category: string): string => category.trim().toLowerCase();

const yearsBefore = (date: string, years: number): string => addCalendarMonths(date, -12 * years);

/** The person's relation to the organisation that counts on that date: current, or ended within the window. */
export function relationTo(staff: StaffFacts, organisationId: string, on: string, policy: ImpartialityPolicy): Relation | undefined {
  const since = yearsBefore(on, policy.relationYears);
  return staff.relations.find((r) => r.organisationId === organisationId && (r.until === undefined || r.until >= since));
}

const refuse = (code: CompetenceRefusalCode, params: Record<string, string>, message: string): Ineligibility => ({ code, params, message });

/** Why a known person may not act on cases at all, if they may not. */
function standing(staff: StaffFacts | null, personId: string): Ineligibility | null {
  if (!staff) return refuse('NotInDirectory', { personId }, `${personId} is not in the staff directory`);
  if (staff.status !== 'active') return refuse('PersonDisabled', { personId }, `${personId} is ${staff.status} in the staff directory`);
  return null;
}

function impartiality(staff: StaffFacts, kase: CaseToJudge, on: string, policy: ImpartialityPolicy): Ineligibility | null {
  const relation = relationTo(staff, kase.organisationId, on, policy);
  if (!relation) return null;
  const params = { personId: staff.personId, organisationId: kase.organisationId, kind: relation.kind, until: relation.until ?? '' };
  return refuse('RelatedToOrganisation', params, `${staff.personId} has a ${relation.kind} relation to ${kase.organisationId} ${relation.until ? `until ${relation.until}` : 'that is current'} (window ${policy.relationYears} years)`);
}

/**
 * Qualified on that date for every product category of the case: each category is covered by a
 * qualification valid that day. A category only an expired qualification covers is
 * QualificationExpired (with the latest end date), one no qualification covers is NotQualified.
 */
function competence(staff: StaffFacts, kase: CaseToJudge, on: string): Ineligibility | null {
  const valid = staff.qualifications.filter((q) => q.validFrom <= on && on <= q.validUntil);
  const covered = (qs: readonly Qualification[], category: string) => qs.some((q) => q.productCategories.some((c) => sameCategory(c) === sameCategory(category)));
  const missing = kase.productCategories.filter((c) => !covered(valid, c));
  if (valid.length > 0 && missing.length === 0) return null;
  const lapsed = staff.qualifications.filter((q) => q.validUntil < on && (missing.length === 0 || missing.some((c) => covered([q], c))));
  if (lapsed.length > 0 && missing.every((c) => covered(lapsed, c))) {
    const validUntil = lapsed.map((q) => q.validUntil).sort().at(-1) ?? '';
    return refuse('QualificationExpired', { personId: staff.personId, categories: missing.join(', '), validUntil }, `${staff.personId}'s qualification ended on ${validUntil}`);
  }
  const categories = missing.length > 0 ? missing.join(', ') : kase.productCategories.join(', ');
  return refuse('NotQualified', { personId: staff.personId, categories }, `${staff.personId} is not qualified on ${on} for ${categories || 'any category'}`);
}

/**
 * Whether a person may review (claim, be assigned) or decide the case on that date: in the
 * directory and active, not related to the organisation within the window, qualified for every
 * product category. Null when they may. The rules for deciding add what only the lifecycle knows
 * (not an evaluator, no declared conflict), which the deciding service checks itself.
 */
export function ineligibility(staff: StaffFacts | null, personId: string, kase: CaseToJudge, on: string, policy: ImpartialityPolicy): Ineligibility | null {
  const barred = standing(staff, personId);
  if (barred || !staff) return barred;
  return impartiality(staff, kase, on, policy) ?? competence(staff, kase, on);
}
