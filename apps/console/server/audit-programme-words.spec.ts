import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADJUSTMENT_CODES, AUDIT_KINDS, AUDIT_MODES, AUDIT_STAGES, PROBLEM_CODES, SELECTION_REASONS, TEAM_ROLES } from '@gbt/audit-programme';
import * as consoleTypes from '../src/audit/audit-types';
import { loadMessages } from './message-files';

/**
 * The audit programme's words (issue 19): every code the library and the plan endpoints can give a
 * reader has a zh and an en message, using only the parameters the code carries.
 */
const zh = loadMessages('messages-zh.tsx', 'ZH');
const en = loadMessages('messages-en.tsx', 'EN');
const missing = (keys: readonly string[]) => keys.filter((k) => !zh[k]?.trim() || !en[k]?.trim());
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe('the audit programme in words', () => {
  it('words every problem of a plan with the parameters its code carries', () => {
    expect(missing(Object.keys(PROBLEM_CODES).map((c) => `audit.problem.${c}`))).toEqual([]);
    const unknown = Object.entries(PROBLEM_CODES).flatMap(([code, params]) => placeholders(en[`audit.problem.${code}`] ?? '').filter((p) => !(params as readonly string[]).includes(p)).map((p) => `${code}:${p}`));
    expect(unknown).toEqual([]);
  });

  it('words every kind, stage, mode, role, adjustment and reason for picking an outlet', () => {
    expect(
      missing([
        ...AUDIT_KINDS.map((k) => `audit.kind.${k}`),
        ...AUDIT_STAGES.map((s) => `audit.stage.${s}`),
        ...AUDIT_MODES.map((m) => `audit.mode.${m}`),
        ...TEAM_ROLES.map((r) => `audit.role.${r}`),
        ...ADJUSTMENT_CODES.map((a) => `audit.adjustment.${a}`),
        ...SELECTION_REASONS.map((r) => `audit.reason.${r}`),
        ...['band', 'bandOpen', 'outlets', 'adjustment', 'rounding', 'outlet-minimum'].map((l) => `audit.line.${l}`),
      ]),
    ).toEqual([]);
  });

  it("lists the library's modes and adjustments in the console's form, which cannot import the library", () => {
    expect([...consoleTypes.AUDIT_MODES]).toEqual([...AUDIT_MODES]);
    expect([...consoleTypes.ADJUSTMENT_CODES].sort()).toEqual([...ADJUSTMENT_CODES].sort());
  });

  it("words every refusal of evidence review's plan endpoints", () => {
    const dir = join(__dirname, '..', '..', 'evidence-review', 'src', 'audit-plans');
    const codes = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/DomainRefusal\('(\w+)'/g)].map((m) => m[1]!));
    expect(codes.length).toBeGreaterThan(4);
    // The confirmation decider's refusals, besides the handlers' own.
    expect(missing([...codes, 'InvalidPlan', 'PlanMismatch', 'NotAllowedInState', 'StaleRevision', 'ReasonRequired'].map((c) => `error.${c}`))).toEqual([]);
  });

  it("words a surveillance result's refusals against its plan, naming outlets by name, lists with each language's separator", () => {
    const codes = ['UnknownAuditPlan', 'NotASurveillancePlan', 'AuditPlanNotConfirmed', 'AuditPlanCancelled', 'AuditPlanUsed', 'NotCurrentCyclePlan', 'SiteVisitsOpen', 'SiteVisitFindings', 'AuditPlanRequired'];
    expect(missing(codes.map((c) => `error.${c}`))).toEqual([]);
    for (const words of [zh, en]) expect(['SiteVisitsOpen', 'SiteVisitFindings'].map((c) => placeholders(words[`error.${c}`] ?? ''))).toEqual([['outlets'], ['outlets']]);
    expect([zh['audit.listSeparator'], en['audit.listSeparator']]).toEqual(['、', ', ']);
    expect([zh, en].map((words) => placeholders(words['event.surveillance-failed'] ?? ''))).toEqual([
      ['reason', 'visited'],
      ['reason', 'visited'],
    ]);
  });
});
