import argon2 from 'argon2';
import { DomainRefusal } from '@gbt/platform';

export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;

/**
 * The password policy (NIST SP 800-63B: length over composition rules): at least 12 characters,
 * not the email address or its name part, not one character repeated. Refused with 400
 * `auth.password-policy` and the rule broken, so the console can say which.
 */
export function checkPasswordPolicy(password: string, email: string): void {
  const refuse = (rule: string, message: string) => {
    throw new DomainRefusal('auth.password-policy', message, 400, { rule, minLength: PASSWORD_MIN_LENGTH });
  };
  if ([...password].length < PASSWORD_MIN_LENGTH) refuse('too-short', `a password has at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) refuse('too-long', `a password has at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (lower === email || (local.length >= 4 && lower.includes(local))) refuse('contains-email', 'a password may not contain the email address');
  if (new Set(password).size < 4) refuse('too-repetitive', 'a password needs more than a few different characters');
}

/** argon2id with the library's defaults (64 MiB, 3 passes, parallelism 4): memory-hard, OWASP's first choice. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password).catch(() => false);

/** A hash of nothing anyone knows, checked when the account is unknown, so the answer takes as long either way. */
let decoy: Promise<string> | undefined;
export const spendVerificationTime = async (password: string): Promise<void> => {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  await verifyPassword(await decoy, password);
};
