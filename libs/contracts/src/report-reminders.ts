import { z } from 'zod';
import { defineEvent } from './event-registry';
import { idSchema as id } from './primitives';

/**
 * That a month's report to the certification authority falls due (on the 10th of the next month),
 * recorded by the certificates service on `certificates.certificate.v1` when its monthly job
 * reminds staff; the directory mails the body's administrators. One per month (`period` YYYY-MM).
 */
export const reportReminderEvents = [
  defineEvent({
    type: 'certificates.monthly-report-due',
    schemaVersion: 1,
    schema: z.object({
      period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period is YYYY-MM'),
      dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dueOn is YYYY-MM-DD'),
      /** The latest report prepared for the month, if any, and how many problems it lists. */
      reportId: id.nullable(),
      problems: z.number().int().min(0).nullable(),
    }),
  }),
];
