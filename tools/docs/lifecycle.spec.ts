import { readFileSync } from 'node:fs';
import { accessMatrixMarkdown, COMMAND_SOURCES } from '@gbt/access-policy';
import { TRANSITIONS } from '@gbt/certification';
import { ACCESS_DOC } from './access';
import { LIFECYCLE_DOC, lifecycleDoc } from './lifecycle';

describe('generated docs', () => {
  it('docs/lifecycle.md is exactly what the transition table and the access policy generate (npm run docs:lifecycle)', () => {
    expect(readFileSync(LIFECYCLE_DOC, 'utf8')).toBe(lifecycleDoc());
  });

  it('docs/access-matrix.md is exactly what the access policy generates (npm run docs:access)', () => {
    expect(readFileSync(ACCESS_DOC, 'utf8')).toBe(accessMatrixMarkdown());
  });

  it('the access policy says who gives every lifecycle command, and names no command that does not exist', () => {
    expect(Object.keys(COMMAND_SOURCES).sort()).toEqual(Object.keys(TRANSITIONS).sort());
  });
});
