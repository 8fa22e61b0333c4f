// Readers for the deployment files and for what the code says about itself, used by
// deploy-manifests.spec.ts. The code is the reference: services, ports and environment variables
// are read from its source text, never repeated here.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, delimiter, dirname, join, posix, relative, sep } from 'node:path';
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

/** `$X`, `${X}`, `${X:-word}` and `${X:+word}` as Docker replaces them in FROM, ARG, ENV, COPY, EXPOSE, USER and WORKDIR; unset is empty. */
export function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\\\$|\$\{(\w+)(?::([-+])([^}]*))?\}|\$(\w+)/g, (match, braced?: string, op?: string, word?: string, bare?: string) => {
    if (match === '\\$') return '$';
    const value = vars.get(braced ?? bare ?? '');
    if (op === '-') return value || (word ?? '');
    if (op === '+') return value ? (word ?? '') : '';
    return value ?? '';
  });
}

/** An instruction with what was in effect when it ran: the working directory, and the ARG and ENV values (ENV wins). */
export interface Step extends Instruction {
  readonly workdir: string;
  readonly vars: ReadonlyMap<string, string>;
}

export interface Stage {
  readonly index: number;
  readonly name?: string;
  /** What FROM names after substitution: an image, or the earlier stage `base`. */
  readonly from: string;
  readonly base?: Stage;
  /** Its instructions; Docker substitutes variables in all but RUN and CMD, and so does this. */
  readonly steps: readonly Step[];
  /** The image configuration after the stage, inherited from `base`: what a container of it gets. */
  readonly env: ReadonlyMap<string, string>;
  readonly workdir: string;
  readonly user?: string;
  /** The argument of the last CMD, inherited from `base` if the stage has none. */
  readonly cmd?: string;
  readonly expose: readonly string[];
}

export interface DockerBuild {
  readonly stages: readonly Stage[];
  /** The last stage: the image `docker build` produces. */
  readonly image: Stage;
  /** The stages building the image needs (its FROM chain and what it copies --from), in file order. */
  readonly needed: readonly Stage[];
  readonly problems: readonly string[];
}

const argDeclarations = (args: string) =>
  args.split(/\s+/).filter(Boolean).map((decl) => {
    const [name, ...rest] = decl.split('=');
    return { name, value: rest.length ? rest.join('=').replace(/^"(.*)"$/, '$1') : undefined };
  });

/**
 * What `docker build --build-arg NAME=value ...` makes of a Dockerfile, without Docker: ARGs before
 * the first FROM serve FROM lines and are imported into a stage by `ARG NAME`; a stage's ARGs end
 * with it, while ENV, WORKDIR, USER, EXPOSE and CMD pass on to stages built FROM it.
 */
