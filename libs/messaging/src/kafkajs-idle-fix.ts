/** The part of kafkajs' per-connection request queue the fix below touches (kafkajs/src/network/requestQueue). */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

let applied = false;

/**
 * kafkajs 2.2.4, its last release, re-arms a timer of a negative delay (so 1 ms) on every broker
 * connection after each answer, even with no request waiting and no throttle: a loop of about a
 * thousand wake-ups a second per connection for the life of the process (tulios/kafkajs#1556, the
 * fix in #1667 unreleased). Idle, that was 4-6% of a core per service, most of the stack's idle CPU
 * (docs/benchmarks.md, `aging`). With nothing pending and no throttle there is nothing to check
 * later: a request that has to wait schedules its own check when it is queued (`push`), and each
 * answer checks again. Every other case keeps kafkajs' own scheduling.
 */
export function stopIdleRequestQueueLoop(): void {
  if (applied) return;
  applied = true;
  // An internal module of kafkajs, without types.
  const queue = (require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue }).prototype;
  const schedule = queue.scheduleCheckPendingRequests;
  queue.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
}
