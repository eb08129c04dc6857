import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireBill, findBill, issueBill, signWebhook } from './payments.ts';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';

/** A flow that only waits for the payment: PAYMENT_CONFIRMED (sent by the webhook as the system) → booked; unpaid → expired. */
// The fixture flow `test-pay` (machines/fixtures/definitions) waits for its payment: PAYMENT_CONFIRMED (the webhook, as the system) → booked; unpaid → expired.

type Problem = { type: string; status: number; title: string; detail?: string; outcome?: string; errors?: { pointer: string; message: string }[] };
type Reply = { outcome: string; duplicate?: boolean; billingCode: string; providerRef: string; paidAt?: string; detail?: string | null };
type NoticeRow = { outcome: string; detail: string | null; amount: number; billingCode: string };

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(providers())('payments webhook (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  let n = 0;
  const secret = 'webhook-test-secret-0123456789abcdef';

  const nowMs = () => srv.deps.clock.now().getTime();
  /** Posts a notice like the provider: raw JSON body, X-Alur-Timestamp, X-Alur-Signature. */
  const deliver = async (notice: Record<string, unknown> | string, opts: { ts?: number; secret?: string; signature?: string | null } = {}) => {
    const raw = typeof notice === 'string' ? notice : JSON.stringify(notice);
    const ts = opts.ts ?? Math.floor(nowMs() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-alur-timestamp': String(ts) };
    if (opts.signature !== null) headers['x-alur-signature'] = opts.signature ?? signWebhook(opts.secret ?? secret, ts, raw);
    const res = await fetch(`${srv.url}/api/payments/webhook`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : null) as Reply & Problem };
  };
  const notices = (providerRef: string) => srv.deps.sql.all<NoticeRow>('SELECT "outcome", "detail", "amount", "billingCode" FROM "PaymentNotice" WHERE "providerRef" = ?', [providerRef]);
  const ref = () => `REF-${provider}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

  /** An application of test-pay waiting for its payment, with a bill (as the book hook would issue it). */
  const awaiting = async (expiresInMs = 2 * 3_600_000) => {
    const app = await applicant.post<{ id: string; state: string }>('/api/applications', { flow: 'test-pay' });
    expect(app.status).toBe(201);
    expect(app.body.state).toBe('awaitingPayment');
    const now = srv.deps.clock.now();
    const bill = await issueBill(srv.deps.sql, { applicationId: app.body.id, amount: 350_000, currency: 'IDR', expiresAt: new Date(now.getTime() + expiresInMs).toISOString() }, now);
    return { id: app.body.id, bill };
  };
  const state = async (id: string) => (await applicant.get<{ state: string; status: string }>(`/api/applications/${id}`)).body.state;
  const confirmations = async (id: string) =>
    (await applicant.get<{ type: string }[]>(`/api/applications/${id}/history`)).body.filter((e) => e.type === 'PAYMENT_CONFIRMED').length;
  const notice = (bill: { billingCode: string; amount: number }, over: Record<string, unknown> = {}) => ({
    providerRef: ref(),
    billingCode: bill.billingCode,
    amount: bill.amount,
    currency: 'IDR',
    paidAt: new Date(nowMs()).toISOString(),
    ...over,
  });

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: { PAYMENT_WEBHOOK_SECRET: secret } });
    applicant = srv.client();
    await applicant.signUp(`payer-${provider}@example.id`);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('401 for a bad signature, a missing one, or a timestamp more than 5 minutes away (either way); nothing kept', async () => {
    const { id, bill } = await awaiting();
    const good = notice(bill);
    for (const [opts, code] of [
      [{ secret: 'not-the-secret-0123456789abcdefghijkl' }, 'bad-signature'],
      [{ signature: 'sha256=' + '0'.repeat(64) }, 'bad-signature'],
      [{ signature: null }, 'missing-signature'],
      [{ ts: Math.floor(nowMs() / 1000) - 305 }, 'stale-timestamp'],
      [{ ts: Math.floor(nowMs() / 1000) + 305 }, 'stale-timestamp'],
    ] as const) {
      const r = await deliver(good, opts);
      expect(r.status, code).toBe(401);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.type).toBe(`https://alur.dev/problems/${code}`);
    }
    // A body changed after signing.
    const raw = JSON.stringify(good);
    const ts = Math.floor(nowMs() / 1000);
    const res = await fetch(`${srv.url}/api/payments/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-timestamp': String(ts), 'x-alur-signature': signWebhook(secret, ts, raw) },
      body: raw.replace('350000', '350001'),
    });
    expect(res.status).toBe(401);
    expect(await notices(good.providerRef)).toEqual([]);
    expect(await state(id)).toBe('awaitingPayment');
    expect((await findBill(srv.deps.sql, bill.billingCode))?.status).toBe('pending');
  });

  it('needs no CSRF token and takes no session: the signature is the authentication', async () => {
    const { bill } = await awaiting();
    const r = await deliver(notice(bill));
    expect(r.status).toBe(200);
  });

  it('400 for a signed body that is not a notice', async () => {
    const r = await deliver('{"providerRef": 5}');
    expect(r.status).toBe(400);
    expect(r.body.type).toBe('https://alur.dev/problems/invalid-notice');
    expect(r.body.errors?.map((e) => e.pointer)).toEqual(['/providerRef', '/billingCode', '/amount', '/currency']);
  });

  it('404 for an unknown billing code; the notice is kept (refused)', async () => {
    const nt = { providerRef: ref(), billingCode: '999999999999999', amount: 350_000, currency: 'IDR' };
    const r = await deliver(nt);
    expect(r.status).toBe(404);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.type).toBe('https://alur.dev/problems/unknown-billing-code');
    expect(await notices(nt.providerRef)).toEqual([{ outcome: 'refused', detail: 'unknown-billing-code', amount: 350_000, billingCode: '999999999999999' }]);
  });

  it('422 for a wrong amount or currency; the notice is kept (refused), the bill and application unchanged', async () => {
    const { id, bill } = await awaiting();
    const wrong = notice(bill, { amount: 35_000 });
    const r = await deliver(wrong);
    expect(r.status).toBe(422);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.type).toBe('https://alur.dev/problems/wrong-amount');
    expect(r.body.errors).toEqual([{ pointer: '/amount', message: 'harus 350000, jumlah tagihan', messages: { id: 'harus 350000, jumlah tagihan', en: 'must be 350000, the amount of the bill' } }]);
    expect(r.body.outcome).toBe('refused');
    expect(await notices(wrong.providerRef)).toEqual([{ outcome: 'refused', detail: 'wrong-amount', amount: 35_000, billingCode: bill.billingCode }]);

    const usd = notice(bill, { currency: 'USD' });
    const r2 = await deliver(usd);
    expect(r2.status).toBe(422);
    expect(r2.body.type).toBe('https://alur.dev/problems/wrong-currency');
    expect((await notices(usd.providerRef))[0]?.outcome).toBe('refused');

    expect(await findBill(srv.deps.sql, bill.billingCode)).toMatchObject({ status: 'pending', paidAt: null, flagged: false });
    expect(await state(id)).toBe('awaitingPayment');
    // The right payment still goes through afterwards.
    expect((await deliver(notice(bill))).status).toBe(200);
    expect(await state(id)).toBe('booked');
  });

  it('a good notice pays the bill and books the application; the same notice again answers 200 with the first outcome and applies nothing', async () => {
    const { id, bill } = await awaiting();
    const good = notice(bill);
    const r = await deliver(good);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ outcome: 'applied', billingCode: bill.billingCode, providerRef: good.providerRef, paidAt: good.paidAt });
    expect(await state(id)).toBe('booked');
    expect(await findBill(srv.deps.sql, bill.billingCode)).toMatchObject({ status: 'paid', paidAt: good.paidAt, providerRef: good.providerRef, flagged: false });

    const again = await deliver(good);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'applied', duplicate: true, billingCode: bill.billingCode, providerRef: good.providerRef });
    expect(await confirmations(id)).toBe(1);
    expect(await notices(good.providerRef)).toHaveLength(1);

    // A second, different payment of the paid bill: kept for a refund, nothing applied.
    const second = notice(bill);
    const r2 = await deliver(second);
    expect(r2.status).toBe(409);
    expect(r2.body.type).toBe('https://alur.dev/problems/already-paid');
    expect(await notices(second.providerRef)).toMatchObject([{ outcome: 'duplicate', detail: 'already-paid' }]);
    expect(await confirmations(id)).toBe(1);
    expect((await findBill(srv.deps.sql, bill.billingCode))?.providerRef).toBe(good.providerRef);
  });

  it('the same notice delivered many times at once moves the application once', async () => {
    const { id, bill } = await awaiting();
    const good = notice(bill);
    const replies = await Promise.all(Array.from({ length: 6 }, () => deliver(good)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(replies.every((r) => r.body.outcome === 'applied')).toBe(true);
    expect(await confirmations(id)).toBe(1);
    expect(await notices(good.providerRef)).toMatchObject([{ outcome: 'applied' }]);
    expect((await findBill(srv.deps.sql, bill.billingCode))?.status).toBe('paid');
  });

  it('a payment of an expired bill: 409 payment-after-expiry, bill and notice flagged latePaid, the application not moved', async () => {
    const { id, bill } = await awaiting();
    // The application gave up waiting (as CANCEL would; expiry by the timer is the next test).
    await srv.deps.sql.transaction((tx) => expireBill(tx, id, srv.deps.clock.now()));
    const late = notice(bill);
    const r = await deliver(late);
    expect(r.status).toBe(409);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.type).toBe('https://alur.dev/problems/payment-after-expiry');
    expect(r.body.outcome).toBe('latePaid');
    expect(await notices(late.providerRef)).toEqual([{ outcome: 'latePaid', detail: 'payment-after-expiry', amount: 350_000, billingCode: bill.billingCode }]);
    const flagged = await findBill(srv.deps.sql, bill.billingCode);
    expect(flagged).toMatchObject({ status: 'latePaid', flagged: true, providerRef: late.providerRef, paidAt: late.paidAt });
    expect(flagged?.note).toContain('refund due');
    expect(await state(id)).toBe('awaitingPayment');
    expect(await confirmations(id)).toBe(0);
    // Delivered again: the same first outcome, 200, nothing more.
    const again = await deliver(late);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'latePaid', duplicate: true });
  });

  it('a payment made after expiresAt is late even before the expiry timer fired', async () => {
    const { id, bill } = await awaiting(-60_000);
    const r = await deliver(notice(bill));
    expect(r.status).toBe(409);
    expect(r.body.type).toBe('https://alur.dev/problems/payment-after-expiry');
    expect(await findBill(srv.deps.sql, bill.billingCode)).toMatchObject({ status: 'latePaid', flagged: true });
    expect(await state(id)).toBe('awaitingPayment');
  });

  it('when the application no longer takes the payment (cancelled meanwhile) it is treated as late', async () => {
    const { id, bill } = await awaiting();
    expect((await applicant.post(`/api/applications/${id}/events`, { type: 'CANCEL' })).status).toBe(200);
    const late = notice(bill);
    const r = await deliver(late);
    expect(r.status).toBe(409);
    expect(r.body.type).toBe('https://alur.dev/problems/payment-after-expiry');
    expect(await notices(late.providerRef)).toMatchObject([{ outcome: 'latePaid', detail: 'payment-after-expiry' }]);
    expect(await findBill(srv.deps.sql, bill.billingCode)).toMatchObject({ status: 'latePaid', flagged: true, providerRef: late.providerRef });
    expect(await state(id)).toBe('cancelled');
  });

  it('GET /api/payments/:billingCode: the owner and staff who may see the application; others 404, anonymous 401', async () => {
    const { bill } = await awaiting();
    const mine = await applicant.get<Record<string, unknown>>(`/api/payments/${bill.billingCode}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ billingCode: bill.billingCode, amount: 350_000, currency: 'IDR', status: 'pending', expiresAt: bill.expiresAt, paidAt: null, flagged: false });
    const auditor = srv.client();
    await auditor.loginAs('auditor');
    expect((await auditor.get(`/api/payments/${bill.billingCode}`)).status).toBe(200);
    const stranger = srv.client();
    await stranger.signUp(`stranger-${provider}@example.id`);
    expect((await stranger.get(`/api/payments/${bill.billingCode}`)).status).toBe(404);
    expect((await stranger.get('/api/payments/999999999999999')).status).toBe(404);
    expect((await applicant.get('/api/payments/not-a-code')).status).toBe(404);
    const anon = await srv.client().get<Problem>(`/api/payments/${bill.billingCode}`);
    expect(anon.status).toBe(401);
    expect(anon.contentType).toContain('application/problem+json');
  });

  it('other JSON routes still parse their bodies (the raw webhook parser is route-specific)', async () => {
    const r = await applicant.post<{ state: string }>('/api/applications', { flow: 'test-pay' });
    expect(r.status).toBe(201);
    const bad = await applicant.request<Problem>('POST', '/api/applications', undefined, { raw: '{"flow":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('https://alur.dev/problems/malformed-json');
  });

  // Last: moves the shared manual clock.
  it('end to end: unpaid for two hours the application expires (timer, expirePayment); a payment then is 409 and flagged', async () => {
    const { id, bill } = await awaiting();
    const paid = await awaiting();
    await srv.deps.manualClock!.advance(2 * 3_600_000 + 60_000);
    srv.deps.scheduler.kick();
    expect(await waitFor(() => state(id), (s) => s === 'expired')).toBe('expired');
    expect((await findBill(srv.deps.sql, bill.billingCode))?.status).toBe('expired');
    const late = notice(bill);
    const r = await deliver(late);
    expect(r.status).toBe(409);
    expect(r.body.type).toBe('https://alur.dev/problems/payment-after-expiry');
    expect(await findBill(srv.deps.sql, bill.billingCode)).toMatchObject({ status: 'latePaid', flagged: true });
    expect(await notices(late.providerRef)).toMatchObject([{ outcome: 'latePaid' }]);
    expect(await state(id)).toBe('expired');
    expect(await confirmations(id)).toBe(0);
    expect(await waitFor(() => state(paid.id), (s) => s === 'expired')).toBe('expired');
  });
});
