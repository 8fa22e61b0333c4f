import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@gbt/event-store';

/** A list document read and written by `_id` only (ADR 0022), changed under a version guard. */
export interface VersionedList<E> {
  _id: string;
  entries: E[];
  version: number;
}

/**
 * Read, change, write guarded by the version (FerretDB's $pull takes no conditions on array
 * elements); `next` answers null when nothing changes. A writer that read an older list writes
 * nothing and reads again.
 */
export async function changeList<E>(lists: Model<VersionedList<E>>, id: string, next: (entries: E[]) => E[] | null): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const known = await lists.findById(id).lean<VersionedList<E>>();
    const entries = next(known?.entries ?? []);
    if (!entries) return;
    if (!known) {
      const created = await lists.create({ _id: id, entries, version: 1 }).then(() => true, (err: unknown) => (isDuplicateKeyError(err) ? false : Promise.reject(err)));
      if (created) return;
      continue;
    }
    const { matchedCount } = await lists.updateOne({ _id: id, version: known.version }, { $set: { entries, version: known.version + 1 } });
    if (matchedCount === 1) return;
    await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`the list ${id} kept changing under this writer`);
}
