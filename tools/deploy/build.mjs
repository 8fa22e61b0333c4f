#!/usr/bin/env node
// Compiles one service and the libraries to CommonJS in dist/, for the container images:
//   node tools/deploy/build.mjs <service> [outDir]
// It uses the same swc settings as the tests (.swcrc), so images run what the tests ran, without
// a TypeScript loader at run time. The @gbt/* aliases become relative requires.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';
import { SERVICES } from '../services.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const [service, outDir = join(ROOT, 'dist')] = process.argv.slice(2);
const svc = SERVICES.find((s) => s.name === service);
if (!svc) {
  console.error(`usage: node tools/deploy/build.mjs <${SERVICES.map((s) => s.name).join('|')}> [outDir]`);
  process.exit(2);
}

const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions;
// Tests and test harnesses are not shipped: they need devDependencies the image does not have.
const shipped = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(int-)?spec\.ts$/.test(file);
const skippedDir = (name) => name === 'testing' || name === 'node_modules';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skippedDir(entry.name) ? [] : sources(path);
    return shipped(entry.name) ? [path] : [];
  });
}

const roots = [dirname(join(ROOT, svc.main)), ...readdirSync(join(ROOT, 'libs')).filter((lib) => lib !== 'testing').map((lib) => join(ROOT, 'libs', lib, 'src'))];
let count = 0;
for (const file of roots.flatMap(sources)) {
  const out = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
  const { code } = transformFileSync(file, {
    ...swcrc,
    swcrc: false,
    sourceMaps: 'inline',
    jsc: { ...swcrc.jsc, baseUrl: ROOT, paths },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  count++;
}
console.log(`[build] ${service}: ${count} files compiled to ${relative(ROOT, outDir) || '.'}; run: node ${relative(ROOT, join(outDir, svc.main.replace(/\.ts$/, '.js')))}`);
