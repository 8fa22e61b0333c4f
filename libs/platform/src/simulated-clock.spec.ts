import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockFromEnv, SimulatedClock } from './simulated-clock';
import { systemClock } from './clock';

describe('SimulatedClock', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'clock-')), 'clock.json');
  const DAY = 86_400_000;

  it('is the real time while the file is missing', () => {
    const now = new SimulatedClock(file(), 0).now().getTime();
    expect(Math.abs(now - Date.now())).toBeLessThan(1_000);
  });

  it('follows the offset written in the file, and a new offset written later', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ offsetMs: 400 * DAY }));
    const clock = new SimulatedClock(path, 0);
    expect(Math.round((clock.now().getTime() - Date.now()) / DAY)).toBe(400);
    writeFileSync(path, JSON.stringify({ offsetMs: -30 * DAY }));
    // The modification time has millisecond resolution at best; make sure it changed.
    const later = new Date(Date.now() + 5_000);
    utimesSync(path, later, later);
    expect(Math.round((clock.now().getTime() - Date.now()) / DAY)).toBe(-30);
  });

  it('keeps the last good offset when the file is half written', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ offsetMs: 10 * DAY }));
    const clock = new SimulatedClock(path, 0);
    clock.now();
    writeFileSync(path, '{"offsetM');
    const later = new Date(Date.now() + 5_000);
    utimesSync(path, later, later);
    expect(Math.round((clock.now().getTime() - Date.now()) / DAY)).toBe(10);
  });

  it('is chosen only when SIMULATED_CLOCK_FILE is set', () => {
    expect(clockFromEnv({})).toBe(systemClock);
    expect(clockFromEnv({ SIMULATED_CLOCK_FILE: file() })).toBeInstanceOf(SimulatedClock);
  });
});
