import type { z } from 'zod';

/**
 * Loading versioned data a body may publish (a criteria catalogue, a man-day table): validated
 * with every problem reported at once, then frozen, because everything computed with it shares it.
 */
export interface DataCheck<T> {
  /** null when the shape is wrong. */
  readonly value: T | null;
  readonly problems: readonly string[];
}

/**
 * Shape first, meaning second: sums over missing fields would only add noise, so meaning is
 * checked once the shape is right.
 */
export function checkData<T>(schema: z.ZodType<T>, data: unknown, describeIssue: (issue: z.core.$ZodIssue) => string, meaningProblems: (value: T) => readonly string[]): DataCheck<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { value: null, problems: parsed.error.issues.map(describeIssue) };
  return { value: parsed.data, problems: meaningProblems(parsed.data) };
}

/** The checked value, deep-frozen; otherwise the error `fail` makes of the data's version and every problem. */
export function loadData<T>(check: DataCheck<T>, data: unknown, fail: (version: string, problems: readonly string[]) => Error): T {
  if (!check.value || check.problems.length > 0) throw fail(versionOf(data), check.problems);
  return deepFreeze(check.value);
}

const versionOf = (data: unknown): string => {
  const version = data !== null && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
  return typeof version === 'string' && version !== '' ? version : '(without version)';
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
