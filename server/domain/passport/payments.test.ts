import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { openTestDb, type TestDb } from '../../testing/harness.ts';
import { DEV_PAYMENT_WEBHOOK_SECRET, loadConfig } from '../../config.ts';
import { ConflictError } from '../../errors.ts';
import { createLogger } from '../../log.ts';
import {
  applyPaymentNotice,
  BILLING_CODE,
  expireBill,
  feeFor,
  findBill,
  issueBill,
  newBillingCode,
  parseNotice,
  recordNotice,
  settleReceivedPayment,
  signWebhook,
  verifyWebhook,
  type PaymentDeps,
} from './payments.ts';

/** The fee table of DOMAIN.md as the passport definitions carry it. */
const policy = {
  fees: { ordinary: { '5': 350_000, '10': 650_000 }, electronic: { '5': 650_000, '10': 950_000 }, expressSurcharge: 1_000_000, currency: 'IDR' },
};

describe('feeFor', () => {
  it.each([
    ['ordinary', 5, false, 350_000],
    ['ordinary', 10, false, 650_000],
    ['electronic', 5, false, 650_000],
    ['electronic', 10, false, 950_000],
    ['ordinary', 5, true, 1_350_000],
    ['ordinary', 10, true, 1_650_000],
    ['electronic', 5, true, 1_650_000],
    ['electronic', 10, true, 1_950_000],
  ] as const)('%s passport, %i years, express %s → Rp %i', (passportType, validityYears, express, amount) => {
    const fee = feeFor(policy, { passportType, validityYears }, express);
    expect(fee.amount).toBe(amount);
    expect(fee.currency).toBe('IDR');
    expect(fee.lines.reduce((s, l) => s + l.amount, 0)).toBe(amount);
    expect(fee.lines).toHaveLength(express ? 2 : 1);
  });

  it('itemises the passport fee and the express surcharge, in both languages', () => {
    expect(feeFor(policy, { passportType: 'electronic', validityYears: 10 }, true).lines).toEqual([
      { label: { id: 'Paspor elektronik, masa berlaku 10 tahun', en: 'Electronic passport, 10-year validity' }, amount: 950_000 },
      { label: { id: 'Biaya tambahan layanan percepatan', en: 'Express service surcharge' }, amount: 1_000_000 },
    ]);
  });

  it('throws a clear error when the policy lacks a number it needs (a definition bug)', () => {
    expect(() => feeFor({}, { passportType: 'ordinary', validityYears: 5 }, false)).toThrow(/policy\.fees is missing/);
    expect(() => feeFor({ fees: { ordinary: { '5': 350_000 } } }, { passportType: 'ordinary', validityYears: 10 }, false)).toThrow(/policy\.fees\.ordinary\.10/);
    expect(() => feeFor({ fees: { ordinary: { '5': 350_000 } } }, { passportType: 'electronic', validityYears: 5 }, false)).toThrow(/policy\.fees\.electronic is missing/);
    expect(() => feeFor({ fees: { ordinary: { '5': 350_000 } } }, { passportType: 'ordinary', validityYears: 5 }, true)).toThrow(/policy\.fees\.expressSurcharge/);
    expect(() => feeFor({ fees: { ordinary: { '5': '350000' } } }, { passportType: 'ordinary', validityYears: 5 }, false)).toThrow(/whole number of rupiah/);
    expect(() => feeFor({ fees: { ...policy.fees, currency: 'USD' } }, { passportType: 'ordinary', validityYears: 5 }, false)).toThrow(/currency must be "IDR"/);
    // Not needed, not checked: an ordinary 5-year fee without an express surcharge in the policy.
    expect(feeFor({ fees: { ordinary: { '5': 350_000 } } }, { passportType: 'ordinary', validityYears: 5 }, false).amount).toBe(350_000);
  });
});

