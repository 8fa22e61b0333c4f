/** The route pattern a request matched (`/cases/:id/submit`, never the URL with its ids), or null before routing or when none matched. */
export function routePattern(req: { baseUrl?: string; route?: { path?: unknown } }): string | null {
  return typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : null;
}
