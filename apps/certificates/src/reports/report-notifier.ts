import { ConcurrencyError, MongoEventStore, NO_STREAM } from '@gbt/event-store';
import { JsonLogger } from '@gbt/messaging';
import { metadataFor, type Clock } from '@gbt/platform';
import type { ReportNotifier } from './report-commands';

const REPORT_JOB = { id: 'monthly-report-job', role: 'system' };

/**
 * Tells the body that a month's report falls due: one `certificates.monthly-report-due` fact per
 * month on `certificates.certificate.v1` (stream `monthly-report-due-<period>`, first append only),
 * which the directory turns into mails to the administrators. A second reminder of the same month
 * (a timer fired again after a crash) finds the stream and adds nothing.
 */
export const eventNotifier = (store: MongoEventStore, clock: Clock, logger: JsonLogger): ReportNotifier => ({
  reportDue: async (reminder, latest) => {
    const data = { period: reminder._id, dueOn: reminder.dueOn, reportId: latest?._id ?? null, problems: latest ? latest.problems.length : null };
    try {
      await store.append(`monthly-report-due-${reminder._id}`, [{ type: 'certificates.monthly-report-due', data }], { expectedVersion: NO_STREAM, readHead: null, ...metadataFor(REPORT_JOB, clock.now()) });
      logger.info('reports: the monthly report is due; staff are told', data);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  },
});
