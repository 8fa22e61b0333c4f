import { readFileSync, statSync } from 'node:fs';
import { systemClock, type Clock } from './clock';

/**
 * A clock for demos and whole-system tests: the real time shifted by the offset written in a file
 * that every service of the stack reads, so moving that file moves the whole system's time together
 * (surveillance falls due, certificates expire) without touching the machine's clock.
 * The file holds `{"offsetMs": <number>}`; a missing file means no offset.
 */
export class SimulatedClock implements Clock {
  private offsetMs = 0;
  private checkedAt = 0;
  private mtimeMs = -1;

  constructor(
    private readonly file: string,
    private readonly recheckMs = 100,
  ) {}

  now(): Date {
    const real = Date.now();
    if (real - this.checkedAt >= this.recheckMs) this.reload(real);
    return new Date(real + this.offsetMs);
  }

  private reload(real: number): void {
    this.checkedAt = real;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.file).mtimeMs;
    } catch {
      this.offsetMs = 0;
      this.mtimeMs = -1;
      return;
    }
    if (mtimeMs === this.mtimeMs) return;
    try {
      const offset = (JSON.parse(readFileSync(this.file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
      if (typeof offset !== 'number' || !Number.isFinite(offset)) throw new Error(`offsetMs must be a number`);
      this.offsetMs = offset;
      this.mtimeMs = mtimeMs;
    } catch {
      // A half-written file is read again on the next check rather than taken as zero.
    }
  }
}

/** The simulated clock when SIMULATED_CLOCK_FILE is set (demo and whole-system tests), else the system clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  return env.SIMULATED_CLOCK_FILE ? new SimulatedClock(env.SIMULATED_CLOCK_FILE) : systemClock;
}
