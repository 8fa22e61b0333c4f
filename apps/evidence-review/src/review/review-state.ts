import type { Assessment } from '@gbt/contracts';

export interface TaskState {
  readonly requirementIds: readonly string[];
  readonly onSite: boolean;
  /** A site task of a confirmed audit plan: the sampled outlet it visits (issue 19). */
  readonly outletId?: string;
  readonly completed: boolean;
  /** When the task started waiting for the applicant; null while the SLA clock runs. */
  readonly waitingSince: string | null;
  readonly pauses: readonly { readonly from: string; readonly to: string }[];
  readonly escalated: boolean;
}

export interface NonconformityState {
  readonly requirementId: string;
  readonly raisedBy: string;
  readonly rectifyBy: string;
  readonly correctionSubmitted: boolean;
  readonly closed: boolean;
}

export type ReviewState =
  | { readonly status: 'none' }
  | {
      readonly status: 'planned' | 'results-published' | 'cancelled';
      readonly caseId: string;
      readonly organisationId: string;
      readonly catalogueVersion: string;
      readonly plannedAt: string;
      readonly dueAt: string;
      readonly tasks: Readonly<Record<string, TaskState>>;
      readonly assessments: Readonly<Record<string, { readonly taskId: string; readonly assessment: Assessment; readonly by: string }>>;
      readonly specialItems: readonly { readonly kind: 'deduction' | 'bonus'; readonly itemId: string; readonly description: string; readonly by: string }[];
      readonly nonconformities: Readonly<Record<string, NonconformityState>>;
      /** Everyone announced to the lifecycle as having taken part. */
      readonly evaluators: readonly string[];
    };

/** A record's own entry: ids come from requests, and "constructor" must not find Object's. */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

export type PlannedReview = Exclude<ReviewState, { status: 'none' }>;
