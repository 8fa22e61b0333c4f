import { useState, type FormEvent, type ReactNode } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorBox, Loading, Section, Select, TextField, useAction, useLoad } from '../ui';
import { QualificationLine, RoleChoice, STAFF_ROLES, type Qualification } from './staff';

export interface Relation {
  readonly relationId: string;
  readonly organisationId: string;
  readonly kind: string;
  readonly description?: string;
  readonly from: string;
  readonly until?: string;
}

export interface Person {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly string[];
  readonly status: string;
  readonly qualifications: Readonly<Record<string, Qualification>>;
  readonly relations: Readonly<Record<string, Relation>>;
}

interface Change {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly data: Record<string, unknown>;
}

const RELATION_KINDS = ['employment', 'consultancy', 'family', 'shareholding', 'other'] as const;

/** One person for the administrator: roles, status, qualifications, declared relations, and who changed what when. */
export function PersonPage({ personId }: { personId: string }) {
  const { t, dateTime } = usePrefs();
  const { user, can } = useSession();
  const path = `/people/${encodeURIComponent(personId)}`;
  const person = useLoad(async () => (await call<Person>('directory', path, { token: user?.token })).body, [personId, user?.id]);
  const history = useLoad(async () => (await call<Change[]>('directory', `${path}/history`, { token: user?.token })).body, [personId, user?.id, person.data]);
  const p = person.data;
  const editable = p && p.status !== 'removed';
  return (
    <>
      <p>
        <Link to="/staff">{t('admin.staff')}</Link>
      </p>
      <Loading loading={person.loading && !p} error={person.error} />
      {p && (
        <Section title={p.name}>
          <p data-testid="person-status">
            {p.email} · {t(`admin.status.${p.status}` as never)} · {p.roles.map((r) => t(`role.${r}` as never)).join(', ')}
          </p>
          {editable && can('directory', 'PUT /people/{personId}/roles') && <Roles path={path} roles={p.roles} done={person.reload} />}
          {editable && can('directory', 'POST /people/{personId}/disable') && <Status path={path} status={p.status} done={person.reload} />}
        </Section>
      )}
      {p && (
        <Section title={t('admin.qualifications')}>
          <ul>
            {Object.values(p.qualifications).map((q) => (
              <li key={q.qualificationId}>
                <QualificationLine q={q} />
                {editable && can('directory', 'POST /people/{personId}/qualifications/{qualificationId}/withdrawal') && (
                  <WithReason label={t('admin.withdraw')} path={`${path}/qualifications/${q.qualificationId}/withdrawal`} done={person.reload} />
                )}
              </li>
            ))}
          </ul>
          {editable && p.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)) && can('directory', 'POST /people/{personId}/qualifications') && <RecordQualification path={path} done={person.reload} />}
        </Section>
      )}
      {p && (
        <Section title={t('admin.relations')}>
          <ul>
            {Object.values(p.relations).map((r) => (
              <li key={r.relationId}>
                {r.organisationId} · {t(`admin.relation.${r.kind}` as never)} · {r.from} – {r.until ?? '…'} {r.description && <small>{r.description}</small>}
                {editable && can('directory', 'POST /people/{personId}/relations/{relationId}/retraction') && (
                  <WithReason label={t('admin.retract')} path={`${path}/relations/${r.relationId}/retraction`} done={person.reload} />
                )}
              </li>
            ))}
          </ul>
          {editable && can('directory', 'POST /people/{personId}/relations') && <DeclareRelation path={path} done={person.reload} />}
        </Section>
      )}
      <Section title={t('admin.history')}>
        <Loading loading={history.loading && !history.data} error={history.error} />
        <ol className="history" data-testid="person-history">
          {history.data?.map((c) => (
            <li key={c.version}>
              {dateTime(c.occurredAt)} · <strong>{t(`admin.event.${c.type}` as never)}</strong> · {t('admin.by', { who: c.actor.id })}
              {typeof c.data.reason === 'string' && <q>{c.data.reason}</q>}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}

/** A form posting to the directory with the user's token, then reloading the person. */
function useChange(done: () => void) {
  const { user } = useSession();
  const action = useAction();
  const send = (method: string, path: string, json: unknown, after?: () => void) =>
    void action.run(async () => {
      await call('directory', path, { method, json, token: user?.token });
      after?.();
      done();
    });
  return { ...action, send };
}

function Form({ onSubmit, error, busy, label, children }: { onSubmit(): void; error: unknown; busy: boolean; label: string; children: ReactNode }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} className="inline-form">
      {children}
      <ErrorBox error={error} />
      <button type="submit" disabled={busy}>
        {label}
      </button>
    </form>
  );
}

