import { call } from './api';
import { consoleConfig } from './demo';
import { useSession } from './session';
import type { OrganisationView } from './types';
import { useLoad } from './ui';

/**
 * Names for the ids the services return. There is no user directory yet: people are named from the
 * signed-in user and, in demo mode, the demo users (names only are kept); an unknown id stays as is.
 */
let demoNames: Promise<ReadonlyMap<string, string>> | null = null;
function knownNames(): Promise<ReadonlyMap<string, string>> {
  demoNames ??= consoleConfig()
    .then(async (config) => (config.demo ? ((await (await fetch('/auth/demo-users')).json()) as { id: string; name: string }[]) : []))
    .then((users) => new Map(users.map((u) => [u.id, u.name])))
    .catch(() => new Map());
  return demoNames;
}

/** A function from a person's id to their name, or to the id while no name is known. */
export function usePersonName(): (id: string | null | undefined) => string {
  const { user } = useSession();
  const { data } = useLoad(knownNames, []);
  return (id) => (id ? (id === user?.id ? user.name : (data?.get(id) ?? id)) : '—');
}

const organisations = new Map<string, Promise<OrganisationView>>();

/** The organisation's registered name (its members and staff may read it), empty while loading, its id when unreadable. */
export function useOrganisationName(organisationId: string | undefined): string {
  const { user } = useSession();
  const { data, error } = useLoad(async () => {
    if (!organisationId || !user) return undefined;
    const key = `${user.id} ${organisationId}`;
    let found = organisations.get(key);
    if (!found) {
      found = call<OrganisationView>('applications', `/organisations/${encodeURIComponent(organisationId)}`, { token: user.token }).then((r) => r.body);
      found.catch(() => organisations.delete(key));
      organisations.set(key, found);
    }
    return found;
  }, [organisationId, user?.id]);
  if (!organisationId) return '—';
  return data?.name ?? (error ? organisationId : '');
}
