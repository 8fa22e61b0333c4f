import { useState } from 'react';
import { apiUrl, call } from '../api';
import { useReasonText, validityText } from '../certificate-text';
import { usePrefs, type MessageKey } from '../i18n';
import type { CertificateValidity, RegistryEntry } from '../types';
import { ErrorBox, Loading, Section, TextField, useAction, useLoad } from '../ui';

/** Today in Asia/Shanghai as YYYY-MM-DD (the registry reads a date as the end of that day there). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The page a certificate's QR code opens: status with reasons and history, valid on a chosen date. No login. */
export function VerifyPage({ number }: { number: string }) {
  const { t, dateTime } = usePrefs();
  const reasonText = useReasonText();
  const entry = useLoad(async () => (await call<RegistryEntry>('certificates', `/registry/certificates/${encodeURIComponent(number)}`)).body, [number]);
  const [on, setOn] = useState(today());
  const [validity, setValidity] = useState<CertificateValidity | null>(null);
  const check = useAction();
  const e = entry.data;
  const n = encodeURIComponent(number);
  return (
    <>
      <h1>{t('verify.title')}</h1>
      <Loading loading={entry.loading} error={entry.error} />
      {e && (
        <>
          <p className={`status-banner ${e.standing.status === 'valid' ? 'ok' : 'bad'}`} role="status">
            <span data-testid="verify-status">{t(`cert.${e.standing.status}` as MessageKey)}</span>: <span data-testid="verify-reason">{reasonText(`standing.${e.standing.reason}`, e.standing.params)}</span>
          </p>
          <Section title={e.number}>
            <dl>
              <dt>{t('verify.holder')}</dt>
              <dd data-testid="verify-holder">{e.holder.name}</dd>
              <dt>{t('org.creditCode')}</dt>
              <dd>{e.holder.creditCode}</dd>
              <dt>{t('cases.level')}</dt>
              <dd>{t(`level.${e.level}` as MessageKey)}</dd>
              <dt>{t('certificate.valid')}</dt>
              <dd>
                <span data-testid="verify-validity">{validityText(e)}</span>
              </dd>
            </dl>
            <p>
              <a href={apiUrl('certificates', `/registry/certificates/${n}/certificate.pdf`)}>{t('certificate.pdf')}</a> · <a href={apiUrl('certificates', `/registry/certificates/${n}/certificate.json`)}>{t('certificate.json')}</a> ·{' '}
              <a href={apiUrl('certificates', '/.well-known/certificate-keys.json')}>{t('verify.keys')}</a>
            </p>
          </Section>
          <Section title={t('verify.validOn')}>
            <form
              className="inline"
              onSubmit={(ev) => {
                ev.preventDefault();
                void check.run(async () => setValidity((await call<CertificateValidity>('certificates', `/registry/certificates/${n}/validity?on=${encodeURIComponent(on)}`)).body));
              }}
            >
              <TextField label={t('verify.date')} type="date" value={on} onChange={(ev) => setOn(ev.target.value)} required />
              <button type="submit" disabled={check.busy}>
                {t('verify.check')}
              </button>
            </form>
            <ErrorBox error={check.error} />
            {validity && (
              <p role="status" data-testid="validity" className={validity.valid ? 'ok' : 'bad'}>
                {t(validity.valid ? 'verify.wasValid' : 'verify.wasNotValid', { on: validity.on })} ({t(`cert.${validity.status}` as MessageKey)}
                : {reasonText(validity.code, validity.params)})
              </p>
            )}
          </Section>
          <Section title={t('verify.history')}>
            <ol className="timeline" data-testid="verify-history">
              {e.history.map((h) => (
                <li key={`${h.at}-${h.change}`}>
                  <time dateTime={h.at}>{dateTime(h.at)}</time> {t(`cert.${h.status}` as MessageKey)} — {reasonText(h.code, h.params)}
                </li>
              ))}
            </ol>
          </Section>
        </>
      )}
    </>
  );
}
