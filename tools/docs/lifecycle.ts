// Writes docs/lifecycle.md from the lifecycle's transition table: npm run docs:lifecycle
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lifecycleMarkdown } from '@gbt/certification';

export const LIFECYCLE_DOC = join(__dirname, '..', '..', 'docs', 'lifecycle.md');

if (require.main === module) {
  writeFileSync(LIFECYCLE_DOC, lifecycleMarkdown());
  console.log(`wrote ${LIFECYCLE_DOC}`);
}
