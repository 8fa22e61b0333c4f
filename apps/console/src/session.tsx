import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => {
    const saved = sessionStorage.getItem(KEY);
    return saved ? (JSON.parse(saved) as User) : null;
  });
  const session = useMemo<Session>(
    () => ({
      user,
      signIn: (u) => {
        sessionStorage.setItem(KEY, JSON.stringify(u));
        setUser(u);
      },
      signOut: () => {
        sessionStorage.removeItem(KEY);
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
