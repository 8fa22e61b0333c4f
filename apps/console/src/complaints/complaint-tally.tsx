import { call } from '../api';
import { usePrefs } from '../i18n';
import { Link } from '../router';
import { useLoad } from '../ui';
import type { ComplaintTally as Tally } from './complaint-types';

/** That a certificate's complaints are handled, in counts (never who complained), and where to file one. */
export function ComplaintTally({ number }: { number: string }) {
  const { t } = usePrefs();
  const n = encodeURIComponent(number);
  const tally = useLoad(async () => (await call<Tally>('certificates', `/registry/certificates/${n}/complaints`)).body, [number]);
  return (
    <p data-testid="complaint-tally">
      {tally.data && t('complaint.tally', { received: tally.data.receivedLast12Months, closed: tally.data.closedLast12Months })}{' '}
      <Link to={`/complaints/new?certificate=${n}`}>{t('complaint.fileAbout')}</Link>
    </p>
  );
}
