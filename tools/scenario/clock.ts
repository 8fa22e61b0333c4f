import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The whole stack's simulated time: every service started with SIMULATED_CLOCK_FILE reads the
 * offset in that file (libs/platform/src/simulated-clock.ts) at most 100 ms after it changes, so
 * writing it moves all their clocks together while real time keeps running underneath.
 */
export class ClockFile {
  private offsetMs: number;

  constructor(readonly file: string) {
    this.offsetMs = existsSync(file) ? Number((JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: number }).offsetMs ?? 0) : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves every service's clock to `at` and waits until each has read it. */
  async setNow(at: Date | string): Promise<void> {
    await this.setOffset(new Date(at).getTime() - Date.now());
  }

  advance(ms: number): Promise<void> {
    return this.setOffset(this.offsetMs + ms);
  }

  /** Back to real time. */
  reset(): Promise<void> {
    return this.setOffset(0);
  }

  private async setOffset(offsetMs: number): Promise<void> {
    this.offsetMs = offsetMs;
    // Written aside and renamed, so no service ever reads half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ offsetMs }));
    renameSync(`${this.file}.tmp`, this.file);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
