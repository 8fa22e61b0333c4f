import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cjkSubset } from './cjk-subset.mts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Generated at each build, git-ignored. */
const FONTS = join(ROOT, 'node_modules', '.cache', 'console-cjk');

// The console is built to dist/apps/console and served by apps/console/server (npm start), which
// also proxies /api/<service>/ to the services, so the browser talks to one origin.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), cjkSubset(ROOT, FONTS)],
  // The access policy is plain data shared with the services: the console shows what it allows.
  // So are the scoring rules (the level thresholds the scorecard shows beside the score).
  resolve: {
    alias: {
      '@gbt/access-policy': join(import.meta.dirname, '..', '..', 'libs', 'access-policy', 'src', 'index.ts'),
      '@console-cjk': FONTS,
      '@gbt/evidence-files': join(import.meta.dirname, '..', '..', 'libs', 'contracts', 'src', 'evidence-files.ts'),
      '@gbt/scoring-rules': join(import.meta.dirname, '..', '..', 'libs', 'catalogue', 'src', 'scoring', 'scoring-model.ts'),
      // The one validity rule (ADR 26) and the services' reason codes, as the services use them.
      '@gbt/certificate-dates': join(import.meta.dirname, '..', '..', 'libs', 'certificate-core', 'src', 'certificate-dates.ts'),
      '@gbt/reason-codes': join(import.meta.dirname, '..', '..', 'libs', 'contracts', 'src', 'reason-codes.ts'),
    },
  },
  build: { outDir: join(import.meta.dirname, '..', '..', 'dist', 'apps', 'console'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
});
