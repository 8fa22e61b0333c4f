import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { mayAttempt, type OperationKey, type ServiceName } from '@gbt/access-policy';
import { ApiError, call, onRefusedToken } from './api';
import { RefreshRefused, SessionTokens, type Access, type DirectoryTokens } from './session-tokens';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  /** The current access token (5 minutes; renewed by the session). */
  readonly token: string;
}

interface Session {
  readonly user: User | null;
  /** A kept sign-in is being resumed after a page load: not signed in yet, not signed out either. */
  readonly resuming: boolean;
  /** Hold the tokens of a directory sign-in (password, TOTP enrolment, registration, invitation, demo). */
  signIn(tokens: DirectoryTokens): void;
  signOut(): void;
  has(...roles: string[]): boolean;
  /** May the user call this operation at all, by the access policy the services enforce (a holder check may still refuse)? */
  can(service: ServiceName, operation: OperationKey): boolean;
}

const SessionContext = createContext<Session | null>(null);
/**
 * The refresh token in localStorage, the access token in memory only (ADR 0028, the console's
 * session): every tab of this console shares the sign-in, and a sign-out anywhere ends it everywhere.
 */
const KEY = 'console.refresh';

const userOf = (access: Access | null): User | null => (access ? { ...access.person, token: access.token } : null);

const listeners = new Set<(access: Access | null) => void>();
/** One per page: the timers and the 401 hook outlive renders. */
const tokens = new SessionTokens({
  refresh: async (refreshToken) => {
    try {
      return (await call<DirectoryTokens>('directory', '/auth/refresh', { method: 'POST', json: { refreshToken } })).body;
    } catch (err) {
      throw err instanceof ApiError && err.status >= 400 && err.status < 500 ? new RefreshRefused(err.code ?? String(err.status)) : err;
    }
  },
  store: {
    read: () => localStorage.getItem(KEY),
    write: (token) => (token === null ? localStorage.removeItem(KEY) : localStorage.setItem(KEY, token)),
  },
  // Web Locks span the tabs of this origin; without them (old browsers) a tab refreshes alone.
  exclusive: <T,>(run: () => Promise<T>): Promise<T> => (navigator.locks ? (navigator.locks.request('console.refresh', run) as Promise<T>) : run()),
  now: () => Date.now(),
  schedule: (ms, run) => {
    const timer = window.setTimeout(run, ms);
    return () => window.clearTimeout(timer);
  },
  changed: (access) => listeners.forEach((l) => l(access)),
});
onRefusedToken((stale) => tokens.renew(stale));

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => userOf(tokens.current()));
  const [resuming, setResuming] = useState(() => !tokens.current() && tokens.resumable());
  useEffect(() => {
    const follow = (access: Access | null) => {
      setUser(userOf(access));
      setResuming(false);
    };
    listeners.add(follow);
    if (!tokens.current() && tokens.resumable()) void tokens.renew();
    const otherTab = (e: StorageEvent) => {
      if (e.key !== KEY && e.key !== null) return;
      if (localStorage.getItem(KEY) === null) sessionStorage.clear();
      tokens.storeCleared();
    };
    window.addEventListener('storage', otherTab);
    return () => {
      listeners.delete(follow);
      window.removeEventListener('storage', otherTab);
    };
  }, []);
  const session = useMemo<Session>(
    () => ({
      user,
      resuming,
      signIn: (t) => tokens.start(t),
      signOut: () => {
        const refreshToken = tokens.end();
        // Ends the sign-in at the directory too (its access token dies within its minutes); signed out here whatever it answers.
        if (refreshToken) void call('directory', '/auth/sign-out', { method: 'POST', json: { refreshToken } }).catch(() => undefined);
        // Form drafts may hold what this user typed: they go with the session.
        sessionStorage.clear();
      },
      has: (...roles) => !!user && user.roles.some((r) => roles.includes(r)),
      can: (service, operation) => !!user && mayAttempt(service, operation, user.roles),
    }),
    [user, resuming],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
