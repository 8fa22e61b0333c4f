import { usePrefs } from '../i18n';
import { Link, useLocation } from '../router';

/** Any address the console does not know: said plainly, with the ways on (no login needed, it shows nothing private). */
export function NotFoundPage() {
  const { t } = usePrefs();
  const { path } = useLocation();
  return (
    <section className="card not-found" data-testid="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text', { path })}</p>
      <ul className="plain">
        <li>
          <Link to="/">{t('notFound.home')}</Link>
        </li>
        <li>
          <Link to="/registry">{t('notFound.registry')}</Link>
        </li>
      </ul>
    </section>
  );
}
