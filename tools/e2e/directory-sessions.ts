import { DEMO_USERS } from '@gbt/auth';

interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds the access token lives. */
  readonly expiresIn: number;
}

interface Session {
  readonly tokens: Tokens;
  readonly expiresAt: number;
}

/** How often the sessions are looked at, and how long before its end an access token is renewed. */
const CHECK_EVERY_MS = 15_000;
const RENEW_BEFORE_MS = 150_000;

/**
 * The demo people signed in through a stack's directory, so whole-system tests, drills and
 * benchmarks call the services with access tokens the directory issued (its key, its 5 minutes,
 * the people it lists), not tokens forged with the development issuer. Each person signs in once
 * with the directory's demo sign-in (demo mode only; it ends in the same session start as a
 * password sign-in) and is renewed through `POST /auth/refresh` well before the token runs out. A
 * renewal that fails (the directory restarting in a drill) is tried again at the next look, and
 * the token it would have replaced is still good meanwhile; after a refused refresh the person
 * signs in again.
 */
export class DirectorySessions {
  private readonly sessions = new Map<string, Session>();
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;

  private constructor(private readonly directoryUrl: () => string) {}

  static async start(directoryUrl: () => string, people: readonly string[] = DEMO_USERS.map((u) => u.id)): Promise<DirectorySessions> {
    const sessions = new DirectorySessions(directoryUrl);
    await Promise.all(people.map((id) => sessions.signIn(id)));
    sessions.timer = setInterval(() => void sessions.renewDue(), CHECK_EVERY_MS);
    sessions.timer.unref();
    return sessions;
  }

  /** The person's current access token. */
  token(personId: string): string {
    const session = this.sessions.get(personId);
    if (!session) throw new Error(`${personId} is not signed in to the stack's directory (signed in: ${[...this.sessions.keys()].join(', ')})`);
    return session.tokens.accessToken;
  }

  /** The Authorization header of the person's current access token. */
  authorization(personId: string): { authorization: string } {
    return { authorization: `Bearer ${this.token(personId)}` };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Renews every token that ends within RENEW_BEFORE_MS; one pass at a time. */
  renewDue(): Promise<void> {
    this.renewing ??= (async () => {
      for (const [personId, session] of this.sessions) {
        if (session.expiresAt - Date.now() > RENEW_BEFORE_MS) continue;
        try {
          this.keep(personId, await this.post('/auth/refresh', { refreshToken: session.tokens.refreshToken }));
        } catch {
          await this.signIn(personId).catch(() => undefined);
        }
      }
    })().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async signIn(personId: string): Promise<void> {
    this.keep(personId, await this.post('/demo/sign-in', { personId }));
  }

  private keep(personId: string, tokens: Tokens): void {
    this.sessions.set(personId, { tokens, expiresAt: Date.now() + tokens.expiresIn * 1000 });
  }

  private async post(path: string, body: unknown): Promise<Tokens> {
    const response = await fetch(`${this.directoryUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`POST directory${path}: HTTP ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as Tokens;
  }
}