describe('webhook signatures', () => {
  const secret = 'a-test-secret-of-at-least-thirty-two-chars';
  const body = '{"providerRef":"P-1","billingCode":"123456789012345","amount":350000,"currency":"IDR"}';
  const now = new Date('2026-12-01T03:00:00.000Z');
  const ts = Math.floor(now.getTime() / 1000);
  const headers = (t: number | string, sig: string) => ({ 'x-alur-timestamp': String(t), 'x-alur-signature': sig });

  it('signs timestamp + "." + body with HMAC-SHA256, as sha256=<hex>', () => {
    expect(signWebhook(secret, ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signWebhook(secret, ts, body)).toBe(signWebhook(secret, String(ts), Buffer.from(body)));
    expect(signWebhook(secret, ts, body)).not.toBe(signWebhook(secret, ts + 1, body));
  });

  it('accepts a good signature within five minutes either way', () => {
    expect(verifyWebhook(secret, headers(ts, signWebhook(secret, ts, body)), body, now)).toEqual({ ok: true, timestamp: ts });
    expect(verifyWebhook(secret, headers(ts - 300, signWebhook(secret, ts - 300, body)), body, now).ok).toBe(true);
    expect(verifyWebhook(secret, headers(ts + 300, signWebhook(secret, ts + 300, body)), body, now).ok).toBe(true);
  });

  it('refuses missing, malformed, wrong and stale signatures', () => {
    const good = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, {}, body, now)).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifyWebhook(secret, { 'x-alur-timestamp': String(ts) }, body, now)).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifyWebhook(secret, headers(ts, good.slice(7)), body, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, headers(ts, good), body + ' ', now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook('another-secret-of-at-least-thirty-two-chars', headers(ts, good), body, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, headers(ts + 1, good), body, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, headers('12a', good), body, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, headers(ts - 301, signWebhook(secret, ts - 301, body)), body, now)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verifyWebhook(secret, headers(ts + 301, signWebhook(secret, ts + 301, body)), body, now)).toEqual({ ok: false, reason: 'stale-timestamp' });
  });

  it('parses a notice and refuses malformed ones with field pointers', () => {
    expect(parseNotice(body, now)).toEqual({ providerRef: 'P-1', billingCode: '123456789012345', amount: 350000, currency: 'IDR', paidAt: now.toISOString() });
    expect(parseNotice(body.replace('}', ',"paidAt":"2026-12-01T10:00:00+08:00"}'), now).paidAt).toBe('2026-12-01T02:00:00.000Z');
    expect(() => parseNotice('not json', now)).toThrow(/Invalid payment notice/);
    try {
      parseNotice('{"providerRef":"has space","billingCode":"1","amount":1.5,"currency":"idr","paidAt":"2099-01-01T00:00:00Z"}', now);
      expect.unreachable();
    } catch (err) {
      const e = err as { status: number; code: string; extensions: { errors: { pointer: string }[] } };
      expect(e.status).toBe(400);
      expect(e.code).toBe('invalid-notice');
      expect(e.extensions.errors.map((x) => x.pointer)).toEqual(['/providerRef', '/amount', '/currency', '/paidAt']);
    }
  });
});

describe('PAYMENT_WEBHOOK_SECRET', () => {
  it('has a fixed development default outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).paymentWebhookSecret).toBe(DEV_PAYMENT_WEBHOOK_SECRET);
    expect(loadConfig({ NODE_ENV: 'test', PAYMENT_WEBHOOK_SECRET: 'x'.repeat(40) }).paymentWebhookSecret).toBe('x'.repeat(40));
  });
  it('is required in production, and must not be the development default or short', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PAYMENT_WEBHOOK_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_WEBHOOK_SECRET: DEV_PAYMENT_WEBHOOK_SECRET })).toThrow(/PAYMENT_WEBHOOK_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_WEBHOOK_SECRET: 'short' })).toThrow(/PAYMENT_WEBHOOK_SECRET: must be at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', PAYMENT_WEBHOOK_SECRET: 'p'.repeat(32) }).paymentWebhookSecret).toBe('p'.repeat(32));
  });
});

