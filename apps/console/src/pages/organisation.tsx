import { type FormEvent } from 'react';
import { call } from '../api';
import { useDraft } from '../drafts';
import { usePrefs } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';
import { ErrorBox, Section, TextField, useAction } from '../ui';

const EMPTY = { name: '', creditCode: '', address: '', contactName: '', phone: '', email: '', employees: '' };
type Outlet = { name: string; address: string };
const NO_OUTLETS: Outlet[] = [];

/** Register an organisation; the applicant becomes its member. A refused form keeps what was typed. */
export function OrganisationPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const [form, setForm, clearDraft] = useDraft('organisation', EMPTY);
  const [outlets, setOutlets, clearOutlets] = useDraft('organisation-outlets', NO_OUTLETS);
  const action = useAction();
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let organisationId = '';
    const ok = await action.run(async () => {
      const reply = await call<{ organisationId: string }>('applications', '/organisations', {
        method: 'POST',
        token: user?.token,
        json: {
          name: form.name,
          creditCode: form.creditCode,
          address: form.address,
          contacts: [{ name: form.contactName, phone: form.phone, email: form.email }],
          outlets,
          ...(form.employees ? { employees: Number(form.employees) } : {}),
        },
      });
      organisationId = reply.body.organisationId;
    });
    if (ok) {
      clearDraft();
      clearOutlets();
      localStorage.setItem('console.organisationId', organisationId);
      navigate(`/applications/new?organisationId=${encodeURIComponent(organisationId)}`);
    }
  };
  return (
    <Section title={t('org.title')}>
      <form onSubmit={submit} data-testid="organisation-form">
        <TextField label={t('org.name')} value={form.name} onChange={set('name')} required autoComplete="organization" />
        <TextField label={t('org.creditCode')} hint={t('org.creditCodeHint')} value={form.creditCode} onChange={set('creditCode')} required maxLength={18} />
        <TextField label={t('org.address')} value={form.address} onChange={set('address')} required autoComplete="street-address" />
        <fieldset>
          <legend>{t('org.contact')}</legend>
          <TextField label={t('org.contactName')} value={form.contactName} onChange={set('contactName')} required autoComplete="name" />
          <TextField label={t('org.phone')} value={form.phone} onChange={set('phone')} required type="tel" autoComplete="tel" />
          <TextField label={t('org.email')} value={form.email} onChange={set('email')} required type="email" autoComplete="email" />
        </fieldset>
        <TextField label={t('org.employees')} hint={t('org.employeesHint')} type="number" min={1} inputMode="numeric" value={form.employees} onChange={set('employees')} />
        <OutletRows outlets={outlets} onChange={setOutlets} />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('org.submit')}
        </button>
      </form>
    </Section>
  );
}

/** The service outlets, one row each; audits visit a sample of them (issue 19). */
function OutletRows({ outlets, onChange }: { outlets: Outlet[]; onChange(outlets: Outlet[]): void }) {
  const { t } = usePrefs();
  const edit = (i: number, key: keyof Outlet) => (e: { target: { value: string } }) => onChange(outlets.map((o, j) => (j === i ? { ...o, [key]: e.target.value } : o)));
  return (
    <fieldset data-testid="outlets">
      <legend>{t('org.outlets')}</legend>
      <p className="hint">{t('org.outletsHint')}</p>
      <ol>
        {outlets.map((o, i) => (
          <li key={i} aria-label={t('org.outletNumber', { number: i + 1 })}>
            <TextField label={t('org.outletName')} value={o.name} onChange={edit(i, 'name')} required maxLength={200} />
            <TextField label={t('org.outletAddress')} value={o.address} onChange={edit(i, 'address')} required maxLength={500} />
            <button type="button" onClick={() => onChange(outlets.filter((_, j) => j !== i))}>
              {t('org.removeOutlet', { number: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...outlets, { name: '', address: '' }])}>
        {t('org.addOutlet')}
      </button>
    </fieldset>
  );
}
