import { RefreshRefused, RETRY_MS, SessionTokens, type Access, type DirectoryTokens } from '../src/session-tokens';

const person = { id: 'alice', name: 'Alice', roles: ['applicant'] };
const tokens = (n: number, expiresIn = 300): DirectoryTokens => ({ accessToken: `access-${n}`, expiresIn, refreshToken: `refresh-${n}`, person });

/** The keeper with a fake clock, timers, store and directory: each refresh answers the next numbered tokens unless told otherwise. */
function keeper(answer?: (refreshToken: string) => Promise<DirectoryTokens>) {
  let stored: string | null = null;
  let issued = 1;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const seen: (Access | null)[] = [];
  const spent: string[] = [];
  const clock = { now: 0 };
  const tokensKeeper = new SessionTokens({
    refresh: async (refreshToken) => {
      spent.push(refreshToken);
      return answer ? answer(refreshToken) : tokens(++issued);
    },
    store: { read: () => stored, write: (t) => void (stored = t) },
    exclusive: (run) => run(),
    now: () => clock.now,
    schedule: (ms, run) => {
      const timer = { at: clock.now + ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    changed: (access) => void seen.push(access),
  });
  const pending = () => timers.filter((t) => !t.cancelled);
  return { tokensKeeper, stored: () => stored, store: (t: string | null) => void (stored = t), seen, spent, pending, clock };
}

describe('the console session tokens', () => {
  it('holds the access token in memory, keeps only the refresh token, and renews a fifth of the lifetime before the end', async () => {
    const k = keeper();
    k.tokensKeeper.start(tokens(1));
    expect(k.stored()).toBe('refresh-1');
    expect(k.tokensKeeper.current()?.token).toBe('access-1');
    expect(k.pending().map((t) => t.at)).toEqual([240_000]);
    k.clock.now = 240_000;
    k.pending()[0]!.run();
    await new Promise((r) => setImmediate(r));
    expect(k.spent).toEqual(['refresh-1']);
    expect(k.stored()).toBe('refresh-2');
    expect(k.tokensKeeper.current()).toEqual({ token: 'access-2', expiresAt: 540_000, person });
    expect(k.pending().map((t) => t.at)).toEqual([480_000]);
  });

  it('spends a refresh token once when several requests were refused together, and hands the new token to a caller whose token was already replaced', async () => {
    const k = keeper();
    k.tokensKeeper.start(tokens(1));
    const [a, b] = await Promise.all([k.tokensKeeper.renew('access-1'), k.tokensKeeper.renew('access-1')]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    expect(await k.tokensKeeper.renew('access-1')).toBe('access-2');
    expect(k.spent).toEqual(['refresh-1']);
  });

  it('ends the sign-in when the directory refuses the refresh token (revoked, reused, expired)', async () => {
    const k = keeper(async () => {
      throw new RefreshRefused('auth.refresh-revoked');
    });
    k.tokensKeeper.start(tokens(1));
    expect(await k.tokensKeeper.renew('access-1')).toBeNull();
    expect(k.stored()).toBeNull();
    expect(k.tokensKeeper.current()).toBeNull();
    expect(k.seen.at(-1)).toBeNull();
    expect(k.pending()).toEqual([]);
  });

  it('keeps the sign-in while the directory cannot be reached, and tries again soon', async () => {
    const k = keeper(async () => {
      throw new Error('network');
    });
    k.tokensKeeper.start(tokens(1));
    expect(await k.tokensKeeper.renew('access-1')).toBeNull();
    expect(k.stored()).toBe('refresh-1');
    expect(k.tokensKeeper.current()?.token).toBe('access-1');
    expect(k.pending().map((t) => t.at)).toEqual([RETRY_MS]);
  });

  it('resumes a kept sign-in on a page load with one refresh, and has nothing to resume without a refresh token', async () => {
    const k = keeper();
    expect(k.tokensKeeper.resumable()).toBe(false);
    expect(await k.tokensKeeper.renew()).toBeNull();
    expect(k.spent).toEqual([]);
    k.store('refresh-1');
    expect(k.tokensKeeper.resumable()).toBe(true);
    expect(await k.tokensKeeper.renew()).toBe('access-2');
    expect(k.tokensKeeper.current()?.person).toEqual(person);
  });

  it('signs out by forgetting both tokens and giving back the refresh token to end at the directory; another tab clearing the store ends it here too', () => {
    const k = keeper();
    k.tokensKeeper.start(tokens(1));
    expect(k.tokensKeeper.end()).toBe('refresh-1');
    expect(k.tokensKeeper.current()).toBeNull();
    expect(k.pending()).toEqual([]);

    k.tokensKeeper.start(tokens(3));
    k.store(null);
    k.tokensKeeper.storeCleared();
    expect(k.tokensKeeper.current()).toBeNull();
    expect(k.seen.at(-1)).toBeNull();
  });
});
