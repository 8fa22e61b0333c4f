import { useEffect, useState } from 'react';
import { usePrefs } from './i18n';

/** What the console server says about itself (GET /auth/config). */
export interface ConsoleConfig {
  /** Demo mode: the server hands out every demo user's token, the administrator's included. */
  readonly demo: boolean;
}

let asked: Promise<ConsoleConfig> | null = null;

/** Asks the console server once per page load; when it cannot say, demo mode is taken as off. */
export function consoleConfig(): Promise<ConsoleConfig> {
  asked ??= fetch('/auth/config', { headers: { accept: 'application/json' } })
    .then((reply) => (reply.ok ? (reply.json() as Promise<{ demo?: unknown }>) : { demo: false }))
    .then((config) => ({ demo: config.demo === true }))
    .catch(() => ({ demo: false }));
  return asked;
}

/** The console's configuration, or null while it is being asked for. */
export function useConsoleConfig(): ConsoleConfig | null {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  useEffect(() => {
    let live = true;
    void consoleConfig().then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, []);
  return config;
}

/** On every page while demo mode is on: anyone can take any demo user's token, so no real data belongs here. */
export function DemoBanner() {
  const { t } = usePrefs();
  const config = useConsoleConfig();
  if (!config?.demo) return null;
  return (
    <div className="demo-banner" role="note" aria-label={t('demo.label')} data-testid="demo-banner">
      <strong>{t('demo.title')}</strong>
      {t('demo.text')}
    </div>
  );
}
