import { useState } from 'react';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorBox, Loading, Section, Select, TextArea, TextField, useAction, useLoad } from '../ui';
import { ComplaintHistory } from './complaint-history';
import { OUTCOMES, REJECTION_CODES, type StaffComplaint } from './complaint-types';

/** One complaint for the staff who handle it: the complainant's words and contact, and what to do next. */
export function ComplaintPage({ reference }: { reference: string }) {
  const { t, dateTime } = usePrefs();
  const { user } = useSession();
  const path = `/complaints/${encodeURIComponent(reference)}`;
  const complaint = useLoad(async () => (await call<StaffComplaint>('certificates', path, { token: user?.token })).body, [reference, user?.token]);
  const c = complaint.data;
  if (!c) return <Loading loading={complaint.loading} error={complaint.error} />;
  return (
    <>
      <h1>
        {t('complaint.title', { reference: c.reference })} <span className="status">{t(`complaint.status.${c.status}` as MessageKey)}</span>
      </h1>
      <div className="grid2">
        <Section title={t('complaint.details')}>
          <dl>
            <dt>{t('complaint.kind')}</dt>
            <dd>{t(`complaint.kind.${c.kind}` as MessageKey)}</dd>
            {c.certificateNumber && (
              <>
                <dt>{t('certificate.number')}</dt>
                <dd>
                  <Link to={`/verify/${encodeURIComponent(c.certificateNumber)}`}>{c.certificateNumber}</Link>
                  {c.caseId && (
                    <>
                      {' '}
                      · <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{t('complaint.case')}</Link>
                    </>
                  )}
                </dd>
              </>
            )}
            <dt>{t('complaint.answerDueLabel')}</dt>
            <dd>{dateTime(c.answerDueBy)}{c.escalated && <strong className="bad"> · {t('complaint.escalated')}</strong>}</dd>
            <dt>{t('complaint.description')}</dt>
            <dd data-testid="complaint-description">
              <q>{c.description}</q>
            </dd>
            <dt>{t('complaint.contact')}</dt>
            <dd data-testid="complaint-contact">{c.contact ? [c.contact.name, c.contact.phone, c.contact.email].filter(Boolean).join(' · ') : t('complaint.noContact')}</dd>
            {c.outcome && (
              <>
                <dt>{t('complaint.outcome')}</dt>
                <dd>{t(`complaint.outcome.${c.outcome}` as MessageKey)}</dd>
              </>
            )}
          </dl>
          {c.requests.map((r) => (
            <p key={r.requestId}>
              <strong>{t('complaint.question')}</strong> {r.question} — {r.answer === null ? t('complaint.waitingForHolder') : <q>{r.answer}</q>}
            </p>
          ))}
        </Section>
        <Section title={t('timeline.title')}>
          <ComplaintHistory history={c.history} />
        </Section>
      </div>
      {c.status !== 'closed' && <ComplaintActions complaint={c} path={path} onChanged={complaint.reload} />}
    </>
  );
}

/** The next steps the handler's roles allow: triage, ask the holder, order or record the extraordinary surveillance, close. */
function ComplaintActions({ complaint: c, path, onChanged }: { complaint: StaffComplaint; path: string; onChanged(): void }) {
  const { t } = usePrefs();
  const { user, can } = useSession();
  const action = useAction();
  const [text, setText] = useState('');
  const [number, setNumber] = useState(c.certificateNumber ?? '');
  const [kind, setKind] = useState(c.kind);
  const [code, setCode] = useState<string>(REJECTION_CODES[0]);
  const [outcome, setOutcome] = useState<string>(OUTCOMES[0]);
  const post = (suffix: string, json: unknown) =>
    action.run(async () => {
      await call('certificates', `${path}${suffix}`, { method: 'POST', json, token: user?.token });
      setText('');
      onChanged();
    });
  const may = (op: string) => can('certificates', op as never);
  const onCertificate = c.kind === 'certificate';
  return (
    <Section title={t('complaint.actions')}>
      <TextArea label={t('complaint.note')} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} data-testid="complaint-note" />
      {c.status === 'received' && may('POST /complaints/{reference}/triage') && (
        <div className="stack">
          <Select label={t('complaint.kind')} value={kind} onChange={(e) => setKind(e.target.value as 'certificate' | 'body')} options={[{ value: 'certificate', label: t('complaint.kind.certificate') }, { value: 'body', label: t('complaint.kind.body') }]} />
          {kind === 'certificate' && <TextField label={t('certificate.number')} value={number} onChange={(e) => setNumber(e.target.value)} />}
          <button type="button" disabled={action.busy} onClick={() => void post('/triage', { decision: 'accepted', kind, ...(kind === 'certificate' ? { certificateNumber: number.trim() } : {}), ...(text.trim() ? { note: text } : {}) })} data-testid="complaint-accept">
            {t('complaint.accept')}
          </button>
          <Select label={t('complaint.rejectionCode')} value={code} onChange={(e) => setCode(e.target.value)} options={REJECTION_CODES.map((r) => ({ value: r, label: t(`complaint.rejection.${r}` as MessageKey) }))} />
          <button type="button" disabled={action.busy} onClick={() => void post('/triage', { decision: 'rejected', rejectionCode: code, ...(text.trim() ? { note: text } : {}) })}>
            {t('complaint.reject')}
          </button>
        </div>
      )}
      {c.status === 'investigating' && (
        <div className="stack">
          {onCertificate && may('POST /complaints/{reference}/information-requests') && (
            <button type="button" disabled={action.busy || !text.trim()} onClick={() => void post('/information-requests', { question: text })}>
              {t('complaint.askHolder')}
            </button>
          )}
          {onCertificate && c.surveillance !== 'ordered' && may('POST /complaints/{reference}/extraordinary-surveillance') && (
            <button type="button" disabled={action.busy || !text.trim()} onClick={() => void post('/extraordinary-surveillance', { note: text })}>
              {t('complaint.orderSurveillance')}
            </button>
          )}
          {c.surveillance === 'ordered' && may('POST /complaints/{reference}/extraordinary-surveillance/result') && (
            <>
              <button type="button" disabled={action.busy} onClick={() => void post('/extraordinary-surveillance/result', { passed: true })}>
                {t('complaint.surveillancePassed')}
              </button>
              <button type="button" disabled={action.busy || !text.trim()} onClick={() => void post('/extraordinary-surveillance/result', { passed: false, reason: text })}>
                {t('complaint.surveillanceFailed')}
              </button>
            </>
          )}
          {may('POST /complaints/{reference}/closure') && (
            <>
              <Select label={t('complaint.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} options={OUTCOMES.filter((o) => onCertificate || o !== 'founded-suspension').map((o) => ({ value: o, label: t(`complaint.outcome.${o}` as MessageKey) }))} />
              <button type="button" disabled={action.busy || !text.trim()} onClick={() => void post('/closure', { outcome, reasons: text })} data-testid="complaint-close">
                {t('complaint.close')}
              </button>
            </>
          )}
        </div>
      )}
      <ErrorBox error={action.error} />
    </Section>
  );
}
