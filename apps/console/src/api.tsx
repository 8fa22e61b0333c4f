// The services' REST APIs through the console server's /api/<service>/ proxy: one origin, the user's token.
export type Service = 'applications' | 'evidence-review' | 'scoring' | 'certificates' | 'directory';

/** A problem+json answer: the service's own detail, and for domain rules its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string | null,
    readonly problemType: string | null,
    readonly errors: readonly string[] = [],
    /** A refusal's parameters: placeholders of its message, and e.g. the TOTP enrolment ticket. */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(detail);
  }
}

export interface Reply<T> {
  readonly status: number;
  readonly body: T;
  /** The stream version the ETag names ("7" is 7), for If-Match. */
  readonly version: number | null;
}

export interface CallOptions {
  readonly method?: string;
  readonly json?: unknown;
  readonly ifMatch?: number;
  readonly token?: string | null;
}

const versionOf = (etag: string | null) => {
  const m = etag?.match(/^(?:W\/)?"(\d+)"$/);
  return m ? Number(m[1]) : null;
};

function problemOf(status: number, text: string, fallback: string): ApiError {
  try {
    const p = JSON.parse(text) as { detail?: string; title?: string; code?: string; type?: string; errors?: string[]; params?: Record<string, string | number> };
    return new ApiError(status, p.detail ?? p.title ?? fallback, p.code ?? null, p.type ?? null, p.errors ?? [], p.params ?? {});
  } catch {
    return new ApiError(status, text.trim() || fallback, null, null);
  }
}

/** Who gives a new access token for one a service refused (the session): null when the sign-in is over. */
let renewToken: ((stale: string) => Promise<string | null>) | null = null;
export function onRefusedToken(renew: typeof renewToken): void {
  renewToken = renew;
}

export const apiUrl = (service: Service, path: string) => `/api/${service}${path}`;

export async function call<T = Record<string, unknown>>(service: Service, path: string, options: CallOptions = {}, retried = false): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(service, path), { method: options.method ?? 'GET', headers, body });
  } catch (err) {
    throw new ApiError(0, `network: ${(err as Error).message}`, 'Network', null);
  }
  // A 401 for a token that may just have run out: one refresh, one more try; then the session ends (and the sign-in page shows).
  if (response.status === 401 && options.token && renewToken && !retried) {
    const fresh = await renewToken(options.token);
    if (fresh) return call<T>(service, path, { ...options, token: fresh }, true);
  }
  const text = await response.text();
  if (!response.ok) throw problemOf(response.status, text, `${response.status} ${response.statusText}`);
  const parsed = text && /json/.test(response.headers.get('content-type') ?? '') ? (JSON.parse(text) as T) : (undefined as T);
  return { status: response.status, body: parsed, version: versionOf(response.headers.get('etag')) };
}

/** A multipart upload with progress (fetch has no upload progress), e.g. an evidence document. */
export function upload<T>(service: Service, path: string, form: FormData, options: { token: string; ifMatch?: number; onProgress(fraction: number): void }): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(service, path));
    xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (options.ifMatch !== undefined) xhr.setRequestHeader('if-match', `"${options.ifMatch}"`);
    // Sent is not stored: the bar stops short of 100% until the service has answered that it stored the file.
    xhr.upload.onprogress = (e) => e.lengthComputable && options.onProgress(Math.min(0.99, e.loaded / e.total));
    xhr.onerror = () => reject(new ApiError(0, 'network: the upload did not reach the server', 'Network', null));
    xhr.onload = () => {
      if (xhr.status >= 400) return reject(problemOf(xhr.status, xhr.responseText, `${xhr.status} ${xhr.statusText}`));
      options.onProgress(1);
      resolve({ status: xhr.status, body: JSON.parse(xhr.responseText || 'null') as T, version: versionOf(xhr.getResponseHeader('etag')) });
    };
    xhr.send(form);
  });
}

/** A document behind a bearer token, as an object URL for a preview or a download. */
export async function blobUrl(service: Service, path: string, token: string): Promise<{ url: string; type: string }> {
  let response = await fetch(apiUrl(service, path), { headers: { authorization: `Bearer ${token}` } });
  const fresh = response.status === 401 && renewToken ? await renewToken(token) : null;
  if (fresh) response = await fetch(apiUrl(service, path), { headers: { authorization: `Bearer ${fresh}` } });
  if (!response.ok) throw problemOf(response.status, await response.text(), `${response.status}`);
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}
