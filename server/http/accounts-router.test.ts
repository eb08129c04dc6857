import { afterEach, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing/harness.ts';
import { CSRF_COOKIE } from './csrf.ts';

describe.each(providers())('accounts router (%s)', (provider) => {
  let t: TestServer | undefined;
  // Registration kicks the outbox dispatcher; these tests need no workers.
  const start = (env?: Record<string, string>) => startTestServer({ provider, env, workers: false });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('GET /auth/csrf gives a token and sets the cookie it is checked against', async () => {
    t = await start();
    const c = t.client();
    const r = await c.get<{ token: string }>('/api/auth/csrf');
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.cookies.get(CSRF_COOKIE)).toBe(r.body.token);
  });

  it('state-changing calls without the CSRF token get 403 problem+json', async () => {
    t = await start();
    const c = t.client();
    const body = { email: 'eka@example.id', password: 'rahasia12345', fullName: 'Eka Putri' };
    const users = await t.deps.prisma.user.count(); // the seeded demo accounts
    for (const path of ['/api/auth/register', '/api/auth/login', '/api/auth/verify', '/api/auth/resend', '/api/auth/logout']) {
      const r = await c.request('POST', path, body, { csrf: false });
      expect(r.status, path).toBe(403);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ type: 'https://alur.dev/problems/csrf', status: 403 });
    }
    // A token that does not match the cookie is refused too.
    await c.get('/api/auth/csrf');
    const mismatch = await c.request('POST', '/api/auth/register', body, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(mismatch.status).toBe(403);
    expect(await t.deps.prisma.user.count()).toBe(users);
    // With it: fine.
    expect((await c.post('/api/auth/register', body)).status).toBe(201);
  });

  it('rate limits auth calls per IP with a 429 problem+json', async () => {
    t = await start({ RATE_LIMIT_AUTH_PER_10MIN: '3' });
    const c = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/auth/login', { email: 'x@example.id', password: 'whatever123' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const r = await c.post('/api/auth/login?lang=en', { email: 'x@example.id', password: 'whatever123' });
    expect(r.status).toBe(429);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ type: 'https://alur.dev/problems/too-many-requests', status: 429 });
    expect((r.body as { detail: string }).detail).toMatch(/Too many attempts/);
    expect(r.headers.get('retry-after')).toBeTruthy();
    // Each route has its own budget; other routes are not limited.
    expect((await c.post('/api/auth/resend', { email: 'x@example.id' })).status).toBe(202);
    expect((await c.get('/api/auth/csrf')).status).toBe(200);
  });

  it('marks the session cookie Secure when config.secureCookies', async () => {
    t = await start({ SECURE_COOKIES: 'true', SESSION_TTL_HOURS: '1' });
    const c = t.client();
    await c.registerVerified('sari@example.id');
    const login = await c.post('/api/auth/login', { email: 'sari@example.id', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((h) => h.startsWith('alur_session='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/Max-Age=3600/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it('a second login replaces the session the browser had', async () => {
    t = await start();
    const c = t.client();
    await c.signUp('tono@example.id');
    const first = c.cookies.get('alur_session')!;
    expect((await c.post('/api/auth/login', { email: 'tono@example.id', password: TEST_PASSWORD })).status).toBe(200);
    expect(c.cookies.get('alur_session')).not.toBe(first);
    expect(await t.deps.prisma.session.count()).toBe(1);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    t = await start();
    const c = t.client();
    const token = await c.csrfToken();
    const res = await fetch(`${t.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: `alur_csrf=${token}` },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
