import type { EventEnvelope, EventMetadata } from '@gbt/contracts';

export interface NewEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** No stream yet: the first append must expect version 0. */
export const NO_STREAM = 0;

export interface AppendOptions extends EventMetadata {
  /** The stream version the caller based its decision on; NO_STREAM for a new stream. */
  readonly expectedVersion: number;
  /** When the events happened: from the command's clock, never read inside the domain. */
  readonly occurredAt: Date;
  /**
   * The stream's head as the caller has just read it (null: no stream yet), when the caller read
   * the stream to decide: the store then skips its own read, a full scan on FerretDB. Safe because
   * any commit made since that read starts at the same version as this one and collides on the key.
   */
  readonly readHead?: { readonly lastVersion: number; readonly position: number } | null;
}

export interface AppendResult {
  readonly streamId: string;
  readonly firstVersion: number;
  readonly nextExpectedVersion: number;
  readonly position: number;
  readonly events: readonly EventEnvelope[];
}

/** An event as read back: upcast to the current schema, with its place in the global order. */
export type StoredEvent = EventEnvelope & { readonly position: number };

/** One append = one document: the events and their "to be published" marker are written together. */
export interface CommitDocument {
  _id: string;
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  position: number;
  pending: boolean;
  committedAt: Date;
  events: Omit<EventEnvelope, 'streamId'>[];
}

/**
 * The claim of one global position, in the store's `<prefix>_positions` collection under `_id`
 * {@link positionId}(position): written before its commit, with a copy of it, so positions are
 * found by primary key and a commit whose writer died after claiming can be completed (ADR 0022).
 */
export interface PositionClaim {
  _id: string;
  /** The `_id` of the commit that holds this position, if its insert succeeded (a lost race leaves the claim dead). */
  commitId: string;
  claimedAt: Date;
  commit: CommitDocument;
}

/** The `_id` of a position's claim: zero-padded, so the ids also sort as the positions do. */
export const positionId = (position: number): string => String(position).padStart(12, '0');

/** What an append tells its listeners: the commit as written and where its stream stood before it. */
export interface AppendedCommit {
  readonly commit: CommitDocument;
  /** Position of the stream's previous commit; 0 for a new stream. */
  readonly previousPosition: number;
}
