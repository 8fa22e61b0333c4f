import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { transformSync } from '@swc/core';

const SOURCE = join(__dirname, '..', 'src');

/** A console message file (plain objects in .tsx), loaded as the browser gets it, for unit tests. */
export function loadMessages(file: string, name: string): Record<string, string> {
  const { code } = transformSync(readFileSync(join(SOURCE, file), 'utf8'), { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } });
  const exports: Record<string, Record<string, string>> = {};
  runInNewContext(code, { exports, require: () => ({}) });
  const messages = exports[name];
  if (!messages) throw new Error(`${file} does not export ${name}`);
  return messages;
}

/** A message with its {name} placeholders filled in, as i18n.tsx's `t` does it. */
export const fill = (dict: Record<string, string>, key: string, vars: Record<string, string> = {}) => (dict[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);

/** Every .tsx source of the console with its path, for tests that read how it uses messages. */
export function consoleSources(dir = SOURCE): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? consoleSources(join(dir, d.name)) : d.name.endsWith('.tsx') ? [{ path: join(dir, d.name), text: readFileSync(join(dir, d.name), 'utf8') }] : [],
  );
}
