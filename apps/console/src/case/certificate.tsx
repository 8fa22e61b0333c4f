import { apiUrl } from '../api';
import { validityText } from '../certificate-text';
import { usePrefs, type MessageKey } from '../i18n';
import { Link } from '../router';
import type { CaseView } from '../types';
import { Section } from '../ui';

/** The certificate of the case: its validity and the signed documents to download. */
export function CertificatePanel({ certificate }: { certificate: NonNullable<CaseView['certificate']> }) {
  const { t, date } = usePrefs();
  const n = encodeURIComponent(certificate.number);
  return (
    <Section title={t('certificate.title')}>
      <dl data-testid="certificate">
        <dt>{t('certificate.number')}</dt>
        <dd>{certificate.number}</dd>
        <dt>{t('cases.level')}</dt>
        <dd>{t(`level.${certificate.level}` as MessageKey)}</dd>
        <dt>{t('certificate.valid')}</dt>
        <dd>
          {validityText(certificate)}
        </dd>
        <dt>{t('certificate.surveillance')}</dt>
        <dd>{date(certificate.nextSurveillanceBy)}</dd>
      </dl>
      <p>
        <a href={apiUrl('certificates', `/registry/certificates/${n}/certificate.pdf`)} download={`${certificate.number}.pdf`}>
          {t('certificate.pdf')}
        </a>{' '}
        · <a href={apiUrl('certificates', `/registry/certificates/${n}/certificate.json`)} download={`${certificate.number}.json`}>{t('certificate.json')}</a> ·{' '}
        <Link to={`/verify/${n}`}>{t('certificate.verify')}</Link>
      </p>
    </Section>
  );
}
