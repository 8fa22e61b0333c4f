/**
 * The measuring helper every benchmark shares: warm-up, interleaved rounds, medians, throughput
 * and percentiles. Rounds of the system under test and of its baseline alternate (A B A B ...), so
 * a burst of load from another process on this shared machine hits both alike.
 */

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface DriveResult {
  /** Wall time from the first operation's start to the last one's end, in ms. */
  readonly elapsedMs: number;
  /** Operations completed. */
  readonly ops: number;
  /** Latency of each operation, in ms. */
  readonly latencies: number[];
}

/**
 * Runs `total` operations from `concurrency` workers pulling the next index from a shared counter.
 * `op` gets the operation's index and the worker's index (so a worker can keep its own stream).
 */
export async function drive(concurrency: number, total: number, op: (index: number, worker: number) => Promise<void>): Promise<DriveResult> {
  let next = 0;
  const latencies: number[] = [];
  const started = now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async (_, worker) => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        const t = now();
        await op(index, worker);
        latencies.push(now() - t);
      }
    }),
  );
  return { elapsedMs: now() - started, ops: latencies.length, latencies };
}

export const perSecond = (count: number, elapsedMs: number): number => (elapsedMs > 0 ? (count * 1000) / elapsedMs : Number.NaN);

/**
 * Alternates the variants for `rounds` rounds after one warm-up round each, and returns every
 * variant's samples and median. A variant returns its figure for one round (events/s, ms, ...).
 */
export async function interleave<K extends string>(
  rounds: number,
  variants: Record<K, (round: number) => Promise<number>>,
  options: { warmUp?: boolean } = {},
): Promise<Record<K, { median: number; samples: number[] }>> {
  const keys = Object.keys(variants) as K[];
  if (options.warmUp ?? true) for (const k of keys) await variants[k](-1);
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round, so no variant always runs first (after a pause) or last.
    const order = keys.map((_, i) => keys[(i + r) % keys.length]!);
    for (const k of order) samples[k].push(await variants[k](r));
  }
  return Object.fromEntries(keys.map((k) => [k, { median: median(samples[k]), samples: samples[k] }])) as Record<K, { median: number; samples: number[] }>;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `done` is true or the time is up (then throws, naming what it waited for). */
export async function until(done: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
