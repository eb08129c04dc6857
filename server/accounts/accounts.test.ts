import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { OTP_TTL_MS, otpEmail } from './accounts.ts';

const PASSWORD = 'rahasia12345';

describe('otpEmail', () => {
  it('has the code as the only standalone 6-digit number, in both languages', () => {
    const { subject, text } = otpEmail('042917', 'Yohanes Bria', 10, 'id');
    expect(text.match(/\b\d{6}\b/g)).toEqual(['042917', '042917']);
    expect(text).toContain('berlaku 10 menit');
    expect(text).toContain('valid for 10 minutes');
    expect(text.indexOf('Kode verifikasi')).toBeLessThan(text.indexOf('verification code'));
    expect(subject).toMatch(/Kode verifikasi/);
    expect(otpEmail('042917', 'X', 10, 'en').text.indexOf('verification code')).toBeLessThan(
      otpEmail('042917', 'X', 10, 'en').text.indexOf('Kode verifikasi'),
    );
  });
});

describe.each(providers())('accounts over HTTP (%s)', (provider) => {
  let t: TestServer;
  let seededUsers: number; // the demo accounts
  beforeEach(async () => {
    // No workers: emails stay pending in the outbox (registration kicks the dispatcher).
    t = await startTestServer({ provider, workers: false });
    seededUsers = await t.deps.prisma.user.count();
  });
  afterEach(async () => {
    await t.close();
  });

  it('register → OTP from the dev outbox → verify → login → /me → logout → /me 401', async () => {
    const c = t.client();
    const email = 'Maria.Goreti@Example.ID';
    const reg = await c.post('/api/auth/register', { email, password: PASSWORD, fullName: '  Maria   Goreti ' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ user: { email: 'maria.goreti@example.id', fullName: 'Maria Goreti', roles: ['applicant'] } });

    // The outbox filter is case-insensitive; the email has the code as a standalone 6-digit number.
    const mail = await c.latestEmail('MARIA.goreti@example.id');
    expect(mail).toMatchObject({ to: 'maria.goreti@example.id', status: 'pending' });
    const code = await c.latestOtp('maria.goreti@example.id');
    expect(code).toMatch(/^\d{6}$/);

    // Not active yet: login refused with 403.
    const early = await c.post('/api/auth/login', { email, password: PASSWORD });
    expect(early.status).toBe(403);
    expect(early.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(early.body).toMatchObject({ type: 'https://alur.dev/problems/unverified' });

    const ver = await c.post('/api/auth/verify', { email, code });
    expect(ver.status).toBe(200);
    expect(ver.body).toMatchObject({ user: { email: 'maria.goreti@example.id', roles: ['applicant'] } });
    // The same code again (a double tap) is still fine.
    expect((await c.post('/api/auth/verify', { email, code })).status).toBe(200);

    // Re-registering a verified email: 409 email-taken.
    const again = await c.post('/api/auth/register', { email, password: PASSWORD, fullName: 'Maria Goreti' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'https://alur.dev/problems/email-taken' });

    const login = await c.post('/api/auth/login', { email: 'maria.goreti@example.id', password: PASSWORD });
    expect(login.status).toBe(200);
    const user = (login.body as { user: Record<string, unknown> }).user;
    expect(user).toMatchObject({ email: 'maria.goreti@example.id', roles: ['applicant'], fullName: 'Maria Goreti', officeCode: null });
    expect(typeof user.id).toBe('string');
    const setCookie = login.headers.getSetCookie().find((h) => h.startsWith('alur_session='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(setCookie).not.toMatch(/Secure/);

    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user });

    const out = await c.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(c.cookies.has('alur_session')).toBe(false);
    const after = await c.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await t.deps.prisma.session.count()).toBe(0);

    // Logout without a session is still 204.
    expect((await c.post('/api/auth/logout')).status).toBe(204);
  });

  it('a revoked session cookie stops working at once (cache dropped)', async () => {
    const c = t.client();
    expect(await c.signUp('ana@example.id')).toMatchObject({ email: 'ana@example.id' }); // throws unless every step succeeded
    const token = c.cookies.get('alur_session')!;
    expect((await c.get('/api/me')).status).toBe(200);
    await c.post('/api/auth/logout');
    c.cookies.set('alur_session', token); // replay the old cookie
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('stores no plain-text password and no plain-text code', async () => {
    const c = t.client();
    await c.post('/api/auth/register', { email: 'budi@example.id', password: PASSWORD, fullName: 'Budi Santoso' });
    const code = await c.latestOtp('budi@example.id');
    const user = await t.deps.prisma.user.findUniqueOrThrow({ where: { email: 'budi@example.id' }, include: { otpCodes: true } });
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.otpCodes).toHaveLength(1);
    expect(user.otpCodes[0]!.codeHash).not.toContain(code);
    const dump = JSON.stringify(await t.deps.sql.all('SELECT * FROM "User"'));
    expect(dump).not.toContain(PASSWORD);
  });

  it('validates registration with JSON pointers, in both languages', async () => {
    const c = t.client();
    const r = await c.post('/api/auth/register', { email: 'not-an-email', password: 'short1', fullName: 'X' });
    expect(r.status).toBe(422);
    const body = r.body as { type: string; errors: { pointer: string; message: string }[] };
    expect(body.type).toBe('https://alur.dev/problems/invalid-data');
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(['/email', '/fullName', '/password']);
    expect(body.errors.find((e) => e.pointer === '/password')!.message).toMatch(/minimal 10 karakter.*huruf.*angka/);

    const en = await c.post('/api/auth/register?lang=en', { email: 'a@b.co', password: 'onlyletterss', fullName: 'Ab' });
    expect(en.status).toBe(422);
    expect((en.body as typeof body).errors).toEqual([
      {
        pointer: '/password',
        message: 'Password must be at least 10 characters long and contain at least one letter and one digit.',
        messages: {
          en: 'Password must be at least 10 characters long and contain at least one letter and one digit.',
          id: 'Kata sandi minimal 10 karakter dan memuat setidaknya satu huruf dan satu angka.',
        },
      },
    ]);
    const digits = await c.post('/api/auth/register', { email: 'a@b.co', password: '12345678901', fullName: 'Ab' });
    expect((digits.body as typeof body).errors.map((e) => e.pointer)).toEqual(['/password']);
    const empty = await c.post('/api/auth/register', {});
    expect((empty.body as typeof body).errors.map((e) => e.pointer).sort()).toEqual(['/email', '/fullName', '/password']);
  });

  it('an unverified email re-registering updates the pending account and sends a new code', async () => {
    const c = t.client();
    const email = 'citra@example.id';
    await c.post('/api/auth/register', { email, password: PASSWORD, fullName: 'Citra Lama' });
    const first = await c.latestOtp(email);
    const r = await c.post('/api/auth/register', { email, password: 'barulagi2026', fullName: 'Citra Baru' });
    expect(r.status).toBe(201);
    const second = await c.latestEmail(email);
    const code = await c.latestOtp(email);
    expect(second!.text).toContain('Citra Baru');
    expect(await t.deps.prisma.user.count()).toBe(seededUsers + 1);
    expect(await t.deps.prisma.otpCode.count()).toBe(1); // the old code is gone
    if (first !== code) {
      expect((await c.post('/api/auth/verify', { email, code: first })).status).toBe(422);
    }
    expect((await c.post('/api/auth/verify', { email, code })).status).toBe(200);
    expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    const ok = await c.post('/api/auth/login', { email, password: 'barulagi2026' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { fullName: 'Citra Baru' } });
  });

  it('concurrent registrations of one new email make one pending account', async () => {
    const c = t.client();
    const body = { email: 'kiki@example.id', password: PASSWORD, fullName: 'Kiki Amelia' };
    const results = await Promise.all([1, 2, 3].map(() => c.post('/api/auth/register', body)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await t.deps.prisma.user.count()).toBe(seededUsers + 1);
    expect((await c.post('/api/auth/verify', { email: body.email, code: await c.latestOtp(body.email) })).status).toBe(200);
  });

  it('5 wrong codes kill the code: then even the right one fails; a resent code works', async () => {
    const c = t.client();
    const email = 'dedi@example.id';
    await c.post('/api/auth/register', { email, password: PASSWORD, fullName: 'Dedi Kurnia' });
    const code = await c.latestOtp(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/auth/verify', { email, code: wrong });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ type: 'https://alur.dev/problems/otp-invalid', triesLeft: 5 - i });
      expect((r.body as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe('/code');
    }
    const fifth = await c.post('/api/auth/verify?lang=en', { email, code: wrong });
    expect(fifth.status).toBe(422);
    expect(fifth.body).toMatchObject({ type: 'https://alur.dev/problems/otp-exhausted', triesLeft: 0 });

    const right = await c.post('/api/auth/verify?lang=en', { email, code });
    expect(right.status).toBe(422);
    expect(right.body).toMatchObject({ type: 'https://alur.dev/problems/otp-exhausted' });
    expect((right.body as { detail: string }).detail).toMatch(/Request a new code/);

    // A malformed code is not a try.
    expect((await c.post('/api/auth/verify', { email, code: '12ab' })).body).toMatchObject({ type: 'https://alur.dev/problems/invalid-data' });

    const resend = await c.post('/api/auth/resend', { email });
    expect(resend.status).toBe(202);
    const fresh = await c.latestOtp(email);
    if (fresh !== code) expect((await c.post('/api/auth/verify', { email, code })).status).toBe(422);
    expect((await c.post('/api/auth/verify', { email, code: fresh })).status).toBe(200);
  });

  it('concurrent wrong guesses cannot exceed 5 tries', async () => {
    const c = t.client();
    const email = 'eko@example.id';
    await c.post('/api/auth/register', { email, password: PASSWORD, fullName: 'Eko Prasetyo' });
    const code = await c.latestOtp(email);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(guesses.map((g) => c.post('/api/auth/verify', { email, code: g })));
    expect(results.every((r) => r.status === 422)).toBe(true);
    const otp = await t.deps.prisma.otpCode.findFirstOrThrow({ where: { user: { email } } });
    expect(otp.attempts).toBe(5);
    expect((await c.post('/api/auth/verify', { email, code })).body).toMatchObject({ type: 'https://alur.dev/problems/otp-exhausted' });
  });

  it('an expired code fails (manual clock advanced past 10 minutes)', async () => {
    const c = t.client();
    const email = 'fitri@example.id';
    await c.post('/api/auth/register', { email, password: PASSWORD, fullName: 'Fitri Handayani' });
    const code = await c.latestOtp(email);
    await t.deps.manualClock!.advance(OTP_TTL_MS + 1_000);
    const r = await c.post('/api/auth/verify', { email, code });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ type: 'https://alur.dev/problems/otp-expired', errors: [{ pointer: '/code' }] });
    await c.post('/api/auth/resend', { email });
    expect((await c.post('/api/auth/verify', { email, code: await c.latestOtp(email) })).status).toBe(200);
  });

  it('a code is still good just before 10 minutes', async () => {
    const c = t.client();
    const email = 'gita@example.id';
    await c.post('/api/auth/register', { email, password: PASSWORD, fullName: 'Gita Lestari' });
    const code = await c.latestOtp(email);
    await t.deps.manualClock!.advance(OTP_TTL_MS - 5_000);
    expect((await c.post('/api/auth/verify', { email, code })).status).toBe(200);
  });

  it('resend answers 202 whether or not the email exists, and only mails pending accounts', async () => {
    const c = t.client();
    const unknown = await c.post('/api/auth/resend', { email: 'nobody@example.id' });
    expect(unknown.status).toBe(202);
    expect(await c.latestEmail('nobody@example.id')).toBeUndefined();

    await c.post('/api/auth/register', { email: 'hadi@example.id', password: PASSWORD, fullName: 'Hadi Wijaya' });
    const known = await c.post('/api/auth/resend', { email: 'hadi@example.id' });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const list = await c.get<{ messages: { createdAt: string }[] }>('/api/dev/outbox?to=hadi@example.id');
    expect(list.body.messages).toHaveLength(2);
  });

  it('login: wrong password and unknown email give the same 401', async () => {
    const c = t.client();
    await c.signUp('indah@example.id');
    const wrong = await c.post('/api/auth/login', { email: 'indah@example.id', password: 'salah-sandi-99' });
    const unknown = await c.post('/api/auth/login', { email: 'tidakada@example.id', password: 'salah-sandi-99' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ type: 'https://alur.dev/problems/invalid-credentials' });
    const strip = (b: unknown) => ({ ...(b as object), instance: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('PATCH /me saves the language', async () => {
    const c = t.client();
    await c.signUp('joko@example.id');
    const r = await c.patch('/api/me', { locale: 'en' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: { locale: 'en' } });
    expect(c.cookies.get('alur_lang')).toBe('en');
    expect((await c.get('/api/me')).body).toMatchObject({ user: { locale: 'en' } });
    const bad = await c.patch('/api/me', { locale: 'fr' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: [{ pointer: '/locale' }] });
    expect((await t.client().patch('/api/me', { locale: 'en' })).status).toBe(401);
  });
});
