import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built to dist/apps/console and served by apps/console/server (npm start), which
// also proxies /api/<service>/ to the services, so the browser talks to one origin.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The access policy is plain data shared with the services: the console shows what it allows.
  resolve: { alias: { '@gbt/access-policy': join(import.meta.dirname, '..', '..', 'libs', 'access-policy', 'src', 'index.ts') } },
  build: { outDir: join(import.meta.dirname, '..', '..', 'dist', 'apps', 'console'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
});