function Roles({ path, roles, done }: { path: string; roles: readonly string[]; done(): void }) {
  const { t } = usePrefs();
  const [chosen, setChosen] = useState<string[]>([...roles]);
  const change = useChange(done);
  return (
    <Form label={t('admin.saveRoles')} error={change.error} busy={change.busy} onSubmit={() => change.send('PUT', `${path}/roles`, { roles: chosen })}>
      <RoleChoice roles={chosen} onChange={setChosen} choices={['applicant', ...STAFF_ROLES]} />
    </Form>
  );
}

function Status({ path, status, done }: { path: string; status: string; done(): void }) {
  const { t } = usePrefs();
  const change = useChange(done);
  return (
    <>
      {status === 'disabled' ? (
        <Form label={t('admin.enable')} error={change.error} busy={change.busy} onSubmit={() => change.send('POST', `${path}/enable`, {})}>
          {null}
        </Form>
      ) : (
        <WithReason label={t('admin.disable')} path={`${path}/disable`} done={done} />
      )}
      <WithReason label={t('admin.remove')} path={`${path}/removal`} done={done} />
    </>
  );
}

/** Disabling, removing, withdrawing and retracting say why: the reason goes into the person's history. */
function WithReason({ label, path, done }: { label: string; path: string; done(): void }) {
  const { t } = usePrefs();
  const [reason, setReason] = useState('');
  const change = useChange(done);
  return (
    <Form label={label} error={change.error} busy={change.busy} onSubmit={() => change.send('POST', path, { reason }, () => setReason(''))}>
      <TextField label={t('action.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
    </Form>
  );
}

function RecordQualification({ path, done }: { path: string; done(): void }) {
  const { t } = usePrefs();
  const empty = { productCategories: '', registrationNumber: '', validFrom: '', validUntil: '' };
  const [form, setForm] = useState(empty);
  const change = useChange(done);
  const field = (name: keyof typeof empty) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }), required: true, 'data-testid': `qualification-${name}` });
  const json = { ...form, productCategories: form.productCategories.split(/[,，]/).map((c) => c.trim()).filter(Boolean) };
  return (
    <Form label={t('admin.recordQualification')} error={change.error} busy={change.busy} onSubmit={() => change.send('POST', `${path}/qualifications`, json, () => setForm(empty))}>
      <TextField label={t('app.products')} hint={t('app.listHint')} {...field('productCategories')} />
      <TextField label={t('admin.registrationNumber')} {...field('registrationNumber')} />
      <TextField label={t('admin.validFrom')} type="date" {...field('validFrom')} />
      <TextField label={t('admin.validUntil')} type="date" {...field('validUntil')} />
    </Form>
  );
}

export function DeclareRelation({ path, done }: { path: string; done(): void }) {
  const { t } = usePrefs();
  const empty = { organisationId: '', kind: 'employment', description: '', from: '', until: '' };
  const [form, setForm] = useState(empty);
  const change = useChange(done);
  const set = (name: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const json = { organisationId: form.organisationId, kind: form.kind, from: form.from, ...(form.description ? { description: form.description } : {}), ...(form.until ? { until: form.until } : {}) };
  return (
    <Form label={t('admin.declareRelation')} error={change.error} busy={change.busy} onSubmit={() => change.send('POST', `${path}/relations`, json, () => setForm(empty))}>
      <TextField label={t('cases.organisation')} value={form.organisationId} onChange={set('organisationId')} required />
      <Select label={t('admin.relationKind')} value={form.kind} onChange={set('kind')} options={RELATION_KINDS.map((k) => ({ value: k, label: t(`admin.relation.${k}` as never) }))} />
      <TextField label={t('admin.relationNote')} value={form.description} onChange={set('description')} />
      <TextField label={t('admin.validFrom')} type="date" value={form.from} onChange={set('from')} required />
      <TextField label={t('admin.validUntil')} type="date" value={form.until} onChange={set('until')} />
    </Form>
  );
}
