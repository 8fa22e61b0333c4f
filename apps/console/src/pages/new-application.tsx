import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { ErrorBox, Section, TextField, useAction } from '../ui';

const list = (s: string) => s.split(/[,，;；\n]/).map((x) => x.trim()).filter(Boolean);

/** Start a draft application for one of my organisations, with its scope. */
export function NewApplicationPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const { query } = useLocation();
  const [organisationId, setOrganisationId] = useState(query.get('organisationId') ?? localStorage.getItem('console.organisationId') ?? '');
  const [products, setProducts] = useState('');
  const [services, setServices] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let caseId = '';
    const ok = await action.run(async () => {
      const reply = await call<{ caseId: string }>('applications', '/cases', {
        method: 'POST',
        token: user?.token,
        json: { organisationId: organisationId.trim(), scope: { productCategories: list(products), serviceCategories: list(services) } },
      });
      caseId = reply.body.caseId;
    });
    if (ok) navigate(`/cases/${caseId}`);
  };
  return (
    <Section title={t('app.newTitle')}>
      <form onSubmit={submit} data-testid="application-form">
        <TextField label={t('app.organisationId')} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} required />
        <TextField label={t('app.products')} hint={t('app.listHint')} value={products} onChange={(e) => setProducts(e.target.value)} required />
        <TextField label={t('app.services')} hint={t('app.listHint')} value={services} onChange={(e) => setServices(e.target.value)} required />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('app.create')}
        </button>
      </form>
    </Section>
  );
}
