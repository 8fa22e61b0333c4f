/** What a drill measured, printed as one table, and whether every figure is what it must be. */
export interface Figure {
  readonly name: string;
  readonly value: number | string;
  /** When set, the drill fails unless the value equals it. */
  readonly mustBe?: number | string;
}

export interface DrillReport {
  readonly drill: string;
  readonly figures: readonly Figure[];
  readonly problems: readonly string[];
}

export const failed = (report: DrillReport): string[] => [
  ...report.figures.filter((f) => f.mustBe !== undefined && f.value !== f.mustBe).map((f) => `${f.name} is ${f.value}, must be ${f.mustBe}`),
  ...report.problems,
];

export function printReport(report: DrillReport, print: (line: string) => void = (line) => process.stdout.write(line + '\n')): void {
  print(`\n== drill: ${report.drill}`);
  for (const f of report.figures) print(`  ${f.name.padEnd(44)} ${String(f.value).padStart(10)}${f.mustBe === undefined ? '' : `   (must be ${f.mustBe})`}`);
  const problems = failed(report);
  // The same defect hit by many requests prints once, with its count.
  const kinds = new Map<string, number>();
  for (const p of problems) {
    const kind = p.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/no-such-[0-9a-z]+/g, '<id>');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  for (const [kind, n] of [...kinds].slice(0, 40)) print(`  PROBLEM${n > 1 ? ` (x${n})` : ''}: ${kind}`);
  if (kinds.size > 40) print(`  ... and ${kinds.size - 40} more kinds of problem`);
  print(`  => ${problems.length === 0 ? 'PASSED' : 'FAILED'}`);
}

/** A small seeded generator, so a failing drill can be run again with the same inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}
