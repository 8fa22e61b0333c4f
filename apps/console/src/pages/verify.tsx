import { useEffect, useState } from 'react';
import { shanghaiDate } from '@gbt/certificate-dates';
import { apiUrl, call } from '../api';
import { useReasonText, validityText } from '../certificate-text';
import { ComplaintTally } from '../complaints/complaint-tally';
import { DateField } from '../date-field';
import { usePrefs, type MessageKey } from '../i18n';
import type { CertificateLogRecord, CertificateValidity, RegistryEntry } from '../types';
import { ErrorBox, Loading, Section, useAction, useLoad } from '../ui';

/** How often the page asks the public log again while the current status is not yet under a signed tree head. */
const LOG_RECHECK_MS = 5_000;

/** Today in Asia/Shanghai as YYYY-MM-DD (the registry reads a date as the end of that day there). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Codes whose `detail` is what the issuing body wrote: the standing's own words say it all. */
const BODY_WORDED = new Set(['certificate.suspended', 'certificate.withdrawn', 'certificate.cancelled', 'certificate.recorded']);

/**
 * The standing in words. When the change behind it was worded by the system (a failed or overdue
 * surveillance, a passed deadline, a retaken decision), the standing's `detail` is an English
 * sentence for developers: that change's own code is shown instead, after the day it happened.
 */
function useStandingText(): (e: RegistryEntry) => string {
  const { t } = usePrefs();
  const reasonText = useReasonText();
  return ({ standing, history }) => {
    const cause = history.find((h) => h.status === standing.status && h.at === standing.params.since);
    if (!cause || standing.params.detail === undefined || BODY_WORDED.has(cause.code)) return reasonText(`standing.${standing.reason}`, standing.params);
    return `${t('verify.since', { since: shanghaiDate(cause.at) })} · ${reasonText(cause.code, cause.params)}`;
  };
}

/** The page a certificate's QR code opens: status with reasons and history, valid on a chosen date. No login. */
export function VerifyPage({ number }: { number: string }) {
  const { t, dateTime } = usePrefs();
  const reasonText = useReasonText();
  const standingText = useStandingText();
  const entry = useLoad(async () => (await call<RegistryEntry>('certificates', `/registry/certificates/${encodeURIComponent(number)}`)).body, [number]);
  const log = useLoad(async () => (await call<CertificateLogRecord>('certificates', `/log/certificates/${encodeURIComponent(number)}`)).body, [number]);
  // A change not yet under a signed tree head will be within a minute or so: ask again until it is.
  const pending = log.data !== undefined && !log.data.current?.recordedAtTreeSize;
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(log.reload, LOG_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [pending, log.data, log.reload]);
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
            <span data-testid="verify-status">{t(`cert.${e.standing.status}` as MessageKey)}</span>: <span data-testid="verify-reason">{standingText(e)}</span>
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
            <ComplaintTally number={e.number} />
          </Section>
          <Section title={t('verify.validOn')}>
            <form
              className="inline"
              onSubmit={(ev) => {
                ev.preventDefault();
                void check.run(async () => setValidity((await call<CertificateValidity>('certificates', `/registry/certificates/${n}/validity?on=${encodeURIComponent(on)}`)).body));
              }}
            >
              <DateField label={t('verify.date')} value={on} onChange={setOn} testId="verify-date" />
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
          <Section title={t('verify.log')}>
            <LogRecord record={log.data} />
            <p>
              <a href={apiUrl('certificates', `/log/certificates/${n}`)}>{t('verify.log')}</a> · <a href={apiUrl('certificates', '/.well-known/log-keys.json')}>{t('verify.logKeys')}</a>
            </p>
          </Section>
          <Section title={t('verify.history')}>
            <ol className="timeline" data-testid="verify-history">
              {e.history.map((h) => (
                <li key={`${h.at}-${h.change}`}>
                  <time dateTime={h.at}>{dateTime(h.at)}</time> {t(`cert.${h.status}` as MessageKey)} — {reasonText(h.code, h.params)}
                  {h.sites?.length ? t('audit.visitedSites', { sites: h.sites.join(t('audit.listSeparator')) }) : ''}
                </li>
              ))}
            </ol>
          </Section>
        </>
      )}
    </>
  );
}

/** Where the public log stands on this certificate's current status: in a signed tree head, or not yet (ADR 0030). */
function LogRecord({ record }: { record: CertificateLogRecord | undefined }) {
  const { t } = usePrefs();
  if (!record) return null;
  const size = record.current?.recordedAtTreeSize;
  return (
    <p role="status" data-testid="verify-log">
      {size ? t('verify.logRecorded', { size: String(size) }) : t('verify.logPending')}
    </p>
  );
}
