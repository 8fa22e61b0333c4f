import type { Catalogue, RequirementNotes } from '../../model';
import { customerServiceNotes } from './customer-service-notes';
import { productServiceNotes } from './product-service-notes';
import { serviceManagementNotes } from './service-management-notes';
import { serviceStructureNotes } from './service-structure-notes';

/** Guidance and evaluator notes of the default catalogue's requirements, by requirement id. */
export const defaultRequirementNotes: Readonly<Record<string, RequirementNotes>> = {
  ...serviceStructureNotes,
  ...serviceManagementNotes,
  ...productServiceNotes,
  ...customerServiceNotes,
};

/**
 * The catalogue with each requirement's notes set from `notes`. Notes for an id the catalogue does
 * not have are a mistake in the data (a renumbered requirement would silently lose its notes).
 */
export function withNotes(catalogue: Catalogue, notes: Readonly<Record<string, RequirementNotes>>): Catalogue {
  const ids = new Set(catalogue.categories.flatMap((c) => c.indicators.flatMap((i) => i.requirements.map((r) => r.id))));
  const unknown = Object.keys(notes).filter((id) => !ids.has(id));
  if (unknown.length > 0) throw new Error(`notes for requirements not in catalogue ${catalogue.version}: ${unknown.join(', ')}`);
  return {
    ...catalogue,
    categories: catalogue.categories.map((category) => ({
      ...category,
      indicators: category.indicators.map((indicator) => ({
        ...indicator,
        requirements: indicator.requirements.map((r) => (notes[r.id] ? { ...r, notes: notes[r.id] } : r)),
      })),
    })),
  };
}
