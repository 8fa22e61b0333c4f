// Writes docs/access-matrix.md from the access policy: npm run docs:access
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessMatrixMarkdown } from '@gbt/access-policy';

export const ACCESS_DOC = join(__dirname, '..', '..', 'docs', 'access-matrix.md');

if (require.main === module) {
  writeFileSync(ACCESS_DOC, accessMatrixMarkdown());
  console.log(`wrote ${ACCESS_DOC}`);
}
