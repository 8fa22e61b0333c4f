import { UnexpectedReply } from '../scenario';

/** Failures that say "try again": a service restarting (connection refused, reset, timeout), a 5xx, a lost race. */
export function transient(err: unknown): boolean {
  if (err instanceof UnexpectedReply) return err.status >= 500 || err.status === 409 || err.status === 429;
  // Not `instanceof Error`: fetch's errors come from Node's own realm, which is not jest's.
  const { name, message } = (err ?? {}) as { name?: unknown; message?: unknown };
  if (typeof name !== 'string' || typeof message !== 'string') return false;
  return name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError' || /fetch failed|ECONNRE|socket|timed out/i.test(message);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Does `step` until it succeeds, riding out crashes and restarts: transient failures are retried
 * (and counted), anything else is a real refusal and is thrown. A step retried after an answer was
 * lost must tolerate having happened already: the callers check state before acting again.
 */
export async function persist<T>(what: string, step: () => Promise<T>, counters: { retries: number }, deadline: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!transient(err) || Date.now() > deadline) throw new Error(`${what}: ${String(err)}`);
      counters.retries++;
      await pause(Math.min(2_000, 100 * attempt));
    }
  }
}

/**
 * The scripted reviewers: each case always goes to the same one (a task she claimed stays hers
 * across a crash), and each works on one case at a time, because a reviewer's reserved tasks share
 * her queues and two cases at once would claim each other's tasks.
 */
export class ReviewerPool {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly reviewers: readonly string[]) {}

  run<T>(caseIndex: number, work: (reviewer: string) => Promise<T>): Promise<T> {
    const reviewer = this.reviewers[caseIndex % this.reviewers.length] as string;
    const result = (this.tails.get(reviewer) ?? Promise.resolve()).then(() => work(reviewer));
    this.tails.set(
      reviewer,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result;
  }
}
