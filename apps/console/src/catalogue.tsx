import { call } from './api';
import { useLoad } from './ui';

// The scoring service serves the catalogue as libs/catalogue models it: the console takes the types
// from there (types only; nothing of the library reaches the browser bundle).
export type { Catalogue, Localised, Requirement } from '@gbt/catalogue-model';
import type { Catalogue, Requirement } from '@gbt/catalogue-model';

const cache = new Map<string, Promise<Catalogue>>();

/** A published catalogue version (public, never changes), loaded once. */
export function loadCatalogue(version: string): Promise<Catalogue> {
  let found = cache.get(version);
  if (!found) {
    found = call<Catalogue>('scoring', `/catalogues/${encodeURIComponent(version)}`).then((r) => r.body);
    found.catch(() => cache.delete(version));
    cache.set(version, found);
  }
  return found;
}

export function requirementsOf(catalogue: Catalogue | undefined): Map<string, Requirement> {
  return new Map((catalogue?.categories ?? []).flatMap((c) => c.indicators.flatMap((i) => i.requirements.map((r) => [r.id, r] as const))));
}

export function useCatalogue(version: string | undefined) {
  const { data } = useLoad(() => (version ? loadCatalogue(version) : Promise.resolve(undefined)), [version]);
  return { catalogue: data, requirements: requirementsOf(data) };
}
