import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { ACCESS_POLICY, verdict } from '@gbt/access-policy';
import { TokenVerifier, type StandingCheck } from '@gbt/auth';
import { DomainRefusal } from '@gbt/platform';
import { QUEUE_NAMES } from './task-plan';
import type { WorkQueues } from './work-queues';

export const DASHBOARD_PATH = '/queues-dashboard';
const COOKIE = 'gbt_dashboard_token';

/**
 * Bull Board for leads and administrators, read-only: changing jobs behind the review's back would
 * put the queues and the review stream out of step. A browser cannot send a bearer header on every asset
 * request, so the token may come once as ?access_token=… and is then kept in an HttpOnly cookie
 * scoped to the dashboard.
 */
export function queuesDashboard(queues: WorkQueues, verifier: TokenVerifier, standing: StandingCheck) {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: true })), serverAdapter: adapter });

  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    const fromQuery = new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('access_token') ?? undefined;
    const fromCookie = /(?:^|;\s*)gbt_dashboard_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = header ?? fromQuery ?? fromCookie;
    const refuse = (status: 401 | 403, code: string, detail: string, params?: object) =>
      res.status(status).type('application/problem+json').json({ type: `urn:gbt:problem:domain:${code}`, title: code, status, detail, code, ...(params ? { params } : {}) });
    if (!token) return refuse(401, 'access.token-required', 'a lead reviewer or administrator token is required (?access_token=…)');
    let principal;
    try {
      const verified = await verifier.verifyIssued(token);
      // The directory's word as on every other endpoint: a disabled or removed person's token is refused.
      principal = await standing.principal(verified.principal, verified.issuedAt);
    } catch (err) {
      if (err instanceof DomainRefusal) return refuse(401, err.code, err.message, err.params);
      return refuse(401, 'access.token-invalid', (err as Error).message);
    }
    const v = verdict(ACCESS_POLICY['evidence-review']['GET /queues-dashboard'], principal);
    if (v.kind !== 'allow') return refuse(403, 'access.role', 'the queues dashboard is for lead reviewers and administrators', { roles: v.kind === 'forbidden' ? v.roles : [] });
    if (fromQuery) res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: DASHBOARD_PATH });
    next();
  };
  const router = adapter.getRouter();
  // Mounted as a Nest middleware, which sees full paths: strip the prefix as app.use(path) would.
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (path !== DASHBOARD_PATH && !path.startsWith(`${DASHBOARD_PATH}/`)) return next();
    const rest = req.originalUrl.slice(DASHBOARD_PATH.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    void guard(req, res, () => router(req, res, next));
  };
}
