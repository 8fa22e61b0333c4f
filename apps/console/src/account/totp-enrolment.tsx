import { useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { call } from '../api';
import { usePrefs } from '../i18n';
import type { DirectoryTokens } from '../session-tokens';
import { ErrorBox, Loading, TextField, useAction, useLoad } from '../ui';

type Started = { secret: string; otpauthUri: string };
/**
 * One enrolment start per ticket: each start makes the directory draw a new secret, so a second
 * start (a remount, React's strict mode running effects twice) would leave the page showing a
 * secret the directory no longer expects.
 */
const starts = new Map<string, Promise<Started>>();
const startOnce = (ticket: string): Promise<Started> => {
  let started = starts.get(ticket);
  if (!started) {
    started = call<Started>('directory', '/auth/totp-enrolment', { method: 'POST', json: { ticket } }).then((reply) => reply.body);
    started.catch(() => starts.delete(ticket));
    starts.set(ticket, started);
  }
  return started;
};

/** Enrolling an authenticator app with the directory's ticket: the secret as a QR code and as text, then a code from the app confirms it and signs in. */
export function TotpEnrolment({ ticket, onSignedIn }: { ticket: string; onSignedIn(tokens: DirectoryTokens): void }) {
  const { t } = usePrefs();
  const started = useLoad(() => startOnce(ticket), [ticket]);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const confirm = useAction();
  useEffect(() => {
    if (started.data) void QRCode.toDataURL(started.data.otpauthUri, { margin: 1, width: 200 }).then(setQr, () => setQr(null));
  }, [started.data]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void confirm.run(async () => onSignedIn((await call<DirectoryTokens>('directory', '/auth/totp-enrolment/confirmation', { method: 'POST', json: { ticket, code } })).body));
  };
  return (
    <div data-testid="totp-enrolment">
      <p>{t('account.enrolHint')}</p>
      <Loading loading={started.loading} error={started.error} />
      {started.data && (
        <>
          {qr && <img src={qr} alt={t('account.qrAlt')} width={200} height={200} />}
          <p>
            {t('account.secret')} <code data-testid="totp-secret">{started.data.secret}</code>
          </p>
          <p className="muted wrap-anywhere">
            <code data-testid="totp-uri">{started.data.otpauthUri}</code>
          </p>
          <form onSubmit={submit}>
            <TextField label={t('account.totpCode')} value={code} onChange={(e) => setCode(e.target.value.trim())} inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required data-testid="totp-code" />
            <ErrorBox error={confirm.error} />
            <button type="submit" disabled={confirm.busy}>
              {t('account.confirmEnrol')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
