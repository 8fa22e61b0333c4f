import { STANDING_REFUSAL_CODES } from '@gbt/auth';
import { STANDING_REASONS } from '@gbt/certificate-core';
import { COMPETENCE_REFUSAL_CODES } from '@gbt/competence';
import { APPEAL_REFUSAL_CODES, CERTIFICATE_REFUSAL_CODES, DIRECTORY_REFUSAL_CODES, REASON_CODES, VALIDITY_STATUSES } from '@gbt/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleSources, loadMessages } from './message-files';

/**
 * No untranslated key (issue 17): every code the services can give a reader (libs/contracts
 * reason-codes.ts) and every key the console's sources name has a zh and an en message, and the
 * two languages have the same keys, with the same placeholders.
 */
const zh = loadMessages('messages-zh.tsx', 'ZH');
const en = loadMessages('messages-en.tsx', 'EN');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const missing = (keys: readonly string[]) => keys.filter((k) => !zh[k]?.trim() || !en[k]?.trim());

/** The service sources a refusal code could come from: DomainRefusal('Code', ...). */
function refusalsUsedBy(dir: string): string[] {
  const codes = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/(?<!spec)\.ts$/.test(e.name)) for (const m of readFileSync(join(d, e.name), 'utf8').matchAll(/DomainRefusal\('(\w+)'/g)) codes.add(m[1]!);
    }
  };
  walk(dir);
  return [...codes].sort();
}

describe('untranslated keys', () => {
  it('zh and en have the same keys, and each message the same placeholders in both', () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(zh).filter((k) => placeholders(zh[k]!).join() !== placeholders(en[k]!).join())).toEqual([]);
  });

  it('words every reason code the services return, using only the parameters the code carries', () => {
    expect(missing(Object.keys(REASON_CODES).map((c) => `reason.${c}`))).toEqual([]);
    const unknownParams = Object.entries(REASON_CODES).flatMap(([code, params]) => placeholders(zh[`reason.${code}`] ?? '').filter((p) => !(params as readonly string[]).includes(p)).map((p) => `${code}:${p}`));
    expect(unknownParams).toEqual([]);
  });

  it('lists every standing reason of certificate-core among the codes, with the same parameters', () => {
    for (const [reason, { params }] of Object.entries(STANDING_REASONS)) {
      expect({ reason, params: REASON_CODES[`standing.${reason}` as keyof typeof REASON_CODES] }).toEqual({ reason, params });
    }
  });

  it('words every certificate status, the not-yet-issued answer of a validity check included', () => {
    expect(missing(VALIDITY_STATUSES.map((s) => `cert.${s}`))).toEqual([]);
  });

  it('words every refusal of the directory and its sign-in', () => {
    expect(missing(DIRECTORY_REFUSAL_CODES.map((c) => `error.${c}`))).toEqual([]);
  });

  it("words every refusal of a token by the directory's word (unknown, disabled, removed person)", () => {
    expect(missing(STANDING_REFUSAL_CODES.map((c) => `error.${c}`))).toEqual([]);
  });

  it('words every competence and impartiality refusal (claims, reassignments, decisions)', () => {
    expect(missing(COMPETENCE_REFUSAL_CODES.map((c) => `error.${c}`))).toEqual([]);
  });

  it('words every refusal of the certificates service, and the service uses none that is not listed', () => {
    expect(refusalsUsedBy(join(__dirname, '..', '..', 'certificates', 'src'))).toEqual([...CERTIFICATE_REFUSAL_CODES].sort());
    expect(missing(CERTIFICATE_REFUSAL_CODES.map((c) => `error.${c}`))).toEqual([]);
  });

  it("words every refusal of the lifecycle, which reaches readers as the answer to a service's request", () => {
    // Read from the source: the console may not depend on the applications service's model (ADR 0019).
    const errors = readFileSync(join(__dirname, '..', '..', '..', 'libs', 'certification', 'src', 'errors.ts'), 'utf8');
    const list = /DomainErrorCodes = \[([^\]]*)\]/.exec(errors)?.[1] ?? '';
    const codes = [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
    expect(codes).toContain('LevelNotReopened');
    expect(missing(codes.map((c) => `error.${c}`))).toEqual([]);
  });

  it('words every refusal of an appeal (lodging, handling, answering)', () => {
    expect(missing(APPEAL_REFUSAL_CODES.map((c) => `error.${c}`))).toEqual([]);
  });

  it('has a message for every key the console names literally, and some for every key it builds from a prefix', () => {
    const literal = new Set<string>();
    const prefixes = new Set<string>();
    for (const { text } of consoleSources()) {
      for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) literal.add(m[1]!);
      for (const m of text.matchAll(/\bt\(\s*`([\w.-]+\.)\$\{/g)) prefixes.add(m[1]!);
    }
    expect(literal.size).toBeGreaterThan(100);
    expect(missing([...literal])).toEqual([]);
    expect([...prefixes].filter((p) => !Object.keys(zh).some((k) => k.startsWith(p)))).toEqual([]);
  });
});
