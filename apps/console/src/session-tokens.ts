// The console's hold on a directory sign-in (ADR 0028, follow-up): the access token in memory only,
// the refresh token in storage, renewed before it runs out and once more when a service answers 401.
// No DOM here: the browser parts come in as functions, so unit tests drive it with fakes.

/** What the directory answers a sign-in, a refresh or a confirmed TOTP enrolment. */
export interface DirectoryTokens {
  readonly accessToken: string;
  /** Seconds the access token lives. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly person: { readonly id: string; readonly name: string; readonly roles: readonly string[] };
}

export interface Access {
  readonly token: string;
  readonly expiresAt: number;
  readonly person: DirectoryTokens['person'];
}

/** The directory refused the refresh token (4xx): this sign-in is over. Anything else (network) may pass. */
export class RefreshRefused extends Error {}

export interface SessionTokenDeps {
  /** POST /auth/refresh; throws RefreshRefused when the directory says no. */
  refresh(refreshToken: string): Promise<DirectoryTokens>;
  /** Where the refresh token is kept between page loads (and shared by tabs). */
  readonly store: { read(): string | null; write(token: string | null): void };
  /** Runs one refresh at a time across every tab: a refresh token works once, so two tabs must not spend it together. */
  exclusive<T>(run: () => Promise<T>): Promise<T>;
  now(): number;
  /** A timer; the returned function cancels it. */
  schedule(ms: number, run: () => void): () => void;
  /** The access now held (null: signed out). */
  changed(access: Access | null): void;
}

/** Renew when this much of the access token's life is left (a fifth, at least 10 s): clocks drift and requests take time. */
const margin = (lifeMs: number) => Math.max(10_000, lifeMs / 5);
/** After a failed attempt that was not a refusal (the directory unreachable), try again this soon. */
export const RETRY_MS = 15_000;

export class SessionTokens {
  private access: Access | null = null;
  private renewing: Promise<string | null> | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(private readonly deps: SessionTokenDeps) {}

  current(): Access | null {
    return this.access;
  }

  /** Whether a refresh token is kept, i.e. a page load may resume a sign-in. */
  resumable(): boolean {
    return this.deps.store.read() !== null;
  }

  /** A fresh sign-in: keep its refresh token and hold its access token. */
  start(tokens: DirectoryTokens): void {
    this.deps.store.write(tokens.refreshToken);
    this.hold(tokens);
  }

  /**
   * A new access token for one that a service refused or that is about to run out. Callers at
   * the same time share one refresh; a caller whose stale token was already replaced gets the
   * new one without another refresh. Null: the sign-in is over (or the directory is unreachable).
   */
  renew(stale?: string): Promise<string | null> {
    if (stale !== undefined && this.access && this.access.token !== stale) return Promise.resolve(this.access.token);
    this.renewing ??= this.refreshNow().finally(() => (this.renewing = null));
    return this.renewing;
  }

  /** Sign-out, or another tab signed out: forget everything; the refresh token is returned to end its sign-in at the directory. */
  end(): string | null {
    const refreshToken = this.deps.store.read();
    this.deps.store.write(null);
    this.drop();
    return refreshToken;
  }

  /** The refresh token is gone from the store (another tab signed out): this tab lets go as well, without a word to the directory. */
  storeCleared(): void {
    if (this.deps.store.read() === null && this.access) this.drop();
  }

  private async refreshNow(): Promise<string | null> {
    try {
      // Read inside the lock: another tab may just have replaced the token this tab saw.
      const tokens = await this.deps.exclusive(async () => {
        const refreshToken = this.deps.store.read();
        if (!refreshToken) return null;
        const next = await this.deps.refresh(refreshToken);
        this.deps.store.write(next.refreshToken);
        return next;
      });
      if (!tokens) {
        this.drop();
        return null;
      }
      this.hold(tokens);
      return tokens.accessToken;
    } catch (err) {
      if (err instanceof RefreshRefused) {
        this.end();
        return null;
      }
      this.later(RETRY_MS);
      return null;
    }
  }

  private hold(tokens: DirectoryTokens): void {
    const lifeMs = tokens.expiresIn * 1000;
    this.access = { token: tokens.accessToken, expiresAt: this.deps.now() + lifeMs, person: tokens.person };
    this.later(lifeMs - margin(lifeMs));
    this.deps.changed(this.access);
  }

  private later(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.schedule(Math.max(0, ms), () => void this.renew());
  }

  private drop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.access = null;
    this.deps.changed(null);
  }
}
