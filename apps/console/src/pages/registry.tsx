import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { validityText } from '../certificate-text';
import { usePrefs, type MessageKey } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import type { RegistryEntry } from '../types';
import { Loading, Section, Select, TextField, useLoad } from '../ui';

const LEVELS = ['', 'compliant', 'three-star', 'four-star', 'five-star'];
const STATUSES = ['', 'valid', 'suspended', 'withdrawn', 'cancelled', 'expired', 'superseded'];
const FIELDS = ['q', 'holder', 'creditCode', 'number', 'level', 'status'] as const;
type Query = Record<(typeof FIELDS)[number], string>;

/** The search as the address holds it: back and forward, reload and a shared link show the same results. */
const queryOf = (params: URLSearchParams): Query => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Query;
const searchOf = (q: Query) => new URLSearchParams(Object.entries(q).filter(([, v]) => v.trim())).toString();

/** The public directory of certificates: no login. */
export function RegistryPage() {
  const { t } = usePrefs();
  const { query } = useLocation();
  const searched = searchOf(queryOf(query));
  const [q, setQ] = useState<Query>(() => queryOf(query));
  // A search is in the address once made (?searched=1 for an empty one, which lists everything).
  const active = query.has('searched') || searched !== '';
  const result = useLoad(async () => (active ? (await call<{ total: number; items: RegistryEntry[] }>('certificates', `/registry/certificates?${searched}`)).body : null), [searched, active]);
  const set = (key: keyof Query) => (e: { target: { value: string } }) => setQ((x) => ({ ...x, [key]: e.target.value }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    const next = searchOf(q);
    navigate(`/registry?${next || 'searched=1'}`);
    if (next === searched) result.reload();
  };
  const items = result.data?.items ?? [];
  return (
    <>
      <h1>{t('registry.title')}</h1>
      <p>
        <Link to="/complaints/new?kind=body">{t('complaint.fileAboutBody')}</Link>
      </p>
      <Section title={t('registry.search')}>
        <form onSubmit={search} className="search" data-testid="registry-form">
          <TextField label={t('registry.query')} value={q.q} onChange={set('q')} placeholder={t('registry.queryPlaceholder')} hint={t('registry.queryHint')} type="search" data-testid="registry-query" />
          <TextField label={t('registry.holder')} value={q.holder} onChange={set('holder')} />
          <TextField label={t('org.creditCode')} value={q.creditCode} onChange={set('creditCode')} />
          <TextField label={t('certificate.number')} value={q.number} onChange={set('number')} />
          <Select label={t('cases.level')} value={q.level} onChange={set('level')} options={LEVELS.map((l) => ({ value: l, label: l ? t(`level.${l}` as MessageKey) : t('registry.any') }))} />
          <Select label={t('cases.status')} value={q.status} onChange={set('status')} options={STATUSES.map((s) => ({ value: s, label: s ? t(`cert.${s}` as MessageKey) : t('registry.any') }))} />
          <Loading loading={false} error={result.error} />
          <button type="submit" disabled={result.loading && active}>
            {t('registry.searchButton')}
          </button>
        </form>
      </Section>
      {result.data && (
        <Section title={t('registry.results', { total: result.data.total })}>
          <table data-testid="registry-results" className="registry-table">
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
              {items.map((e) => (
                <tr key={e.number}>
                  <td>
                    <Link to={`/verify/${encodeURIComponent(e.number)}`}>{e.number}</Link>
                  </td>
                  <td>{e.holder.name}</td>
                  <td>{t(`level.${e.level}` as MessageKey)}</td>
                  <td>{t(`cert.${e.status}` as MessageKey)}</td>
                  <td>
                    {validityText(e)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* The same results as cards for a phone's width (styles.css shows one or the other). */}
          <ul className="registry-results" data-testid="registry-cards">
            {items.map((e) => (
              <li key={e.number}>
                <Link to={`/verify/${encodeURIComponent(e.number)}`}>{e.number}</Link>
                <br />
                <strong>{e.holder.name}</strong>
                <br />
                {t(`level.${e.level}` as MessageKey)} · {t(`cert.${e.status}` as MessageKey)} · {validityText(e)}
                <br />
                <Link to={`/complaints/new?certificate=${encodeURIComponent(e.number)}`}>{t('complaint.fileAbout')}</Link>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}
