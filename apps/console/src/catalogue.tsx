import { call } from './api';
import { useLoad } from './ui';

export interface Localised {
  readonly zh: string;
  readonly en: string;
}
export interface Requirement {
  readonly id: string;
  readonly name: Localised;
  readonly text: Localised;
  readonly points: number;
  readonly scored: boolean;
  readonly method: string;
  readonly evidence: readonly Localised[];
}
export interface Catalogue {
  readonly version: string;
  readonly title: Localised;
  readonly categories: readonly { id: string; name: Localised; totalPoints: number; indicators: readonly { id: string; name: Localised; requirements: readonly Requirement[] }[] }[];
}

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
