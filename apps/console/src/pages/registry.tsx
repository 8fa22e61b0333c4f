import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { Link } from '../router';
import type { RegistryEntry } from '../types';
import { ErrorBox, Section, Select, TextField, useAction } from '../ui';

const LEVELS = ['', 'compliant', 'three-star', 'four-star', 'five-star'];
const STATUSES = ['', 'valid', 'suspended', 'withdrawn', 'cancelled', 'expired', 'superseded'];

/** The public directory of certificates: no login. */
export function RegistryPage() {
  const { t, date } = usePrefs();
  const [q, setQ] = useState({ q: '', holder: '', creditCode: '', number: '', level: '', status: '' });
  const [result, setResult] = useState<{ total: number; items: RegistryEntry[] } | null>(null);
  const action = useAction();
  const set = (key: keyof typeof q) => (e: { target: { value: string } }) => setQ((x) => ({ ...x, [key]: e.target.value }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v.trim()));
    void action.run(async () => setResult((await call<{ total: number; items: RegistryEntry[] }>('certificates', `/registry/certificates?${params}`)).body));
  };
  return (
    <>
      <h1>{t('registry.title')}</h1>
      <Section title={t('registry.search')}>
        <form onSubmit={search} className="search" data-testid="registry-form">
          <TextField label={t('registry.query')} value={q.q} onChange={set('q')} placeholder={t('registry.queryPlaceholder')} hint={t('registry.queryHint')} type="search" data-testid="registry-query" />
          <TextField label={t('registry.holder')} value={q.holder} onChange={set('holder')} />
          <TextField label={t('org.creditCode')} value={q.creditCode} onChange={set('creditCode')} />
          <TextField label={t('certificate.number')} value={q.number} onChange={set('number')} />
          <Select label={t('cases.level')} value={q.level} onChange={set('level')} options={LEVELS.map((l) => ({ value: l, label: l ? t(`level.${l}` as MessageKey) : t('registry.any') }))} />
          <Select label={t('cases.status')} value={q.status} onChange={set('status')} options={STATUSES.map((s) => ({ value: s, label: s ? t(`cert.${s}` as MessageKey) : t('registry.any') }))} />
          <ErrorBox error={action.error} />
          <button type="submit" disabled={action.busy}>
            {t('registry.searchButton')}
          </button>
        </form>
      </Section>
      {result && (
        <Section title={t('registry.results', { total: result.total })}>
          <table data-testid="registry-results">
            <thead>
              <tr>
                <th scope="col">{t('certificate.number')}</th>
                <th scope="col">{t('registry.holder')}</th>
                <th scope="col">{t('cases.level')}</th>
                <th scope="col">{t('cases.status')}</th>
                <th scope="col">{t('certificate.valid')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
                <tr key={e.number}>
                  <td>
                    <Link to={`/verify/${encodeURIComponent(e.number)}`}>{e.number}</Link>
                  </td>
                  <td>{e.holder.name}</td>
                  <td>{t(`level.${e.level}` as MessageKey)}</td>
                  <td>{t(`cert.${e.status}` as MessageKey)}</td>
                  <td>
                    {date(e.validFrom)} – {date(e.validUntil)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
    </>
  );
}
