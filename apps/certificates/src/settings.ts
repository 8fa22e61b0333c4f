import { resolve } from 'node:path';
import { DEFAULT_APPEAL_POLICY, type AppealPolicy } from './appeals/appeal-rules';
import { DEFAULT_TIMER_POLICY, type TimerPolicy } from './timers/timer-plan';

export const CERTIFICATES_SETTINGS = Symbol('CERTIFICATES_SETTINGS');

export interface CertificatesSettings {
  readonly issuingBody: string;
  readonly issuingBodyEn: string;
  /** Where the public verification pages live; the QR code on each certificate points here. */
  readonly publicBaseUrl: string;
  readonly keysDir: string;
  /** Development only: make a signing key when the directory has none. */
  readonly generateKeys: boolean;
  readonly timers: TimerPolicy;
  /** Where a numbering starts each year: a body taking over an existing register continues it. */
  readonly firstSequence: number;
  /** Public registry requests per client address and minute. */
  readonly registryRateLimitPerMinute: number;
  /** The public log of status changes (ADR 0030). */
  readonly log: LogSettings;
  /** Appeal period in calendar days, answer time and reminder in working days (ADR 0033); DEFAULT_APPEAL_POLICY when absent. */
  readonly appeals?: AppealPolicy;
}

export interface LogSettings {
  /** The log's own Ed25519 keys (`<kid>.pem`), never in the repository. */
  readonly keysDir: string;
  /** How often a tree head is signed, when the log grew since the last. */
  readonly treeHeadIntervalMs: number;
  /** How often the registry's change log is read for status changes to append. */
  readonly appendIntervalMs: number;
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const ms = Number(env[name] ?? fallback);
  if (!Number.isInteger(ms) || ms < 100) throw new Error(`${name} must be a whole number of milliseconds >= 100, not "${env[name]}"`);
  return ms;
}

function wholeDays(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of days >= 1, not "${env[name]}"`);
  return n;
}

const days = (value: string | undefined, fallback: readonly number[]) =>
  value ? value.split(',').map((d) => Number(d.trim())).filter((d) => Number.isInteger(d) && d > 0) : fallback;

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): CertificatesSettings {
  const port = env.PORT ?? '3004';
  return {
    issuingBody: env.ISSUING_BODY ?? '示例认证中心',
    issuingBodyEn: env.ISSUING_BODY_EN ?? 'Example Certification Centre',
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, ''),
    keysDir: resolve(env.CERTIFICATE_KEYS_DIR ?? '.infra/keys/certificates'),
    generateKeys: env.CERTIFICATE_KEYS_GENERATE !== 'false',
    timers: {
      surveillanceDueLeadDays: Number(env.SURVEILLANCE_DUE_LEAD_DAYS ?? DEFAULT_TIMER_POLICY.surveillanceDueLeadDays),
      surveillanceReminderDays: days(env.SURVEILLANCE_REMINDER_DAYS, DEFAULT_TIMER_POLICY.surveillanceReminderDays),
      renewalReminderDays: days(env.RENEWAL_REMINDER_DAYS, DEFAULT_TIMER_POLICY.renewalReminderDays),
    },
    firstSequence: Number(env.CERTIFICATE_FIRST_SEQUENCE ?? 1),
    registryRateLimitPerMinute: Number(env.REGISTRY_RATE_LIMIT_PER_MINUTE ?? 120),
    log: {
      keysDir: resolve(env.LOG_KEYS_DIR ?? '.infra/keys/log'),
      treeHeadIntervalMs: milliseconds(env, 'LOG_TREE_HEAD_INTERVAL_MS', 60_000),
      appendIntervalMs: milliseconds(env, 'LOG_APPEND_INTERVAL_MS', 5_000),
    },
    appeals: {
      periodDays: wholeDays(env, 'APPEAL_PERIOD_DAYS', DEFAULT_APPEAL_POLICY.periodDays),
      answerWorkingDays: wholeDays(env, 'APPEAL_ANSWER_WORKING_DAYS', DEFAULT_APPEAL_POLICY.answerWorkingDays),
      reminderWorkingDays: wholeDays(env, 'APPEAL_REMINDER_WORKING_DAYS', DEFAULT_APPEAL_POLICY.reminderWorkingDays),
    },
  };
}

/** How often due timers are looked for; short in whole-system tests whose clock jumps ahead. */
export function timerSweepIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.TIMER_SWEEP_INTERVAL_MS ?? 60_000);
  if (!Number.isInteger(ms) || ms < 100) throw new Error(`TIMER_SWEEP_INTERVAL_MS must be a whole number of milliseconds >= 100, not "${env.TIMER_SWEEP_INTERVAL_MS}"`);
  return ms;
}
