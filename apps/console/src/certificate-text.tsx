import { certificateDates, shanghaiDate } from '@gbt/certificate-dates';
import { usePrefs, type MessageKey } from './i18n';

/**
 * A certificate's validity by the one rule (ADR 26): calendar dates in Asia/Shanghai, through the
 * end of the last day, the same whatever time zone the reader chose (the PDF, the registry, the
 * verify page and the offline verifier say the same). Takes the lifecycle's instants or dates.
 */
export function validityText(validity: { readonly validFrom: string; readonly validUntil: string }): string {
  const { validFrom, validUntil } = certificateDates(validity);
  return `${validFrom} – ${validUntil}`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/**
 * A service's reason code with its parameters in the reader's language (messages `reason.<code>`):
 * instants as their calendar date in Asia/Shanghai, levels by name, the issuing body's words as written.
 */
export function useReasonText(): (code: string, params?: Readonly<Record<string, string>>) => string {
  const { t, has } = usePrefs();
  return (code, params = {}) => {
    const words = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, (name === 'level' || name === 'previousLevel') && has(`level.${value}`) ? t(`level.${value}` as MessageKey) : INSTANT.test(value) ? shanghaiDate(value) : value]));
    const key = `reason.${code}`;
    // A code this console does not know yet (a newer service): its parameters rather than a raw key.
    return has(key) ? t(key, words) : Object.values(words).filter(Boolean).join(' · ');
  };
}
