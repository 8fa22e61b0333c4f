import { readFileSync } from 'node:fs';
import { lifecycleMarkdown } from '@gbt/certification';
import { LIFECYCLE_DOC } from './lifecycle';

describe('docs/lifecycle.md', () => {
  it('is exactly what the transition table generates (run "npm run docs:lifecycle" after changing it)', () => {
    expect(readFileSync(LIFECYCLE_DOC, 'utf8')).toBe(lifecycleMarkdown());
  });
});
