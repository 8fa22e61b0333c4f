import { useCallback, useEffect, useRef, useState } from 'react';
import { usePrefs, type MessageKey } from './i18n';
import { ErrorBox } from './ui';

/**
 * A command whose effect arrives later (through Kafka): sent, then received (the service answered 2xx),
 * then applied or refused once its result can be read back. The form stays locked from sending until
 * the outcome is known, so that nobody sends it twice or edits what is on its way.
 */
export type CommandPhase = 'idle' | 'sending' | 'received' | 'applied' | 'refused';

/** What reading the result back found; null while it is still on its way. */
export interface Settlement {
  readonly outcome: 'applied' | 'refused';
  /** A refusal's code, shown translated where a message exists. */
  readonly code?: string | null;
}

interface State {
  readonly phase: CommandPhase;
  readonly error: unknown;
  readonly settlement: Settlement | null;
  readonly receivedAt: number;
}

const IDLE: State = { phase: 'idle', error: null, settlement: null, receivedAt: 0 };
/** Read back quickly at first (usually a second), then every 2 s so that a loaded system is not polled hard. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, attempt < 4 ? 500 : 2_000));

export interface CommandOutcome {
  readonly phase: CommandPhase;
  readonly error: unknown;
  readonly settlement: Settlement | null;
  readonly receivedAt: number;
  /** Sending or received: the form is locked. */
  readonly locked: boolean;
  /** Sends, then reads back with `settle` until it says applied or refused; true when applied. */
  send<R>(command: () => Promise<R>, settle: (reply: R) => Promise<Settlement | null>): Promise<boolean>;
  reset(): void;
}

export function useCommandOutcome(): CommandOutcome {
  const [state, setState] = useState<State>(IDLE);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const send = useCallback(async <R,>(command: () => Promise<R>, settle: (reply: R) => Promise<Settlement | null>) => {
    setState({ ...IDLE, phase: 'sending' });
    let reply: R;
    try {
      reply = await command();
    } catch (error) {
      if (mounted.current) setState({ ...IDLE, phase: 'refused', error });
      return false;
    }
    const receivedAt = Date.now();
    if (mounted.current) setState({ ...IDLE, phase: 'received', receivedAt });
    for (let attempt = 0; mounted.current; attempt++) {
      // A failed read is no outcome: the command was received, so keep asking.
      const settlement = await settle(reply).catch(() => null);
      if (settlement) {
        if (mounted.current) setState({ phase: settlement.outcome, error: null, settlement, receivedAt });
        return settlement.outcome === 'applied';
      }
      await pause(attempt);
    }
    return false;
  }, []);
  const reset = useCallback(() => setState(IDLE), []);
  return { ...state, locked: state.phase === 'sending' || state.phase === 'received', send, reset };
}

/** One line that says where the command stands, live; a refusal's reason and the service's error beneath. */
export function CommandStatus({ outcome, applied }: { outcome: CommandOutcome; applied?: string }) {
  const { t, has } = usePrefs();
  const [now, setNow] = useState(Date.now());
  const waiting = outcome.phase === 'received';
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [waiting]);
  if (outcome.phase === 'idle') return null;
  const code = outcome.settlement?.code ?? '';
  const why = code && has(`error.${code}`) ? t(`error.${code}` as MessageKey) : code;
  const text = {
    sending: t('outcome.sending'),
    received: t('outcome.received', { seconds: Math.max(0, Math.round((now - outcome.receivedAt) / 1000)) }),
    applied: applied ?? t('outcome.applied'),
    refused: why ? t('outcome.refusedWhy', { why }) : t('outcome.refused'),
  }[outcome.phase];
  return (
    <div className={`outcome outcome-${outcome.phase}`} data-testid="command-status" data-phase={outcome.phase}>
      <p role="status" aria-live="polite">
        <span className="outcome-mark" aria-hidden="true" /> {text}
      </p>
      <ErrorBox error={outcome.error} />
    </div>
  );
}
