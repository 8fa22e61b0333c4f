import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorBox, Loading, Section, TextField, useAction, useLoad } from '../ui';

export const STAFF_ROLES = ['reviewer', 'lead-reviewer', 'decision-maker', 'administrator'] as const;

export interface Qualification {
  readonly qualificationId: string;
  readonly productCategories: readonly string[];
  readonly registrationNumber: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

interface StaffEntry {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly string[];
  readonly status: string;
  readonly qualifications: readonly Qualification[];
}

/** Warn this many days before a qualification ends: time to renew it before reviews must stop. */
const WARN_DAYS = 60;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** Expired, ending within 60 days, or fine: dates are calendar days, compared as text. */
export function expiry(q: Qualification, today = new Date()): 'expired' | 'expiring' | null {
  if (q.validUntil < isoDay(today)) return 'expired';
  return q.validUntil <= isoDay(new Date(today.getTime() + WARN_DAYS * 86_400_000)) ? 'expiring' : null;
}

export function QualificationLine({ q }: { q: Qualification }) {
  const { t } = usePrefs();
  const warning = expiry(q);
  return (
    <span data-testid="qualification">
      {q.productCategories.join(', ')} · {q.registrationNumber} · {q.validFrom} – {q.validUntil}
      {warning && <strong className={warning === 'expired' ? 'error-text' : 'warning-text'}> {t(`admin.${warning}`)}</strong>}
    </span>
  );
}

/** The administrator's staff list: roles, status and qualifications with expiry warnings; adding a staff member. */
export function StaffPage() {
  const { t } = usePrefs();
  const { user, can } = useSession();
  const staff = useLoad(async () => (await call<{ staff: StaffEntry[] }>('directory', '/staff', { token: user?.token })).body.staff, [user?.id]);
  return (
    <>
      <Section title={t('admin.staff')}>
        <Loading loading={staff.loading} error={staff.error} />
        <ul className="staff" data-testid="staff-list">
          {staff.data?.map((s) => (
            <li key={s.personId} data-person={s.personId}>
              <Link to={`/staff/${encodeURIComponent(s.personId)}`}>{s.name}</Link> <small>{s.email}</small> · {s.roles.map((r) => t(`role.${r}` as never)).join(', ')}
              {s.status !== 'active' && <strong className="warning-text"> {t(`admin.status.${s.status}` as never)}</strong>}
              <ul>
                {s.qualifications.map((q) => (
                  <li key={q.qualificationId}>
                    <QualificationLine q={q} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      {can('directory', 'POST /staff') && <AddStaff onAdded={staff.reload} />}
    </>
  );
}

function AddStaff({ onAdded }: { onAdded(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [form, setForm] = useState({ name: '', email: '' });
  const [roles, setRoles] = useState<string[]>(['reviewer']);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await call('directory', '/staff', { method: 'POST', json: { ...form, roles }, token: user?.token });
      setForm({ name: '', email: '' });
      onAdded();
    });
  };
  return (
    <Section title={t('admin.addStaff')}>
      <p className="muted">{t('admin.addStaffHint')}</p>
      <form onSubmit={submit}>
        <TextField label={t('account.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        <TextField label={t('account.email')} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
        <RoleChoice roles={roles} onChange={setRoles} />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy || roles.length === 0}>
          {t('admin.addStaff')}
        </button>
      </form>
    </Section>
  );
}

export function RoleChoice({ roles, onChange, choices = STAFF_ROLES }: { roles: readonly string[]; onChange(roles: string[]): void; choices?: readonly string[] }) {
  const { t } = usePrefs();
  return (
    <fieldset>
      <legend>{t('admin.roles')}</legend>
      {choices.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" checked={roles.includes(r)} onChange={(e) => onChange(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {t(`role.${r}` as never)}
        </label>
      ))}
    </fieldset>
  );
}
