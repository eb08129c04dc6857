import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBill, issueBill } from './payments.ts';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';

/** Waits for its payment: PAYMENT_CONFIRMED (the webhook, as the system) → booked. */
// The fixture flow `test-pay` (machines/fixtures/definitions) waits for its payment: PAYMENT_CONFIRMED (the webhook, as the system) → booked; unpaid → expired.

type Body = { type?: string; outcome?: string; duplicate?: boolean; providerRef?: string; errors?: { pointer: string }[] };

describe.each(providers())('sandbox payment gateway (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;

  const awaiting = async () => {
    const app = await applicant.post<{ id: string }>('/api/applications', { flow: 'test-pay' });
    expect(app.status).toBe(201);
    const now = srv.deps.clock.now();
    const bill = await issueBill(srv.deps.sql, { applicationId: app.body.id, amount: 1_350_000, currency: 'IDR', expiresAt: new Date(now.getTime() + 7_200_000).toISOString() }, now);
    return { id: app.body.id, bill };
  };
  const state = async (id: string) => (await applicant.get<{ state: string }>(`/api/applications/${id}`)).body.state;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: {} });
    applicant = srv.client();
    await applicant.signUp(`sandbox-${provider}@example.id`);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('pays a bill through the signed webhook over HTTP and answers with the webhook’s reply', async () => {
    const { id, bill } = await awaiting();
    const r = await applicant.post<Body>(`/api/dev/payments/${bill.billingCode}/pay`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'applied', billingCode: bill.billingCode, providerRef: expect.stringMatching(/^SBX-/) });
    expect(r.headers.get('x-alur-provider-ref')).toBe(r.body.providerRef);
    expect(await state(id)).toBe('booked');
    const paid = await findBill(srv.deps.sql, bill.billingCode);
    expect(paid).toMatchObject({ status: 'paid', providerRef: r.body.providerRef });
    const notice = await srv.deps.sql.get<{ body: string }>('SELECT "body" FROM "PaymentNotice" WHERE "providerRef" = ?', [r.body.providerRef!]);
    expect(JSON.parse(notice!.body)).toEqual({ providerRef: r.body.providerRef, billingCode: bill.billingCode, amount: 1_350_000, currency: 'IDR', paidAt: paid!.paidAt });

    // Paying the paid bill again is another payment: 409, kept for a refund.
    const again = await applicant.post<Body>(`/api/dev/payments/${bill.billingCode}/pay`);
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect(again.body.type).toBe('https://alur.dev/problems/already-paid');
  });

  it('delivers the same notice twice with a fixed providerRef: the second is 200 duplicate', async () => {
    const { id, bill } = await awaiting();
    const first = await applicant.post<Body>(`/api/dev/payments/${bill.billingCode}/pay`, { providerRef: `SAME-${provider}` });
    const second = await applicant.post<Body>(`/api/dev/payments/${bill.billingCode}/pay`, { providerRef: `SAME-${provider}` });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ outcome: 'applied', duplicate: true });
    const history = await applicant.get<{ type: string }[]>(`/api/applications/${id}/history`);
    expect(history.body.filter((e) => e.type === 'PAYMENT_CONFIRMED')).toHaveLength(1);
  });

  it('passes on the webhook’s refusals: a wrong amount is 422', async () => {
    const { id, bill } = await awaiting();
    const r = await applicant.post<Body>(`/api/dev/payments/${bill.billingCode}/pay`, { amount: 350_000 });
    expect(r.status).toBe(422);
    expect(r.body.type).toBe('https://alur.dev/problems/wrong-amount');
    expect(r.body.errors?.map((e) => e.pointer)).toEqual(['/amount']);
    expect(await state(id)).toBe('awaitingPayment');
  });

  it('404 for an unknown or malformed billing code, 422 for bad overrides, 403 without the CSRF token', async () => {
    expect((await applicant.post(`/api/dev/payments/999999999999999/pay`)).status).toBe(404);
    expect((await applicant.post(`/api/dev/payments/12345/pay`)).status).toBe(404);
    const { bill } = await awaiting();
    const bad = await applicant.post<Body>(`/api/dev/payments/${bill.billingCode}/pay`, { amount: 'lots', providerRef: 'has space' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.pointer)).toEqual(['/amount', '/providerRef']);
    const noCsrf = await applicant.request('POST', `/api/dev/payments/${bill.billingCode}/pay`, {}, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await findBill(srv.deps.sql, bill.billingCode))?.status).toBe('pending');
  });

  it('serves the pay page: bilingual, the amount and the code, a button, a script from the same origin', async () => {
    const { bill } = await awaiting();
    const res = await fetch(`${srv.url}/dev/pay/${bill.billingCode}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain(`data-billing-code="${bill.billingCode}"`);
    expect(html).toContain('Rp 1.350.000');
    expect(html).toMatch(/<button type="button" id="pay">Bayar <span lang="en">\/ Pay<\/span>/);
    expect(html).toContain('role="status"');
    expect(html).toContain('<script src="/dev/pay.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const js = await fetch(`${srv.url}/dev/pay.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    const script = await js.text();
    expect(script).toContain('/api/auth/csrf');
    expect(script).toContain('x-csrf-token');
    const missing = await fetch(`${srv.url}/dev/pay/999999999999999`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Bill not found');
  });
});

describe('sandbox in production', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ provider: 'sqlite', env: { NODE_ENV: 'production', PAYMENT_WEBHOOK_SECRET: 'production-secret-0123456789abcdefgh' }, workers: false });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('is absent: no /api/dev/payments, no sandbox page or script; the webhook stays', async () => {
    const client = srv.client();
    const now = srv.deps.clock.now();
    const bill = await issueBill(srv.deps.sql, { applicationId: 'none', amount: 350_000, currency: 'IDR', expiresAt: new Date(now.getTime() + 7_200_000).toISOString() }, now);
    expect((await client.post(`/api/dev/payments/${bill.billingCode}/pay`)).status).toBe(404);
    // What answers there is the web app's fallback (or 404 without a build), never the sandbox.
    for (const p of [`/dev/pay/${bill.billingCode}`, '/dev/pay.js']) {
      const res = await fetch(srv.url + p);
      const text = await res.text();
      expect(text).not.toContain('data-billing-code');
      expect(text).not.toContain('/api/dev/payments/');
    }
    const unsigned = await fetch(`${srv.url}/api/payments/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(401);
  });
});
