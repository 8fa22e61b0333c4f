/** What a probe saw last, so a timeout says where things stood, not only that they did not get there. */
export type Note = (seen: unknown) => void;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `probe` returns a value: the effects that travel through Kafka (a lifecycle change,
 * a scorecard, a registry entry) arrive a little after the request that caused them. A probe that
 * throws is tried again too (a service restarting refuses connections for a moment); on timeout
 * the error names what was awaited, what was seen last and the last error.
 */
export async function eventually<T>(what: string, probe: (note: Note) => Promise<T | undefined | null | false>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let seen: unknown = undefined;
  let failure: unknown = undefined;
  const note: Note = (s) => {
    seen = s;
  };
  for (;;) {
    try {
      const value = await probe(note);
      if (value) return value;
      failure = undefined;
    } catch (err) {
      failure = err;
    }
    if (Date.now() > deadline) {
      const last = seen === undefined ? '' : `; last seen: ${(typeof seen === 'string' ? seen : JSON.stringify(seen)).slice(0, 1_000)}`;
      const error = failure === undefined ? '' : `; last error: ${failure instanceof Error ? failure.message : String(failure)}`;
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last}${error}`);
    }
    await pause(intervalMs);
  }
}
