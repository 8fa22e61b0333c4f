/** The services of the platform, as `npm start` and the whole-system tests run them. */
export type Service = 'applications' | 'evidence-review' | 'scoring' | 'certificates' | 'directory';

/** Where the services answer and how each demo user signs in: all an actor needs. */
export interface Platform {
  url(service: Service): string;
  /** The bearer token of a demo user (alice.applicant, rita.reviewer, lena.lead, dan.decider, ...). */
  token(user: string): string;
}

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  /** The stream version an ETag names (`"7"` is 7), or null. */
  readonly version: number | null;
}

export interface RequestOptions {
  /** The demo user making the request; none for public pages. */
  readonly as?: string;
  readonly json?: unknown;
  readonly form?: FormData;
  /** The version the caller saw, sent as If-Match. */
  readonly ifMatch?: number;
  /** The statuses this step expects; anything else throws with the service's problem detail. */
  readonly expect?: number | readonly number[];
}

/** A refused or unexpected answer, with enough of the answer to see why without a debugger. */
export class UnexpectedReply extends Error {
  override readonly name = 'UnexpectedReply';
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
    expected: readonly number[],
  ) {
    super(`${what}: expected HTTP ${expected.join(' or ')}, got ${status}: ${(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 800)}`);
  }

  /** The problem+json `code` of a domain refusal (NotAllowedInState, ...). */
  get code(): string | undefined {
    return (this.body as { code?: string } | null)?.code;
  }
}

/** One HTTP request to a service, over plain fetch so that jest tests and node scripts share it. */
export async function send<T = Record<string, unknown>>(platform: Platform, service: Service, method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.as) headers.authorization = `Bearer ${platform.token(options.as)}`;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const what = `${method} ${service}${path}${options.as ? ` as ${options.as}` : ''}`;
  const response = await fetch(`${platform.url(service)}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const parsed = /json/.test(type) && text ? JSON.parse(text) : text;
  const etag = response.headers.get('etag')?.match(/^(?:W\/)?"(\d+)"$/);
  const expected = options.expect === undefined ? [] : typeof options.expect === 'number' ? [options.expect] : options.expect;
  if (expected.length && !expected.includes(response.status)) throw new UnexpectedReply(response.status, parsed, what, expected);
  return { status: response.status, body: parsed as T, version: etag ? Number(etag[1]) : null };
}

/** The version a state change answered with (its ETag). */
export function versionOf(reply: Reply<unknown>): number {
  if (reply.version === null) throw new Error(`the answer (HTTP ${reply.status}) carries no ETag version`);
  return reply.version;
}

/** A platform on fixed addresses with a token per user, e.g. the ones `npm start` writes to .infra/auth/tokens.json. */
export function platformAt(urls: Record<Service, string>, tokens: Record<string, string>): Platform {
  return {
    url: (service) => urls[service].replace(/\/+$/, ''),
    token: (user) => {
      const token = tokens[user];
      if (!token) throw new Error(`no token for demo user ${user}; known: ${Object.keys(tokens).join(', ')}`);
      return token;
    },
  };
}
