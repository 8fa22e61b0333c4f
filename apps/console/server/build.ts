// Builds the console's single-page app with Vite when its sources changed since the last build; idempotent.
//   node -r @swc-node/register apps/console/server/build.ts
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const APP = join(ROOT, 'apps', 'console');
export const DIST = join(ROOT, 'dist', 'apps', 'console');
const STAMP = join(DIST, '.source-hash');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

/** Single library files the Vite config aliases into the bundle (certificate dates and reason codes, ADR 26). */
const ALIASED_LIBS = [join(ROOT, 'libs', 'certificate-core', 'src', 'certificate-dates.ts'), join(ROOT, 'libs', 'contracts', 'src', 'reason-codes.ts')];

/** A hash of everything the build reads: the app's sources, its Vite config and font subset, the catalogue library (scoring rules, the subset's words) and the locked package versions. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [...files(join(APP, 'src')), ...files(join(ROOT, 'libs', 'catalogue', 'src')), join(APP, 'index.html'), join(APP, 'vite.config.mts'), join(APP, 'cjk-subset.mts'), join(ROOT, 'package-lock.json'), ...ALIASED_LIBS];
  for (const file of inputs) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds into dist/apps/console unless a build of the same sources is there; returns whether it built. */
export function ensureBuilt(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): boolean {
  const want = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === want && existsSync(join(DIST, 'index.html'))) return false;
  log('[console] building the web console (vite build) ...');
  const started = Date.now();
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(APP, 'vite.config.mts'), '--logLevel', 'warn'], { cwd: APP, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  writeFileSync(STAMP, want);
  log(`[console] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (require.main === module) ensureBuilt();
