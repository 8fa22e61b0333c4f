import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { EN } from './messages-en';
import { ZH } from './messages-zh';

export type Lang = 'zh-CN' | 'en';
export type MessageKey = keyof typeof ZH;
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': ZH, en: EN };
export const ZONES = ['Asia/Shanghai', 'UTC', 'Europe/London', 'America/New_York'] as const;

export interface Prefs {
  readonly lang: Lang;
  readonly zone: string;
  setLang(lang: Lang): void;
  setZone(zone: string): void;
  /** A message with {name} placeholders filled in. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Whether a message exists (e.g. for a service's error code). */
  has(key: string): key is MessageKey;
  /** An instant as date and time in the chosen zone. */
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  /** Catalogue texts come in both languages. */
  pick(text: { zh: string; en: string } | undefined): string;
}

const PrefsContext = createContext<Prefs | null>(null);
const stored = (key: string) => (typeof localStorage === 'undefined' ? null : localStorage.getItem(key));

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (stored('console.lang') === 'en' ? 'en' : 'zh-CN'));
  const [zone, setZoneState] = useState<string>(() => stored('console.zone') ?? 'Asia/Shanghai');
  const prefs = useMemo<Prefs>(() => {
    const dict = DICTIONARIES[lang];
    // ISO order in both languages (2026-12-01, never 12/01/2026): the parts in the chosen zone, put in order by hand.
    const dt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const iso = (at: Date) => Object.fromEntries(dt.formatToParts(at).map((p) => [p.type, p.value])) as Record<Intl.DateTimeFormatPartTypes, string>;
    const isoDate = (at: Date) => ((p) => `${p.year}-${p.month}-${p.day}`)(iso(at));
    const isoDateTime = (at: Date) => ((p) => `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`)(iso(at));
    return {
      lang,
      zone,
      setLang: (next) => {
        localStorage.setItem('console.lang', next);
        document.documentElement.lang = next;
        setLangState(next);
      },
      setZone: (next) => {
        localStorage.setItem('console.zone', next);
        setZoneState(next);
      },
      t: (key, vars = {}) => (dict[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)),
      has: (key): key is MessageKey => key in dict,
      dateTime: (at) => (at ? isoDateTime(new Date(at)) : '—'),
      date: (at) => (at ? isoDate(new Date(at)) : '—'),
      pick: (text) => (text ? (lang === 'en' ? text.en : text.zh) : ''),
    };
  }, [lang, zone]);
  return <PrefsContext.Provider value={prefs}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const prefs = useContext(PrefsContext);
  if (!prefs) throw new Error('usePrefs outside PrefsProvider');
  return prefs;
}
