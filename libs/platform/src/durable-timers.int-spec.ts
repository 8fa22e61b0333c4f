import { EventEmitter } from 'node:events';
import IORedis from 'ioredis';
import type { MongoEventStore } from '@gbt/event-store';
import { JsonLogger } from '@gbt/messaging';
import { TestClock, testServers, uniqueName, waitFor } from '@gbt/testing';
import type { Consumers } from './consumers';
import { DurableTimers, type DurableTimersOptions } from './durable-timers';
import type { KafkaAdmin } from './kafka-admin';
import { Metrics } from './metrics';
import type { ServiceConfig } from './service-config';

interface Reminder {
  readonly dueAt: string;
  readonly note: string;
}

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('durable timers on real Redis, on a service clock that can be moved', () => {
  const prefix = uniqueName('dt');
  const clock = new TestClock(new Date('2030-06-01T00:00:00Z'));
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('timers-test', 'debug', (line) => lines.push(JSON.parse(line)));
  // The service's real metrics; the event store and Kafka are only read when scraped, which this test does not do.
  const metrics = new Metrics(
    { service: 'timers-test' } as ServiceConfig,
    { notifications: new EventEmitter() } as unknown as MongoEventStore,
    {} as KafkaAdmin,
    {} as Consumers,
  );
  let connection: IORedis;
  const open: DurableTimers<Reminder>[] = [];

  beforeAll(() => {
    connection = new IORedis(testServers().redisUrl, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    for (const t of open) await t.close();
    await connection.quit();
  });

  function timers(options: Partial<DurableTimersOptions> = {}): DurableTimers<Reminder> {
    const t = new DurableTimers<Reminder>({ queue: uniqueName('reminders'), connection, prefix, clock, logger, metrics, sweepIntervalMs: 100, ...options });
    open.push(t);
    return t;
  }
  const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs).toISOString();
  const failures = async (queue: string, stage: string) => {
    const text = await metrics.registry.getSingleMetricAsString('gbt_timer_failures_total');
    const line = text.split('\n').find((l) => l.includes(`queue="${queue}"`) && l.includes(`stage="${stage}"`));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('fires a timer once the service clock reaches its due instant, not before', async () => {
    const t = timers();
    const fired: { data: Reminder; id: string; at: number }[] = [];
    t.start(async (data, id) => void fired.push({ data, id, at: Date.now() }));
    await t.schedule({ id: 'case-1.reminder', name: 'reminder', data: { dueAt: at(HOUR), note: 'one hour on' } });
    await sleep(600);
    expect(fired).toEqual([]);
    expect((await t.all()).map((x) => x.state)).toEqual(['delayed']);

    clock.set(new Date(clock.now().getTime() + HOUR));
    await waitFor(async () => fired.length > 0, 5_000, 'the timer to fire');
    expect(fired).toEqual([{ id: 'case-1.reminder', data: { dueAt: expect.any(String), note: 'one hour on' }, at: expect.any(Number) }]);
    await t.idle();
    expect(await t.all()).toEqual([]); // fired timers are not kept unless asked
    expect(await failures(t.name, 'firing')).toBe(0);
  });

  it('keeps one timer per id: scheduling twice keeps the first, rescheduling replaces it', async () => {
    const t = timers();
    await t.schedule({ id: 'task-1', name: 'escalate', data: { dueAt: at(HOUR), note: 'first' } });
    await t.schedule({ id: 'task-1', name: 'escalate', data: { dueAt: at(2 * HOUR), note: 'second' } });
    expect((await t.all()).map((x) => [x.id, x.data.note, x.state])).toEqual([['task-1', 'first', 'delayed']]);

    await t.reschedule({ id: 'task-1', name: 'escalate', data: { dueAt: at(3 * HOUR), note: 'third' } });
    expect((await t.all()).map((x) => [x.id, x.data.note, x.data.dueAt])).toEqual([['task-1', 'third', at(3 * HOUR)]]);

    const fired: string[] = [];
    t.start(async (data) => void fired.push(data.note));
    clock.set(new Date(clock.now().getTime() + 2 * HOUR)); // the replaced due instant, not the new one
    await sleep(600);
    expect(fired).toEqual([]);
    clock.set(new Date(clock.now().getTime() + HOUR));
    await waitFor(async () => fired.length > 0, 5_000, 'the rescheduled timer');
    expect(fired).toEqual(['third']);
  });

  it('cancels a timer, which then never fires', async () => {
    const t = timers();
    const fired: string[] = [];
    t.start(async (data) => void fired.push(data.note));
    await t.schedule({ id: 'task-2', name: 'escalate', data: { dueAt: at(HOUR), note: 'cancelled' } }, { id: 'task-3', name: 'escalate', data: { dueAt: at(HOUR), note: 'kept' } });
    expect(await t.cancel('task-2')).toBe(true);
    expect(await t.cancel('task-2')).toBe(false);
    expect((await t.all()).map((x) => x.id)).toEqual(['task-3']);
    clock.set(new Date(clock.now().getTime() + HOUR));
    await waitFor(async () => fired.length > 0, 5_000, 'the kept timer');
    await sleep(300);
    expect(fired).toEqual(['kept']);
  });

  it('keeps fired timers when asked, so the same id is never planned again', async () => {
    const t = timers({ job: { keepFired: true } });
    const fired: string[] = [];
    t.start(async (data) => void fired.push(data.note));
    await t.schedule({ id: 'expiry', name: 'expiry', data: { dueAt: at(-HOUR), note: 'once' } });
    await waitFor(async () => fired.length > 0, 5_000, 'the overdue timer');
    await t.idle();
    await t.schedule({ id: 'expiry', name: 'expiry', data: { dueAt: at(-HOUR), note: 'twice' } });
    await sleep(300);
    expect(fired).toEqual(['once']);
    expect((await t.all()).map((x) => [x.id, x.state])).toEqual([['expiry', 'completed']]);
  });

  it('retries a failing firing with backoff that the sweep does not cut short, logging and counting every failure', async () => {
    const t = timers({ job: { attempts: 3, backoffMs: 1_500 } });
    const tries: number[] = [];
    t.start(async () => {
      tries.push(Date.now());
      if (tries.length < 3) throw new Error(`refused ${tries.length}`);
    });
    await t.schedule({ id: 'flaky', name: 'reminder', data: { dueAt: at(0), note: 'flaky' } });
    await waitFor(async () => tries.length === 3, 15_000, 'three attempts');
    await t.idle();
    // 1.5 s, then 3 s: a sweep every 100 ms promoting the retry would have made these gaps tiny.
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(1_400);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(2_900);
    await waitFor(async () => (await failures(t.name, 'firing')) === 2, 2_000, 'two counted failures');
    const logged = lines.filter((l) => l.queue === t.name && l.timerId === 'flaky');
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'timer firing failed, will retry', error: 'refused 1', attemptsMade: 1, attempts: 3 }),
      expect.objectContaining({ level: 'warn', msg: 'timer firing failed, will retry', error: 'refused 2', attemptsMade: 2, attempts: 3 }),
    ]);
  }, 30_000);

  it('leaves a timer failed, logged as an error, when every attempt fails', async () => {
    const t = timers({ job: { attempts: 2, backoffMs: 100 } });
    t.start(async () => {
      throw new Error('always');
    });
    await t.schedule({ id: 'broken', name: 'reminder', data: { dueAt: at(0), note: 'broken' } });
    await waitFor(async () => (await t.all()).some((x) => x.state === 'failed'), 10_000, 'the timer to fail');
    await waitFor(async () => (await failures(t.name, 'firing')) === 2, 2_000, 'two counted failures');
    expect(lines.filter((l) => l.queue === t.name).map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'timer firing failed, will retry'],
      ['error', 'timer firing failed, giving up'],
    ]);
  });

  it('reads the delayed timers only at start and when the service clock gains on the wall clock', async () => {
    let offset = 0;
    const t = timers({ clock: { now: () => new Date(Date.now() + offset) } });
    const sweeps = jest.spyOn(t, 'sweep');
    const fired: string[] = [];
    t.start(async (data) => void fired.push(data.note));
    await waitFor(async () => sweeps.mock.calls.length === 2, 2_000, 'the sweeps of the start');
    await t.schedule({ id: 'later', name: 'reminder', data: { dueAt: new Date(Date.now() + 2 * HOUR).toISOString(), note: 'later' } });
    await sleep(1_000); // ten intervals on a clock that keeps pace with the wall clock
    expect(sweeps).toHaveBeenCalledTimes(2);
    offset = 3 * HOUR;
    await waitFor(async () => fired.includes('later'), 3_000, 'the timer made due by the move to fire');
    await sleep(500);
    expect(sweeps).toHaveBeenCalledTimes(4); // the move is swept twice, then nothing more
  });

  it('logs and counts a sweep that fails, and stops sweeping and firing when closed', async () => {
    const t = timers();
    t.start(async () => undefined);
    const failing = jest.spyOn(t, 'sweep').mockRejectedValueOnce(new Error('redis went away'));
    await waitFor(async () => (await failures(t.name, 'sweep')) === 1, 2_000, 'the failed sweep to be counted');
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'timer sweep failed', queue: t.name, error: 'redis went away' }));
    failing.mockRestore();
    await t.close();
    await t.close();
    const sweeps = jest.spyOn(t, 'sweep');
    await sleep(300);
    expect(sweeps).not.toHaveBeenCalled();
  });
});
