import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface CorrelationContext {
  readonly correlationId: string;
  /** The message or request that caused the work now running. */
  readonly causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

export const withCorrelation = <T>(context: CorrelationContext, fn: () => T): T => storage.run(context, fn);

export const currentCorrelation = (): CorrelationContext | undefined => storage.getStore();

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Express-style middleware: adopts a well-formed incoming correlation id or starts a new one. */
export function correlationMiddleware(
  req: { headers: Record<string, string | string[] | undefined> },
  res: { setHeader(name: string, value: string): unknown },
  next: () => void,
): void {
  const incoming = req.headers[CORRELATION_HEADER];
  const correlationId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  withCorrelation({ correlationId, causationId: null }, next);
}
