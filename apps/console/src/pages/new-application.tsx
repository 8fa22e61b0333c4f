import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { useOrganisationName } from '../names';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { ErrorBox, Section, Select, TextField, useAction, useLoad } from '../ui';

const list = (s: string) => s.split(/[,，;；\n]/).map((x) => x.trim()).filter(Boolean);

interface MemberOrganisation {
  readonly organisationId: string;
  readonly name: string;
  readonly creditCode: string;
}

/** Start a draft application for one of my organisations, picked by name, with its scope. */
export function NewApplicationPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const { query } = useLocation();
  // Just registered (?organisationId=…): the directory may not list it yet, so its name is read from the organisation itself.
  const justRegistered = query.get('organisationId') ?? localStorage.getItem('console.organisationId') ?? '';
  const justRegisteredName = useOrganisationName(justRegistered || undefined);
  const mine = useLoad(async () => (await call<MemberOrganisation[]>('applications', '/me/organisations', { token: user?.token })).body, [user?.id]);
  const listed = mine.data ?? [];
  const extra = justRegistered && !listed.some((o) => o.organisationId === justRegistered) && justRegisteredName !== '' && justRegisteredName !== justRegistered ? [{ value: justRegistered, label: justRegisteredName }] : [];
  const options = [...extra, ...listed.map((o) => ({ value: o.organisationId, label: `${o.name} (${o.creditCode})` }))];
  const [chosen, setChosen] = useState('');
  const organisationId = chosen || (options.some((o) => o.value === justRegistered) ? justRegistered : options.length === 1 ? options[0].value : '');
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
        json: { organisationId, scope: { productCategories: list(products), serviceCategories: list(services) } },
      });
      caseId = reply.body.caseId;
    });
    if (ok) navigate(`/cases/${caseId}`);
  };
  return (
    <Section title={t('app.newTitle')}>
      <form onSubmit={submit} data-testid="application-form">
        {!mine.loading && options.length === 0 ? (
          <p className="notice" data-testid="no-organisation">
            {t('app.noOrganisation')} <Link to="/organisations/new">{t('nav.organisation')}</Link>
          </p>
        ) : (
          <Select label={t('app.organisation')} value={organisationId} onChange={(e) => setChosen(e.target.value)} options={[{ value: '', label: t('app.chooseOrganisation') }, ...options]} required />
        )}
        <ErrorBox error={mine.error} />
        <TextField label={t('app.products')} hint={t('app.listHint')} value={products} onChange={(e) => setProducts(e.target.value)} required />
        <TextField label={t('app.services')} hint={t('app.listHint')} value={services} onChange={(e) => setServices(e.target.value)} required />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy || !organisationId}>
          {t('app.create')}
        </button>
      </form>
    </Section>
  );
}
