import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { mayAttempt, type OperationKey, type ServiceName } from '@gbt/access-policy';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly token: string;
}

interface Session {
  readonly user: User | null;
  signIn(user: User): void;
  signOut(): void;
  has(...roles: string[]): boolean;
  /** May the user call this operation at all, by the access policy the services enforce (a holder check may still refuse)? */
  can(service: ServiceName, operation: OperationKey): boolean;
}

const SessionContext = createContext<Session | null>(null);
const KEY = 'console.session';

/** The roles and name a bearer token carries (read only for display; the services verify it). */
export function userFromToken(token: string): User {
  const bytes = Uint8Array.from(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const payload = JSON.parse(new TextDecoder().decode(bytes)) as { sub: string; name?: string; roles?: string[] };
  return { id: payload.sub, name: payload.name ?? payload.sub, roles: payload.roles ?? [], token };
}

/** The signed-in user kept in localStorage: every tab of this console shares it, and a sign-out anywhere signs out everywhere (storage events). */
const saved = (): User | null => {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as User) : null;
  } catch {
    return null;
  }
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(saved);
  useEffect(() => {
    const follow = (e: StorageEvent) => {
      if (e.key !== KEY && e.key !== null) return;
      const next = saved();
      if (!next) sessionStorage.clear();
      setUser(next);
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);
  const session = useMemo<Session>(
    () => ({
      user,
      signIn: (u) => {
        localStorage.setItem(KEY, JSON.stringify(u));
        setUser(u);
      },
      signOut: () => {
        localStorage.removeItem(KEY);
        // Form drafts may hold what this user typed: they go with the session.
        sessionStorage.clear();
        setUser(null);
      },
      has: (...roles) => !!user && user.roles.some((r) => roles.includes(r)),
      can: (service, operation) => !!user && mayAttempt(service, operation, user.roles),
    }),
    [user],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
