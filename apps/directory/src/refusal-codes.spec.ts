import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY_REFUSAL_CODES } from '@gbt/contracts';

/** Every `auth.*` or `directory.*` code the directory's sources refuse with (DomainRefusal, or a decider's `refuse`). */
function codesUsed(dir: string): string[] {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/(?<!spec)\.ts$/.test(entry.name)) continue;
    const source = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of source.matchAll(/(?:refuse|refused|DomainRefusal)\('((?:auth|directory)\.[a-z-]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe('refusal codes of the directory', () => {
  it('uses only codes the console words (DIRECTORY_REFUSAL_CODES), and the list names no code it never uses', () => {
    expect(codesUsed(__dirname)).toEqual([...DIRECTORY_REFUSAL_CODES].sort());
  });
});
