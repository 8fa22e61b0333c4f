import type { CommitDocument, StoredEvent } from './types';

/** A stream as last read: its last commit (where the next read goes on) and its events unpacked (frozen: every reader shares them). */
export interface CachedStream {
  readonly last: Pick<CommitDocument, '_id' | 'lastVersion' | 'position'>;
  readonly events: readonly StoredEvent[];
}

function deepFreeze<T>(value: T): T {
  // A typed array with elements cannot be frozen (TypeError); event data is JSON, but a reader must not fail on one.
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The streams this process read last, least recently used first out, bounded by their events.
 * Commits are never changed once written (only their `pending` mark, which readers do not use), so
 * a cached stream is a true prefix of the stream: a read continues the walk after it instead of
 * starting again at version 1 (ADR 0040).
 */
export class StreamCache {
  private readonly streams = new Map<string, CachedStream>();
  private events = 0;

  constructor(private readonly maxEvents = 50_000) {}

  get(streamId: string): CachedStream | undefined {
    const cached = this.streams.get(streamId);
    if (cached) {
      this.streams.delete(streamId);
      this.streams.set(streamId, cached);
    }
    return cached;
  }

  put(streamId: string, stream: CachedStream): void {
    this.forget(streamId);
    if (stream.events.length > this.maxEvents) return;
    this.streams.set(streamId, { last: stream.last, events: deepFreeze(stream.events) });
    this.events += stream.events.length;
    for (const [oldest, cached] of this.streams) {
      if (this.events <= this.maxEvents) break;
      this.streams.delete(oldest);
      this.events -= cached.events.length;
    }
  }

  forget(streamId: string): void {
    const cached = this.streams.get(streamId);
    if (!cached) return;
    this.streams.delete(streamId);
    this.events -= cached.events.length;
  }
}
