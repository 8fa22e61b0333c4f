import type { AddressInfo } from 'node:net';
import { startDirectory } from '../../apps/directory/src/testing/harness';
import { DirectorySessions } from './directory-sessions';

describe("the stacks' demo people, signed in through the directory", () => {
  let h: Awaited<ReturnType<typeof startDirectory>>;
  let url: string;

  beforeAll(async () => {
    // Tokens of 60 s: always within the renewal window, so every look renews.
    h = await startDirectory({ accessTokenSeconds: 60 });
    await h.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h?.close();
  });

  const me = (authorization: { authorization: string }) => h.http().get('/me').set(authorization);

  it("holds the directory's tokens for each person and renews them through /auth/refresh before they end", async () => {
    const sessions = await DirectorySessions.start(() => url, ['rita.reviewer', 'dan.decider']);
    try {
      // Access tokens signed within one second are the same text (same claims, deterministic Ed25519): the refresh token tells a renewal.
      const before = refreshTokenOf(sessions, 'rita.reviewer');
      expect((await me(sessions.authorization('rita.reviewer')).expect(200)).body).toMatchObject({ personId: 'rita.reviewer' });
      await sessions.renewDue();
      expect(refreshTokenOf(sessions, 'rita.reviewer')).not.toBe(before);
      expect((await me(sessions.authorization('rita.reviewer')).expect(200)).body).toMatchObject({ personId: 'rita.reviewer' });
      expect((await me(sessions.authorization('dan.decider')).expect(200)).body).toMatchObject({ personId: 'dan.decider', roles: ['decision-maker'] });
      expect(() => sessions.token('mallory')).toThrow('mallory is not signed in');
    } finally {
      sessions.stop();
    }
  });

  it('signs the person in again when the directory refuses the refresh (a sign-out ended the session)', async () => {
    const sessions = await DirectorySessions.start(() => url, ['roy.reviewer']);
    try {
      const first = refreshTokenOf(sessions, 'roy.reviewer');
      await sessions.renewDue();
      const renewed = refreshTokenOf(sessions, 'roy.reviewer');
      // Someone signs the session out: the refresh token the sessions keep is refused from now on.
      await h.http().post('/auth/sign-out').send({ refreshToken: refreshTokenOf(sessions, 'roy.reviewer') }).expect(204);
      await h.http().post('/auth/refresh').send({ refreshToken: renewed }).expect(401);
      await sessions.renewDue();
      const again = refreshTokenOf(sessions, 'roy.reviewer');
      expect(new Set([first, renewed, again]).size).toBe(3);
      expect((await me(sessions.authorization('roy.reviewer')).expect(200)).body).toMatchObject({ personId: 'roy.reviewer' });
    } finally {
      sessions.stop();
    }
  });
});

/** The refresh token the sessions hold (private to them; read here to sign the session out from outside). */
const refreshTokenOf = (sessions: DirectorySessions, personId: string): string =>
  (sessions as unknown as { sessions: Map<string, { tokens: { refreshToken: string } }> }).sessions.get(personId)?.tokens.refreshToken ?? '';
