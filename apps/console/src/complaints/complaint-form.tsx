import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { useLocation } from '../router';
import { ErrorBox, Section, Select, TextArea, TextField, useAction } from '../ui';
import type { ComplaintReceipt } from './complaint-types';

/** The public complaint form (no account): about a certified company's after-sales service, or about the certification body. */
export function ComplaintFormPage() {
  const { t, dateTime } = usePrefs();
  const { query } = useLocation();
  const [kind, setKind] = useState<'certificate' | 'body'>(query.get('kind') === 'body' ? 'body' : 'certificate');
  const [number, setNumber] = useState(query.get('certificate') ?? '');
  const [description, setDescription] = useState('');
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [receipt, setReceipt] = useState<ComplaintReceipt | null>(null);
  const send = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send.run(async () => {
      const json = { kind, ...(kind === 'certificate' ? { certificateNumber: number.trim() } : {}), description, contact };
      setReceipt((await call<ComplaintReceipt>('certificates', '/complaints', { method: 'POST', json })).body);
    });
  };
  if (receipt) {
    return (
      <>
        <h1>{t('complaint.formTitle')}</h1>
        <p role="status" className="status-banner ok" data-testid="complaint-receipt">
          {t('complaint.received', { reference: receipt.reference })}
        </p>
        <p>{t('complaint.answerDue', { due: dateTime(receipt.answerDueBy) })}</p>
        <p>{receipt.contactGiven ? t('complaint.willAnswer') : t('complaint.noContactNoAnswer')}</p>
      </>
    );
  }
  const set = (key: keyof typeof contact) => (e: { target: { value: string } }) => setContact((c) => ({ ...c, [key]: e.target.value }));
  return (
    <>
      <h1>{t('complaint.formTitle')}</h1>
      <p>{t('complaint.formIntro')}</p>
      <form onSubmit={submit} className="stack" data-testid="complaint-form">
        <Select label={t('complaint.kind')} value={kind} onChange={(e) => setKind(e.target.value as 'certificate' | 'body')} options={[{ value: 'certificate', label: t('complaint.kind.certificate') }, { value: 'body', label: t('complaint.kind.body') }]} data-testid="complaint-kind" />
        {kind === 'certificate' && <TextField label={t('certificate.number')} value={number} onChange={(e) => setNumber(e.target.value)} required data-testid="complaint-number" />}
        <TextArea label={t('complaint.description')} hint={t('complaint.descriptionHint')} value={description} onChange={(e) => setDescription(e.target.value)} required maxLength={4000} rows={6} data-testid="complaint-description" />
        <Section title={t('complaint.contact')}>
          <p className="muted">{t('complaint.contactHint')}</p>
          <TextField label={t('complaint.name')} value={contact.name} onChange={set('name')} autoComplete="name" />
          <TextField label={t('complaint.phone')} value={contact.phone} onChange={set('phone')} type="tel" autoComplete="tel" />
          <TextField label={t('complaint.email')} value={contact.email} onChange={set('email')} type="email" autoComplete="email" />
        </Section>
        <ErrorBox error={send.error} />
        <button type="submit" disabled={send.busy} data-testid="complaint-submit">
          {t('complaint.submit')}
        </button>
      </form>
    </>
  );
}
