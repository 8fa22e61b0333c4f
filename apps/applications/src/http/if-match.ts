import { parseIfMatch, PreconditionRequired } from '@gbt/platform';

/** State changes must say which version they were based on; the answer to a missing one names it. */
export function requireIfMatch(header: string | undefined, currentVersion: () => Promise<number>): Promise<number> {
  const version = parseIfMatch(header);
  if (version !== undefined) return Promise.resolve(version);
  return currentVersion().then((v) => {
    throw new PreconditionRequired(v);
  });
}
