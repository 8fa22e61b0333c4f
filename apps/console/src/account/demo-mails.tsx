import { call } from '../api';
import { usePrefs } from '../i18n';
import { Link } from '../router';
import { Loading, Section, useLoad } from '../ui';

interface Mail {
  readonly _id: string;
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly link: string | null;
  readonly createdAt: string;
}

/** Demo mode: the mails the directory would have sent (invitations, password resets), newest first, so a demo user can follow their links. */
export function DemoMailsPage() {
  const { t, dateTime } = usePrefs();
  const mails = useLoad(async () => (await call<{ mails: Mail[] }>('directory', '/demo/mails?limit=50')).body.mails, []);
  // The link names the console the directory was told of; this console's own address serves the same page.
  const here = (link: string) => {
    const url = new URL(link);
    return url.pathname + url.search;
  };
  return (
    <Section title={t('mails.title')}>
      <p className="muted">{t('mails.hint')}</p>
      <Loading loading={mails.loading} error={mails.error} />
      {mails.data?.length === 0 && <p>{t('mails.none')}</p>}
      <ul className="mails" data-testid="demo-mails">
        {mails.data?.map((m) => (
          <li key={m._id} data-to={m.to}>
            <strong>{m.subject}</strong> → {m.to} <small>{dateTime(m.createdAt)}</small>
            <pre className="wrap-anywhere">{m.text}</pre>
            {m.link && <Link to={here(m.link)}>{t('mails.open')}</Link>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