describe('billing codes', () => {
  it('are 15 digits, the first not 0', () => {
    for (let i = 0; i < 2000; i++) expect(newBillingCode()).toMatch(BILLING_CODE);
  });
});

describe.each(providers())('bills (%s)', (provider) => {
  let db: TestDb;
  const now = new Date('2026-12-01T03:00:00.000Z');
  const expiresAt = '2026-12-01T05:00:00.000Z';
  beforeAll(async () => {
    db = await openTestDb(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('issues 2000 bills with unique 15-digit codes', async () => {
    const codes = await db.sql.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const bill = await issueBill(tx, { applicationId: `app-${i}`, amount: 350_000, currency: 'IDR', expiresAt }, now);
        expect(bill).toEqual({ billingCode: expect.stringMatching(BILLING_CODE), amount: 350_000, currency: 'IDR', expiresAt });
        out.push(bill.billingCode);
      }
      return out;
    });
    expect(new Set(codes).size).toBe(2000);
    const stored = await db.sql.get<{ n: unknown }>('SELECT COUNT(*) AS "n" FROM "Payment" WHERE "status" = ?', ['pending']);
    expect(Number(stored?.n)).toBe(2000);
    const one = await findBill(db.sql, codes[1234]!);
    expect(one).toMatchObject({ applicationId: 'app-1234', amount: 350_000, currency: 'IDR', status: 'pending', expiresAt, paidAt: null, flagged: false, createdAt: now.toISOString() });
  });

  it('draws another code when one is taken, inside the same transaction', async () => {
    const taken = (await issueBill(db.sql, { applicationId: 'app-x', amount: 1, currency: 'IDR', expiresAt }, now)).billingCode;
    const draws = [taken, taken, '900000000000001'];
    const bill = await db.sql.transaction((tx) => issueBill(tx, { applicationId: 'app-y', amount: 650_000, currency: 'IDR', expiresAt }, now, () => draws.shift()!));
    expect(bill.billingCode).toBe('900000000000001');
    expect(draws).toEqual([]);
    expect((await findBill(db.sql, taken))?.applicationId).toBe('app-x');
    await expect(db.sql.transaction((tx) => issueBill(tx, { applicationId: 'app-z', amount: 1, currency: 'IDR', expiresAt }, now, () => taken))).rejects.toThrow(/no free billing code/);
  });

  it('supersedes the earlier pending bill of the application (one payable code at a time)', async () => {
    const first = await issueBill(db.sql, { applicationId: 'app-resched', amount: 350_000, currency: 'IDR', expiresAt }, now);
    const second = await issueBill(db.sql, { applicationId: 'app-resched', amount: 350_000, currency: 'IDR', expiresAt }, now);
    expect((await findBill(db.sql, first.billingCode))?.status).toBe('expired');
    expect((await findBill(db.sql, first.billingCode))?.note).toContain(`superseded by ${second.billingCode}`);
    expect((await findBill(db.sql, second.billingCode))?.status).toBe('pending');
  });

  it('expireBill: pending → expired; other bills untouched', async () => {
    const bill = await issueBill(db.sql, { applicationId: 'app-exp', amount: 350_000, currency: 'IDR', expiresAt }, now);
    const other = await issueBill(db.sql, { applicationId: 'app-other', amount: 350_000, currency: 'IDR', expiresAt }, now);
    expect(await db.sql.transaction((tx) => expireBill(tx, 'app-exp', new Date(expiresAt)))).toBe(1);
    expect(await expireBill(db.sql, 'app-exp', new Date(expiresAt))).toBe(0);
    expect(await findBill(db.sql, bill.billingCode)).toMatchObject({ status: 'expired', note: `expired at ${expiresAt}` });
    expect((await findBill(db.sql, other.billingCode))?.status).toBe('pending');
  });

  it('recordNotice keeps one notice per providerRef, without failing the transaction on a repeat', async () => {
    const n = { providerRef: 'REF-1', billingCode: '123456789012345', amount: 1, outcome: 'refused' as const, detail: 'unknown-billing-code', body: '{}' };
    const result = await db.sql.transaction(async (tx) => [await recordNotice(tx, n, now), await recordNotice(tx, { ...n, outcome: 'applied' }, now)]);
    expect(result).toEqual([true, false]);
    const rows = await db.sql.all<{ outcome: string }>('SELECT "outcome" FROM "PaymentNotice" WHERE "providerRef" = ?', ['REF-1']);
    expect(rows).toEqual([{ outcome: 'refused' }]);
  });
});

