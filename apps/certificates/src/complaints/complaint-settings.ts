export const COMPLAINT_SETTINGS = Symbol('COMPLAINT_SETTINGS');

/** Complaint deadlines in working days on the business calendar, and the public form's rate limit. */
export interface ComplaintSettings {
  /** The answer to a complainant is due this many working days after the complaint arrives. */
  readonly answerWorkingDays: number;
  /** Staff are reminded this many working days before the answer is due; at the due time it is escalated. */
  readonly reminderWorkingDays: number;
  /** How long a holder has to answer a request for information, in working days. */
  readonly informationWorkingDays: number;
  /** Complaints one client address may file per hour (counted in Redis like the registry's limit). */
  readonly ratePerHour: number;
  /** The console's public complaint form, linked from the verification page with `?certificate=<number>`. */
  readonly formUrl: string;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number >= ${min}, not "${env[name]}"`);
  return value;
}

export function complaintSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ComplaintSettings {
  const answerWorkingDays = whole(env, 'COMPLAINT_ANSWER_WORKING_DAYS', 20, 1);
  const reminderWorkingDays = whole(env, 'COMPLAINT_REMINDER_WORKING_DAYS', 5, 0);
  if (reminderWorkingDays >= answerWorkingDays) throw new Error('COMPLAINT_REMINDER_WORKING_DAYS must be fewer than COMPLAINT_ANSWER_WORKING_DAYS');
  return {
    answerWorkingDays,
    reminderWorkingDays,
    informationWorkingDays: whole(env, 'COMPLAINT_INFORMATION_WORKING_DAYS', 10, 1),
    ratePerHour: whole(env, 'COMPLAINT_RATE_LIMIT_PER_HOUR', 5, 1),
    formUrl: env.COMPLAINT_FORM_URL ?? `${(env.CONSOLE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '')}/complaints/new`,
  };
}