export function dockerBuild(text: string, buildArgs: Readonly<Record<string, string>> = {}): DockerBuild {
  const problems: string[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const given = (name: string) => (Object.hasOwn(buildArgs, name) ? buildArgs[name] : undefined);
  const stages: (Stage & { steps: Step[]; env: Map<string, string>; expose: string[]; workdir: string; user?: string; cmd?: string })[] = [];
  let args = new Map<string, string>();
  for (const { op, args: raw } of dockerInstructions(text)) {
    const stage = stages.at(-1);
    if (op === 'FROM') {
      const words = raw.split(/\s+/).filter((w) => !w.startsWith('--'));
      const globals = new Map([...globalArgs].filter((entry): entry is [string, string] => entry[1] !== undefined));
      const from = substitute(words[0] ?? '', globals);
      if (!from) problems.push(`FROM ${raw}: names no image or stage`);
      const base = stages.find((s) => s.name !== undefined && s.name === from.toLowerCase());
      const name = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
      if (name && stages.some((s) => s.name === name)) problems.push(`two stages are named ${name}`);
      stages.push({
        index: stages.length, name, from, base, steps: [], env: new Map(base?.env), workdir: base?.workdir ?? '/', user: base?.user, cmd: base?.cmd, expose: [...(base?.expose ?? [])],
      });
      args = new Map();
      continue;
    }
    if (!stage) {
      if (op !== 'ARG') problems.push(`${op} before the first FROM`);
      for (const { name, value } of argDeclarations(raw)) {
        const globals = new Map([...globalArgs].filter((entry): entry is [string, string] => entry[1] !== undefined));
        globalArgs.set(name, given(name) ?? (value === undefined ? undefined : substitute(value, globals)));
      }
      continue;
    }
    const vars = new Map([...args, ...stage.env]);
    const substituted = ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK'].includes(op) ? raw : substitute(raw, vars);
    stage.steps.push({ op, args: substituted, workdir: stage.workdir, vars });
    if (op === 'ARG') {
      for (const { name, value } of argDeclarations(raw)) {
        const resolved = given(name) ?? (value === undefined ? globalArgs.get(name) : substitute(value, vars));
        if (resolved !== undefined) args.set(name, resolved);
      }
    } else if (op === 'ENV') for (const [name, value] of dockerEnv([{ op, args: substituted }])) stage.env.set(name, value);
    else if (op === 'WORKDIR') stage.workdir = posix.resolve(stage.workdir, substituted);
    else if (op === 'USER') stage.user = substituted;
    else if (op === 'EXPOSE') stage.expose.push(...substituted.split(/\s+/));
    else if (op === 'CMD') stage.cmd = substituted;
  }
  const image = stages.at(-1);
  if (!image) throw new Error('the Dockerfile has no FROM');
  const needed = new Set<Stage>();
  const need = (stage: Stage) => {
    if (needed.has(stage)) return;
    needed.add(stage);
    if (stage.base) need(stage.base);
    for (const from of stage.steps.filter((s) => s.op === 'COPY').map((s) => /--from=(\S+)/.exec(s.args)?.[1])) {
      if (from === undefined) continue;
      const source = stages.find((s) => s.name === from.toLowerCase() || String(s.index) === from);
      if (source && source.index < stage.index) need(source);
      else problems.push(`COPY --from=${from}: no earlier stage of that name (copying from an image is not modelled here)`);
    }
  };
  need(image);
  return { stages, image, needed: stages.filter((s) => needed.has(s)), problems };
}

/** A CMD as the argv it runs: exec form as written, shell form through /bin/sh -c. */
export const commandOf = (cmd: string | undefined): string[] =>
  cmd === undefined ? [] : cmd.trimStart().startsWith('[') ? (JSON.parse(cmd) as string[]) : ['/bin/sh', '-c', cmd];

/**
 * Whether a path (relative to the build context, `/`-separated) enters the context under a
 * .dockerignore: the last pattern that matches the path or one of its parent directories decides.
 * `mayHoldIncluded` says whether a directory the patterns leave out could still hold a path a later
 * `!` pattern lets in, so that walking it is needed.
 */
export function dockerignore(text: string): { includes(path: string): boolean; mayHoldIncluded(dir: string): boolean } {
  const glob = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('/')
        .map((seg) => (seg === '**' ? '\0' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\0\//g, '(?:.*/)?')
        .replace(/\/\0/g, '(?:/.*)?')
        .replace(/\0/g, '.*')}$`,
    );
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = posix.normalize(line.slice(negated ? 1 : 0).trim()).replace(/^\/+/, '').replace(/\/$/, '');
      return { negated, pattern, regex: glob(pattern) };
    });
  const includes = (path: string) => {
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let included = true;
    for (const { negated, regex } of patterns) if (prefixes.some((p) => regex.test(p))) included = negated;
    return included;
  };
  const mayHoldIncluded = (dir: string) => patterns.some((p) => p.negated && (p.pattern.startsWith(`${dir}/`) || p.pattern.startsWith('**')));
  return { includes, mayHoldIncluded };
}

/**
 * Builds the image's files under `out` as `docker build` would, without Docker, and returns the
 * folder that stands for the image's `/`. Each needed stage gets a folder, starting as a copy of
 * its base stage's. COPY takes what the .dockerignore lets into the context, or an earlier stage's
 * files; WORKDIR creates its folder. Of the RUN steps, `npm ci ...` links the repository's
 * node_modules (installed from the same package-lock.json) and `node ...` runs in the stage's
 * working directory with its ARG and ENV values, so relative paths only; any other RUN (mkdir and
 * chown under /data, as root) is not run here, and is checked by reading it.
 */
export function layOutImage(build: DockerBuild, context: string, out: string): { root: string; problems: string[] } {
  const problems: string[] = [];
  const ignorePath = join(context, '.dockerignore');
  const ignore = dockerignore(existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : '');
  const rootOf = (stage: Stage) => join(out, `stage-${stage.index}`);
  const inContext = (src: string) => {
    const rel = relative(context, src).split(sep).join('/');
    return ignore.includes(rel) || (lstatSync(src).isDirectory() && ignore.mayHoldIncluded(rel));
  };
  for (const stage of build.needed) {
    const root = rootOf(stage);
    if (stage.base) cpSync(rootOf(stage.base), root, { recursive: true, verbatimSymlinks: true });
    mkdirSync(join(root, stage.base?.workdir ?? '/'), { recursive: true });
    for (const { op, args, workdir, vars } of stage.steps) {
      const here = join(root, workdir);
      if (op === 'WORKDIR') mkdirSync(join(root, posix.resolve(workdir, args)), { recursive: true });
      if (op === 'COPY' || op === 'ADD') {
        const words = args.split(/\s+/);
        const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
        const paths = words.filter((w) => !w.startsWith('--'));
        const dest = paths.pop() ?? '';
        const target = join(root, posix.resolve(workdir, dest));
        for (const source of paths) {
          let src: string;
          if (from !== undefined) {
            const fromStage = build.stages.find((s) => s.name === from.toLowerCase() || String(s.index) === from);
            if (!fromStage) continue; // dockerBuild reports it
            src = join(rootOf(fromStage), posix.resolve('/', source));
          } else {
            const rel = posix.normalize(source).replace(/\/$/, '');
            src = join(context, rel);
            if (rel.startsWith('..') || !existsSync(src)) {
              problems.push(`${op} ${source}: no such file in the build context`);
              continue;
            }
            if (!ignore.includes(rel)) problems.push(`${op} ${source}: .dockerignore leaves it out of the build context`);
          }
          if (!lstatSync(src, { throwIfNoEntry: false })) {
            problems.push(`${op} --from=${from} ${source}: that stage has no such file`);
            continue;
          }
          if (lstatSync(src).isDirectory()) {
            cpSync(src, target, { recursive: true, verbatimSymlinks: true, filter: from === undefined ? inContext : undefined });
          } else {
            const file = dest.endsWith('/') || paths.length > 1 ? join(target, basename(source)) : target;
            mkdirSync(dirname(file), { recursive: true });
            cpSync(src, file, { verbatimSymlinks: true });
          }
        }
      }
      if (op === 'RUN' && /^npm ci\b/.test(args) && !lstatSync(join(here, 'node_modules'), { throwIfNoEntry: false })) {
        symlinkSync(join(context, 'node_modules'), join(here, 'node_modules'));
      }
      if (op === 'RUN' && /^node\s/.test(args)) {
        if (/(^|\s)["']?\//.test(args)) {
          problems.push(`RUN ${args}: uses an absolute path, which cannot be confined to ${out}; use a path relative to WORKDIR`);
          continue;
        }
        const env = { ...Object.fromEntries(vars), PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
        const run = spawnSync('/bin/sh', ['-c', args], { cwd: here, env, encoding: 'utf8' });
        if (run.status !== 0 || run.stderr) problems.push(`RUN ${args}: exit ${run.status}: ${run.stderr.trim()}`);
      }
    }
  }
  return { root: rootOf(build.image), problems };
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
