// Readers for the deployment files and for what the code says about itself, used by
// deploy-manifests.spec.ts. The code is the reference: services, ports and environment variables
// are read from its source text, never repeated here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

export interface Service {
  readonly name: string;
  readonly main: string;
  /** `defaultPort` in the service's main.ts: what it listens on unless PORT says otherwise. */
  readonly port: number;
  /** The port tools/services.mjs (npm start) gives it. */
  readonly listedPort: number;
}

/** The services `npm start` runs (tools/services.mjs), each with the default port its main.ts declares. */
export function servicesFromCode(): Service[] {
  const listed = [...read('tools/services.mjs').matchAll(/\{[^{}]*\bname:\s*'([^']+)'[^{}]*\}/g)];
  return listed.map(([entry, name]) => {
    const main = /\bmain:\s*'([^']+)'/.exec(entry)?.[1] ?? `apps/${name}/src/main.ts`;
    const listedPort = Number(/\bport:\s*(\d+)/.exec(entry)?.[1]);
    const port = existsSync(join(ROOT, main)) ? Number(/\bdefaultPort:\s*(\d+)/.exec(read(main))?.[1]) : NaN;
    return { name, main, port, listedPort };
  });
}

/** apps/<name> folders that have a main.ts: every one of them is a deployable service. */
export const appsWithMain = (): string[] => readdirSync(join(ROOT, 'apps')).filter((app) => existsSync(join(ROOT, 'apps', app, 'src', 'main.ts')));

function shippedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : shippedSources(path);
    return /(?<!\.(int-)?spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Environment variables the shipped code reads: `process.env.X`, `env.X`, `env['X']` and
 * `const { X, Y: y } = env`. Tests and test harnesses do not count.
 */
export function envReadByCode(): Set<string> {
  const names = new Set<string>();
  const roots = ['apps', 'libs'].flatMap((top) => readdirSync(join(ROOT, top)).map((name) => join(ROOT, top, name, 'src')));
  for (const file of roots.filter((dir) => existsSync(dir)).flatMap(shippedSources)) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(name);
    for (const [, name] of text.matchAll(/\benv\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g)) names.add(name);
    for (const [, fields] of text.matchAll(/const\s*\{([^}]*)\}\s*=\s*(?:process\.)?env\b/g)) {
      for (const field of fields.split(',')) {
        const name = field.split(':')[0].trim();
        if (/^[A-Z][A-Z0-9_]*$/.test(name)) names.add(name);
      }
    }
  }
  return names;
}

export interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** A Dockerfile's instructions, continuation lines joined and comments dropped. */
export function dockerInstructions(text: string): Instruction[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** `ENV A=1 B=2` (and the legacy `ENV A 1`) as a map. */
export function dockerEnv(instructions: readonly Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const { args } of instructions.filter((i) => i.op === 'ENV')) {
    if (!args.includes('=')) {
      const [name, ...value] = args.split(/\s+/);
      env.set(name, value.join(' '));
      continue;
    }
    for (const [, name, value] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env.set(name, value.replace(/^"|"$/g, ''));
  }
  return env;
}

/** The instructions after the last FROM: what the image runs. */
export function finalStage(instructions: readonly Instruction[]): Instruction[] {
  const lastFrom = instructions.map((i) => i.op).lastIndexOf('FROM');
  return instructions.slice(lastFrom + 1);
}

/** One YAML document; compose files use `<<` merge keys. */
export const yamlFile = <T>(path: string): T => parse(read(path), { merge: true }) as T;

/** Every document of a multi-document YAML file, failing on syntax errors. */
export function yamlDocuments<T>(path: string): T[] {
  return parseAllDocuments(read(path), { merge: true }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJSON() as T;
  });
}

/** `repository:tag` with an explicit tag that is not `latest` (a digest counts as pinned). */
export function pinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && !tag.includes('$');
}
