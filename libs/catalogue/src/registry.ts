import { gbt27922v1Data } from './data/gbt27922-2011-v1';
import type { Catalogue } from './model';
import { loadCatalogue } from './validate';

export interface CatalogueRegistry {
  /** In the order given, oldest first by convention. */
  readonly versions: readonly string[];
  /** undefined for an unknown version: callers decide whether that is a 400 or a 404. */
  get(version: string): Catalogue | undefined;
}

/**
 * Catalogues published by certification bodies are added next to the default: each is validated,
 * and a version id may only be used once, because recorded scores refer to it.
 */
export function createCatalogueRegistry(catalogues: readonly unknown[]): CatalogueRegistry {
  const byVersion = new Map<string, Catalogue>();
  for (const data of catalogues) {
    const catalogue = loadCatalogue(data);
    if (byVersion.has(catalogue.version)) throw new Error(`catalogue version ${catalogue.version} is registered twice`);
    byVersion.set(catalogue.version, catalogue);
  }
  return { versions: Object.freeze([...byVersion.keys()]), get: (version) => byVersion.get(version) };
}

export const DEFAULT_CATALOGUE_VERSION = 'gbt27922-2011.v1';

// Validated when the module loads: a broken default must stop the process, not a later score.
const builtIn = createCatalogueRegistry([gbt27922v1Data]);

export const catalogueVersions: readonly string[] = builtIn.versions;

export const getCatalogue = (version: string): Catalogue | undefined => builtIn.get(version);

export const defaultCatalogue: Catalogue = requireBuiltIn(DEFAULT_CATALOGUE_VERSION);

function requireBuiltIn(version: string): Catalogue {
  const catalogue = builtIn.get(version);
  if (!catalogue) throw new Error(`built-in catalogue ${version} is missing`);
  return catalogue;
}
