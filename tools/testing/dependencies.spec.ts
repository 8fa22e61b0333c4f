import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * No dependency stays unused (issue 15): every package in package.json is imported, required or
 * named somewhere in the code, the configuration or the scripts, or is listed below with the
 * reason it is needed although nothing names it.
 */
const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });

/**
 * Needed although no file of ours names them: each is what a package we do use requires (a peer
 * dependency, or a module it loads without declaring it). `by` must be in use itself.
 */
const REQUIRED_BY_OTHERS: Readonly<Record<string, { by: string; why: string }>> = {
  // NestJS's decorators and providers are built on RxJS; every @nestjs package declares it as a peer.
  rxjs: { by: '@nestjs/common', why: 'peer dependency' },
  // The append benchmark's baseline event store (tools/bench/append.bench.ts) runs on emmett's core.
  '@event-driven-io/emmett': { by: '@event-driven-io/emmett-mongodb', why: 'peer dependency' },
  // The compiler behind `node -r @swc-node/register` and jest's @swc/jest transform.
  '@swc/core': { by: '@swc/jest', why: 'peer dependency' },
  // `nx run-many -t lint` runs ESLint through the @nx/eslint plugin named in nx.json.
  eslint: { by: '@nx/eslint', why: 'peer dependency' },
  // @nx/eslint-plugin's flat configs (flat/typescript in eslint.config.mjs) require it without declaring it.
  'typescript-eslint': { by: '@nx/eslint-plugin', why: 'loaded by its flat configs' },
};

const SKIP_DIRS = new Set(['node_modules', 'dist', '.infra', '.nx', '.git', 'coverage']);
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|sh|css|html|ya?ml)$|^(Dockerfile.*|\.swcrc)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(name)) yield* files(path);
    } else if (TEXT.test(name)) yield path;
  }
}

// The code and everything that configures or runs it; package.json and its lock file only name what is installed.
const rootFiles = readdirSync(ROOT).filter((name) => TEXT.test(name) && !['package.json', 'package-lock.json'].includes(name));
const sources = [...['apps', 'libs', 'tools', 'docker', 'k8s', '.ci'].filter((d) => existsSync(join(ROOT, d))).flatMap((d) => [...files(join(ROOT, d))]), ...rootFiles.map((f) => join(ROOT, f))]
  .filter((f) => !f.endsWith(join('tools', 'testing', 'dependencies.spec.ts')))
  .map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A module specifier: the package's name, or a path inside it, in quotes or after `-r`/`url(`. */
const specifier = (name: string) => new RegExp(`(['"\`(]|-r\\s+)${escape(name)}(/[^'"\`)\\s]*)?(['"\`)]|\\s|$)`, 'm');

const tsTypes: string[] = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions.types ?? [];
const commands = [...Object.values(pkg.scripts), ...sources.filter((s) => /\.(sh|mjs)$/.test(s.path)).map((s) => s.text)].join('\n');
/** A command line that starts with the program (in an npm script, a shell script or through npx). */
const runs = (bin: string, text: string) => new RegExp(`(^|npx |[;&|]\\s*)${escape(bin)}\\s`, 'm').test(text);
const binsOf = (name: string): string[] => {
  const bin = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).bin;
  return typeof bin === 'string' ? [name.split('/').pop() ?? name] : Object.keys(bin ?? {});
};

function usedBy(name: string): string | undefined {
  const cli = binsOf(name).find((bin) => runs(bin, commands));
  if (cli) return `the ${cli} command`;
  const file = sources.find((s) => specifier(name).test(s.text));
  if (file) return file.path;
  // Type packages are used through the package they describe, or through tsconfig's global types.
  const described = name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : undefined;
  if (described && tsTypes.includes(described)) return 'tsconfig.base.json types';
  if (described && declared.includes(described) && usedBy(described)) return `types of ${described}`;
  return undefined;
}

describe('dependencies', () => {
  it('uses every package it declares', () => {
    const unused = declared.filter((name) => !REQUIRED_BY_OTHERS[name] && !usedBy(name));
    expect(unused).toEqual([]);
  });

  it('needs each package that nothing of ours names for a package it does use', () => {
    for (const [name, { by, why }] of Object.entries(REQUIRED_BY_OTHERS)) {
      expect({ name, declared: declared.includes(name) }).toEqual({ name, declared: true });
      expect({ name, by, usedBy: !!usedBy(by) }).toEqual({ name, by, usedBy: true });
      if (why === 'peer dependency') {
        const peers = JSON.parse(readFileSync(join(ROOT, 'node_modules', by, 'package.json'), 'utf8')).peerDependencies ?? {};
        expect({ name, by, peer: name in peers }).toEqual({ name, by, peer: true });
      }
    }
  });

  it('finds what the check looks for, and no more', () => {
    expect(usedBy('zod')).toBeDefined();
    expect(usedBy('jest')).toBe('the jest command');
    expect(usedBy('@types/node')).toBe('tsconfig.base.json types');
    expect(usedBy('@types/pdfkit')).toBe('types of pdfkit');
    expect(runs('jest', 'npx jest --ci --maxWorkers=1')).toBe(true);
    expect(runs('jest', 'npx nx run-many -t lint')).toBe(false);
    expect(specifier('vite').test("import { defineConfig } from 'vite';")).toBe(true);
    expect(specifier('vite').test("import react from '@vitejs/plugin-react';")).toBe(false);
    expect(specifier('@nx/js').test("'@nx/jest'")).toBe(false);
  });
});
