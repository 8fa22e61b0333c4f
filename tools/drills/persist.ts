import { UnexpectedReply } from '../scenario';

/** Failures that say "try again": a service restarting (connection refused, reset, timeout), a 5xx, a lost race. */
export function transient(err: unknown): boolean {
  if (err instanceof UnexpectedReply) return err.status >= 500 || err.status === 409 || err.status === 429;
  if (err instanceof Error) return err.name === 'TypeError' || err.name === 'TimeoutError' || err.name === 'AbortError' || /fetch failed|ECONNRE|socket|timed out/i.test(err.message);
  return false;
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
      if (!transient(err) || Date.now() > deadline) throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      counters.retries++;
      await pause(Math.min(2_000, 100 * attempt));
    }
  }
}

/** One at a time: the scripted reviewers share their queues, so cases take turns at review. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