/**
 * The three steps of a notice against a stand-in for runtime.applySystem (the HTTP tests use the
 * real runtime): the hook settling the bill in the event's transaction, a crash or a 5xx between
 * the steps, and the provider's retry finishing the work.
 */
describe.each(providers())('applyPaymentNotice steps (%s)', (provider) => {
  let db: TestDb;
  const secret = 'steps-test-secret-0123456789abcdefgh';
  const now = new Date('2026-12-01T03:00:00.000Z');
  const clock = { now: () => now };
  let n = 0;
  beforeAll(async () => {
    db = await openTestDb(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  const deps = (applySystem: PaymentDeps['runtime']['applySystem']): PaymentDeps => ({
    sql: db.sql,
    clock,
    log: createLogger('silent'),
    config: { paymentWebhookSecret: secret },
    runtime: { applySystem },
  });
  const signed = (notice: object) => {
    const rawBody = JSON.stringify(notice);
    const ts = Math.floor(now.getTime() / 1000);
    return { rawBody, headers: { 'x-alur-timestamp': String(ts), 'x-alur-signature': signWebhook(secret, ts, rawBody) } };
  };
  const setup = async () => {
    const applicationId = `app-steps-${++n}`;
    const bill = await issueBill(db.sql, { applicationId, amount: 650_000, currency: 'IDR', expiresAt: '2026-12-01T05:00:00.000Z' }, now);
    const notice = { providerRef: `STEP-${n}`, billingCode: bill.billingCode, amount: 650_000, currency: 'IDR', paidAt: '2026-12-01T02:59:00.000Z' };
    return { applicationId, bill, notice };
  };
  const outcome = async (providerRef: string) => (await db.sql.get<{ outcome: string }>('SELECT "outcome" FROM "PaymentNotice" WHERE "providerRef" = ?', [providerRef]))?.outcome;
  const confirmEvent = (tx: Parameters<Parameters<typeof db.sql.transaction>[0]>[0], applicationId: string) =>
    tx.run(
      'INSERT INTO "Event" ("applicationId", "seq", "type", "actorId", "actorRole", "at", "fromState", "toState", "data", "prevHash", "hash") VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [applicationId, 'PAYMENT_CONFIRMED', 'system', 'system', now.toISOString(), 'awaitingPayment', 'booked', '{}', 'x', 'y'],
    );

  it('the confirmPayment hook can settle the bill inside the event transaction (atomic)', async () => {
    const { applicationId, bill, notice } = await setup();
    let settled: unknown;
    const reply = await applyPaymentNotice(
      deps(async (id, type) => {
        expect([id, type]).toEqual([applicationId, 'PAYMENT_CONFIRMED']);
        settled = await db.sql.transaction(async (tx) => {
          expect(await outcome(notice.providerRef)).toBe('received');
          return settleReceivedPayment(tx, id);
        });
      }),
      signed(notice),
    );
    expect(settled).toEqual({ billingCode: bill.billingCode, providerRef: notice.providerRef, paidAt: notice.paidAt });
    expect(reply).toEqual({ status: 200, body: { outcome: 'applied', billingCode: bill.billingCode, providerRef: notice.providerRef, paidAt: notice.paidAt } });
    expect(await findBill(db.sql, bill.billingCode)).toMatchObject({ status: 'paid', paidAt: notice.paidAt, providerRef: notice.providerRef });
    expect(await outcome(notice.providerRef)).toBe('applied');
    // Nothing waits any more.
    expect(await db.sql.transaction((tx) => settleReceivedPayment(tx, applicationId))).toBeNull();
  });

  it('a 5xx of the application leaves the notice received; the retry of the same notice finishes it', async () => {
    const { bill, notice } = await setup();
    await expect(applyPaymentNotice(deps(async () => Promise.reject(new Error('database went away'))), signed(notice))).rejects.toThrow('database went away');
    expect(await outcome(notice.providerRef)).toBe('received');
    expect((await findBill(db.sql, bill.billingCode))?.status).toBe('pending');
    let calls = 0;
    const reply = await applyPaymentNotice(deps(async () => void calls++), signed(notice));
    expect(calls).toBe(1);
    expect(reply.body.outcome).toBe('applied');
    expect((await findBill(db.sql, bill.billingCode))?.status).toBe('paid');
  });

  it('a crash after the event committed: the retry sees the event, pays the bill, and does not call it late', async () => {
    const { bill, notice } = await setup();
    await expect(
      applyPaymentNotice(
        deps(async (id) => {
          await db.sql.transaction((tx) => confirmEvent(tx, id));
          throw new Error('process died before the bill was marked');
        }),
        signed(notice),
      ),
    ).rejects.toThrow('process died');
    expect((await findBill(db.sql, bill.billingCode))?.status).toBe('pending');
    const notAllowed = new ConflictError('event-not-allowed', { id: 'tidak', en: 'not now' });
    const reply = await applyPaymentNotice(deps(async () => Promise.reject(notAllowed)), signed(notice));
    expect(reply.body).toMatchObject({ outcome: 'applied' });
    expect(await findBill(db.sql, bill.billingCode)).toMatchObject({ status: 'paid', flagged: false, providerRef: notice.providerRef });
    expect(await outcome(notice.providerRef)).toBe('applied');
  });

  it('a refusal of the application with no confirmation: late, flagged, 409', async () => {
    const { bill, notice } = await setup();
    const notAllowed = new ConflictError('event-not-allowed', { id: 'tidak', en: 'not now' });
    await expect(applyPaymentNotice(deps(async () => Promise.reject(notAllowed)), signed(notice))).rejects.toMatchObject({ status: 409, code: 'payment-after-expiry' });
    expect(await findBill(db.sql, bill.billingCode)).toMatchObject({ status: 'latePaid', flagged: true });
    expect(await outcome(notice.providerRef)).toBe('latePaid');
  });

  it('when the application took the payment, the bill is paid by it even if it was superseded in between', async () => {
    const { applicationId, bill, notice } = await setup();
    const reply = await applyPaymentNotice(
      deps(async () => {
        await issueBill(db.sql, { applicationId, amount: 650_000, currency: 'IDR', expiresAt: '2026-12-01T05:00:00.000Z' }, now);
      }),
      signed(notice),
    );
    expect(reply.body.outcome).toBe('applied');
    expect(await findBill(db.sql, bill.billingCode)).toMatchObject({ status: 'paid', providerRef: notice.providerRef });
    expect(await outcome(notice.providerRef)).toBe('applied');
  });

  it('a payment of a superseded code is late (only the newest code moves the application)', async () => {
    const { applicationId, bill, notice } = await setup();
    await issueBill(db.sql, { applicationId, amount: 650_000, currency: 'IDR', expiresAt: '2026-12-01T05:00:00.000Z' }, now);
    let called = false;
    await expect(applyPaymentNotice(deps(async () => void (called = true)), signed(notice))).rejects.toMatchObject({ status: 409, code: 'payment-after-expiry' });
    expect(called).toBe(false);
    expect((await findBill(db.sql, bill.billingCode))?.status).toBe('latePaid');
  });
});
