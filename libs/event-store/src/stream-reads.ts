import type { Collection, Db } from 'mongodb';
import type { CommitDocument } from './types';

/**
 * How a stream's commits are read. `query`: one indexed `find({streamId})`, best on MongoDB.
 * `by-id`: a walk along the commits' primary keys (`<stream>:<first version>`), for servers that use
 * no index but the primary key: FerretDB v1 on SQLite reads the whole collection for any other
 * filter, so a stream load cost as much as the store was large.
 */
export type StreamReads = 'query' | 'by-id';

/** FerretDB says who it is in `buildInfo`; every other server gets the indexed query. */
export async function detectStreamReads(db: Db): Promise<StreamReads> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info || 'ferretdb' in info ? 'by-id' : 'query';
}

const FIRST_WINDOW = 8;
const MAX_WINDOW = 64;

/**
 * The commits of a stream in version order, by primary key: each commit names the next one
 * (`lastVersion + 1`), so the walk asks for a window of candidate ids at once (single-event commits
 * are the common case, and the keys inside a longer commit simply miss) and doubles the window while
 * the stream goes on. A commit appended during the walk may or may not be seen, as with any read; a
 * hole cannot appear, because an append needs its predecessor to exist.
 */
export async function walkStream<T extends Pick<CommitDocument, '_id' | 'lastVersion'>>(
  commits: Collection<CommitDocument>,
  streamId: string,
  projection?: Record<string, 1>,
  from: { readonly version: number; readonly window: number } = { version: 1, window: FIRST_WINDOW },
): Promise<T[]> {
  const found: T[] = [];
  let next = from.version;
  let window = from.window;
  for (;;) {
    const versions = Array.from({ length: window }, (_, i) => next + i);
    const docs = await Promise.all(versions.map((v) => commits.findOne({ _id: `${streamId}:${v}` }, projection ? { projection: { ...projection, lastVersion: 1 } } : {})));
    const byVersion = new Map(versions.map((v, i) => [v, docs[i] as T | null]));
    const windowEnd = next + window;
    while (next < windowEnd) {
      const commit = byVersion.get(next);
      if (!commit) return found;
      found.push(commit);
      next = commit.lastVersion + 1;
    }
    window = Math.min(MAX_WINDOW, window * 2);
  }
}
