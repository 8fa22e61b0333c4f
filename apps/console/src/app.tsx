import { useEffect, type ReactNode } from 'react';
import { usePrefs, ZONES, type Lang } from './i18n';
import { DemoMailsPage } from './account/demo-mails';
import { InvitationPage } from './account/invitation';
import { MembersPage } from './account/members';
import { MyAccountPage } from './account/my-account';
import { OidcCallbackPage } from './account/oidc';
import { PasswordResetPage } from './account/password-reset';
import { RegisterPage } from './account/register';
import { PersonPage } from './admin/person';
import { StaffPage } from './admin/staff';
import { AuditPlansPage } from './audit/audit-plans-page';
import { CasePage } from './case/case-page';
import { ComplaintFormPage } from './complaints/complaint-form';
import { ComplaintPage } from './complaints/complaint-page';
import { ComplaintsPage } from './complaints/complaints-page';
import { DemoBanner } from './demo';
import { HomePage } from './pages/home';
import { NewApplicationPage } from './pages/new-application';
import { NotFoundPage } from './pages/not-found';
import { OrganisationPage } from './pages/organisation';
import { QueuesPage } from './pages/queues';
import { RegistryPage } from './pages/registry';
import { AppealsPage } from './pages/appeals';
import { ReportsPage } from './pages/reports';
import { SignInPage } from './pages/signin';
import { TaskPage } from './pages/task';
import { VerifyPage } from './pages/verify';
import { Link, match, navigate, useLocation } from './router';
import { useSession } from './session';

/** Pages that need no login: the public directory and certificate verification (and the not-found page). */
const PUBLIC = ['/registry', '/verify/:number', '/complaints/new', '/signin', '/register', '/password-reset', '/invitation', '/demo/mails', '/oidc/callback'];

/** The page for a path, or null when the console has none (the 404 page, login or not). */
function route(path: string): ReactNode | null {
  let p: Record<string, string> | null;
  if ((p = match('/cases/:id', path))) return <CasePage key={p.id} caseId={p.id} />;
  if ((p = match('/cases/:id/audit-plans', path))) return <AuditPlansPage key={p.id} caseId={p.id} />;
  if ((p = match('/tasks/:id', path))) return <TaskPage key={p.id} taskId={p.id} />;
  if ((p = match('/verify/:number', path))) return <VerifyPage key={p.number} number={p.number} />;
  if (match('/registry', path)) return <RegistryPage />;
  if (match('/complaints/new', path)) return <ComplaintFormPage />;
  if ((p = match('/complaints/:reference', path))) return <ComplaintPage key={p.reference} reference={p.reference} />;
  if (match('/complaints', path)) return <ComplaintsPage />;
  if (match('/queues', path)) return <QueuesPage />;
  if (match('/reports', path)) return <ReportsPage />;
  if (match('/appeals', path)) return <AppealsPage />;
  if (match('/organisations/new', path)) return <OrganisationPage />;
  if (match('/applications/new', path)) return <NewApplicationPage />;
  if (match('/signin', path)) return <SignInPage />;
  if (match('/register', path)) return <RegisterPage />;
  if (match('/password-reset', path)) return <PasswordResetPage />;
  if (match('/invitation', path)) return <InvitationPage />;
  if (match('/oidc/callback', path)) return <OidcCallbackPage />;
  if (match('/demo/mails', path)) return <DemoMailsPage />;
  if ((p = match('/staff/:id', path))) return <PersonPage key={p.id} personId={p.id} />;
  if (match('/staff', path)) return <StaffPage />;
  if (match('/members', path)) return <MembersPage />;
  if (match('/account', path)) return <MyAccountPage />;
  if (match('/', path)) return <HomePage />;
  return null;
}

function Preferences() {
  const { t, lang, setLang, zone, setZone } = usePrefs();
  return (
    <div className="prefs">
      <label>
        {t('prefs.language')}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language">
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t('prefs.zone')}{' '}
        <select value={zone} onChange={(e) => setZone(e.target.value)}>
          {ZONES.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function App() {
  const { t, lang } = usePrefs();
  const { user, resuming, signOut, has, can } = useSession();
  const { path } = useLocation();
  const page = route(path);
  const isPublic = page === null || PUBLIC.some((p) => match(p, path));
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  useEffect(() => {
    if (!user && !resuming && !isPublic) navigate(`/signin?next=${encodeURIComponent(path)}`);
  }, [user, resuming, isPublic, path]);
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <DemoBanner />
      <header className="top">
        <strong className="brand">{t('app.title')}</strong>
        <nav aria-label={t('nav.label')}>
          {user && <Link to="/">{t('nav.home')}</Link>}
          {user && has('applicant') && <Link to="/organisations/new">{t('nav.organisation')}</Link>}
          {user && has('applicant') && <Link to="/applications/new">{t('nav.application')}</Link>}
          {user && has('reviewer', 'lead-reviewer', 'administrator') && <Link to="/queues">{t('nav.queues')}</Link>}
          {user && can('certificates', 'GET /reports/monthly') && <Link to="/reports">{t('nav.reports')}</Link>}
          {user && can('certificates', 'GET /complaints') && <Link to="/complaints">{t('nav.complaints')}</Link>}
          {user && can('certificates', 'GET /appeals') && <Link to="/appeals">{t('nav.appeals')}</Link>}
          {user && has('applicant') && <Link to="/members">{t('nav.members')}</Link>}
          {user && can('directory', 'GET /staff') && <Link to="/staff">{t('nav.staff')}</Link>}
          <Link to="/registry">{t('nav.registry')}</Link>
        </nav>
        <Preferences />
        {user ? (
          <div className="who">
            <Link to="/account">
              <span data-testid="signed-in-as">{user.name}</span>
            </Link>{' '}
            <button type="button" onClick={() => (signOut(), navigate('/signin'))}>
              {t('nav.signout')}
            </button>
          </div>
        ) : (
          <Link to="/signin">{t('nav.signin')}</Link>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {page === null ? <NotFoundPage /> : user || isPublic ? page : null}
      </main>
    </>
  );
}
