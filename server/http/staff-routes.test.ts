/**
 * Every staff route is enforced by role on the server, not only hidden in the UI. The test walks
 * the app's router table, so a route added later is checked too: anything not listed below as
 * open to applicants must answer an applicant's session with 403.
 */
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';

/** Routes an applicant (or anyone) may call; each is checked elsewhere for what it shows them. */
const OPEN_TO_APPLICANTS = new Set([
  'GET /api/health',
  'GET /api/auth/csrf',
  'POST /api/auth/register',
  'POST /api/auth/verify',
  'POST /api/auth/resend',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'PATCH /api/me',
  'GET /api/flows',
  'POST /api/applications', // a walk-in (officer only) is refused inside: see the walk-in tests
  'GET /api/applications', // the caller's own; staff filters only for staff
  'GET /api/applications/:id',
  'POST /api/applications/:id/events', // the role of each event is the definition's
  'GET /api/applications/:id/queue-qr.svg',
  'GET /api/applications/:id/history',
  'GET /api/applications/:id/steps',
  'GET /api/applications/:id/forms',
  'POST /api/applications/:id/documents',
  'GET /api/applications/:id/documents',
  'GET /api/documents/:id', // the owner's or their office's staff only
  'GET /api/offices',
  'GET /api/offices/:code',
  'GET /api/offices/:code/availability',
  'GET /api/offices/:code/draws', // published draws: anyone may recompute a result
  'GET /api/offices/:code/draws/:id',
  'POST /api/payments/webhook', // signed by the gateway, no session
  'GET /api/payments/:billingCode',
]);
/** Non-production helpers, absent in production (the last test). */
const DEV_PREFIX = '/api/dev/';

type Route = { method: string; path: string };

type Layer = { rawPath?: unknown; route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every (method, path) the app answers, from Express 5's router table. */
function routesOf(app: Express): Route[] {
  const out: Route[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = prefix + String(layer.route.path);
        for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push({ method: m.toUpperCase(), path });
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out.filter((r) => r.path.startsWith('/api/'));
}

const SAMPLE: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000001',
  key: 'test-permit',
  version: '1',
  code: 'ATB',
  billingCode: '000000000000000',
};
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => SAMPLE[name] ?? 'x');

describe('staff routes refuse an applicant', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  let routes: Route[];

  beforeAll(async () => {
    srv = await startTestServer({ provider: 'sqlite', workers: false });
    applicant = srv.client();
    await applicant.signUp('router-table@example.id');
    routes = routesOf(createApp(srv.deps));
  });
  afterAll(() => srv?.close());

  it('finds the routes in the router table (so the walk itself is not silently empty)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET /api/flows', 'POST /api/audit/verify', 'GET /api/admin/holidays', 'PUT /api/flows/:key/versions/:version']));
    // every route listed as open still exists: the list cannot hide a renamed route
    for (const open of OPEN_TO_APPLICANTS) expect(names, open).toContain(open);
  });

  it('answers 403 to an applicant on every other route', async () => {
    const staff = routes.filter((r) => !OPEN_TO_APPLICANTS.has(`${r.method} ${r.path}`) && !r.path.startsWith(DEV_PREFIX));
    expect(staff.length).toBeGreaterThan(10);
    const answers: string[] = [];
    for (const r of staff) {
      const res = await applicant.request(r.method, concrete(r.path), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      answers.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(answers.filter((a) => !a.endsWith('→ 403'))).toEqual([]);
  });

  it('has no /api/dev route at all in production', () => {
    expect(routes.some((r) => r.path.startsWith(DEV_PREFIX))).toBe(true);
    const production = routesOf(createApp({ ...srv.deps, config: { ...srv.deps.config, production: true } }));
    expect(production.length).toBeGreaterThan(10);
    expect(production.filter((r) => r.path.startsWith(DEV_PREFIX))).toEqual([]);
  });
});
