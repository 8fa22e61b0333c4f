// Writes docs/lifecycle.md from the lifecycle's transition table and the access policy: npm run docs:lifecycle
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { whoGives } from '@gbt/access-policy';
import { lifecycleMarkdown } from '@gbt/certification';

export const LIFECYCLE_DOC = join(__dirname, '..', '..', 'docs', 'lifecycle.md');
export const lifecycleDoc = () => lifecycleMarkdown(whoGives);

if (require.main === module) {
  writeFileSync(LIFECYCLE_DOC, lifecycleDoc());
  console.log(`wrote ${LIFECYCLE_DOC}`);
}
