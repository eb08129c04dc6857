/**
 * Payments (docs/passport-domain.md "Payments"): the fee of an application, bills with 15-digit
 * billing codes, and the payment provider's signed notices (`POST /api/payments/webhook`).
 *
 * A notice goes through three short transactions, so that no crash or retry loses money or
 * moves an application twice:
 *   1. intake: the notice is kept (unique `providerRef`) and checked against the bill; refusals
 *      (unknown code, wrong amount, late) are final here. A good one is kept as `received`.
 *   2. the application gets `PAYMENT_CONFIRMED` as the system (its own transaction, with the
 *      `confirmPayment` hook). The hook may call `settleReceivedPayment` in that transaction:
 *      then the bill becomes `paid` atomically with the event.
 *   3. finish: the bill is marked `paid` (if the hook did not) or, when the application refused
 *      the event, `latePaid` and flagged (the money is recorded for a refund).
 * A notice left `received` (crash, 5xx) is resumed by the provider's retry with the same
 * `providerRef`; a final one is answered 200 with its first outcome and nothing is applied again.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { I18nText } from '#machines/types.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { SqlDriver, SqlRunner } from '../../db/sql.ts';
import { BadRequestError, ConflictError, DomainError, ValidationError, type FieldError } from '../../errors.ts';
import type { Logger } from '../../log.ts';

// ---------------------------------------------------------------------------------------------
// Fees

export type PassportType = 'ordinary' | 'electronic';
export type ValidityYears = 5 | 10;
export type FeeLine = { label: I18nText; amount: number };
export type Fee = { amount: number; currency: 'IDR'; lines: FeeLine[] };

/** The largest amount a bill can hold (the `amount` columns are 32-bit integers). */
const MAX_AMOUNT = 2_147_483_647;

const PASSPORT_NAMES: Record<PassportType, I18nText> = {
  ordinary: { id: 'Paspor biasa', en: 'Ordinary passport' },
  electronic: { id: 'Paspor elektronik', en: 'Electronic passport' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rupiah(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_AMOUNT) {
    throw new Error(`${path} must be a whole number of rupiah (definition bug), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The fee of one application from `policy.fees`
 * (`{ ordinary: {"5": 350000, "10": 650000}, electronic: {…}, expressSurcharge: 1000000, currency: "IDR" }`):
 * the passport's fee, plus the express surcharge when `express`. Throws an Error naming the
 * missing or bad policy entry (a definition bug, not a user error).
 */
export function feeFor(policy: Record<string, unknown>, passport: { passportType: PassportType; validityYears: ValidityYears }, express: boolean): Fee {
  const { passportType, validityYears } = passport;
  if (passportType !== 'ordinary' && passportType !== 'electronic') throw new Error(`feeFor: unknown passport type ${JSON.stringify(passportType)}`);
  if (validityYears !== 5 && validityYears !== 10) throw new Error(`feeFor: validity must be 5 or 10 years, got ${JSON.stringify(validityYears)}`);
  const fees = policy.fees;
  if (!isRecord(fees)) throw new Error('policy.fees is missing: the definition must give the fee table (definition bug)');
  const currency = fees.currency ?? 'IDR';
  if (currency !== 'IDR') throw new Error(`policy.fees.currency must be "IDR" (definition bug), got ${JSON.stringify(currency)}`);
  const table = fees[passportType];
  if (!isRecord(table)) throw new Error(`policy.fees.${passportType} is missing (definition bug)`);
  const name = PASSPORT_NAMES[passportType];
  const lines: FeeLine[] = [
    {
      label: { id: `${name.id}, masa berlaku ${validityYears} tahun`, en: `${name.en}, ${validityYears}-year validity` },
      amount: rupiah(table[String(validityYears)], `policy.fees.${passportType}.${validityYears}`),
    },
  ];
  if (express) {
    lines.push({
      label: { id: 'Biaya tambahan layanan percepatan', en: 'Express service surcharge' },
      amount: rupiah(fees.expressSurcharge, 'policy.fees.expressSurcharge'),
    });
  }
  const amount = lines.reduce((sum, l) => sum + l.amount, 0);
  if (amount > MAX_AMOUNT) throw new Error(`feeFor: the total ${amount} is larger than a bill can hold (definition bug)`);
  return { amount, currency: 'IDR', lines };
}

// ---------------------------------------------------------------------------------------------
// Bills

export type BillStatus = 'pending' | 'paid' | 'expired' | 'latePaid';
export type Bill = { billingCode: string; amount: number; currency: string; expiresAt: string };
export type BillRecord = Bill & {
  applicationId: string;
  status: BillStatus;
  paidAt: string | null;
  providerRef: string | null;
  flagged: boolean;
  note: string | null;
  createdAt: string;
};

/** 15 digits, the first not 0. */
export const BILLING_CODE = /^[1-9]\d{14}$/;

/** A random billing code (node:crypto): 7 digits from 1000000–9999999, then 8 from 00000000–99999999, uniform over every code. */
export function newBillingCode(): string {
  return String(randomInt(1_000_000, 10_000_000)) + String(randomInt(0, 100_000_000)).padStart(8, '0');
}

const BILL_COLUMNS = '"billingCode", "applicationId", "amount", "currency", "status", "expiresAt", "paidAt", "providerRef", "flagged", "note", "createdAt"';

type BillRow = Omit<BillRecord, 'flagged' | 'amount'> & { flagged: unknown; amount: unknown };
const toBill = (r: BillRow): BillRecord => ({ ...r, amount: Number(r.amount), flagged: r.flagged === true || Number(r.flagged) === 1 });

/** The bill with this code, or undefined. `forUpdate` (PostgreSQL only) locks the row until the transaction ends. */
export async function findBill(tx: SqlRunner, billingCode: string, opts: { forUpdate?: boolean } = {}): Promise<BillRecord | undefined> {
  const row = await tx.get<BillRow>(`SELECT ${BILL_COLUMNS} FROM "Payment" WHERE "billingCode" = ?${opts.forUpdate ? ' FOR UPDATE' : ''}`, [billingCode]);
  return row && toBill(row);
}

/**
 * Issues a bill for the application (inside the booking's transaction): a new random 15-digit
 * code (another is drawn when it is taken), status `pending`. An earlier pending bill of the
 * same application (a new choice of date) is superseded: it becomes `expired`, so only the
 * newest code can move the application; a payment of the old one is kept and flagged.
 */
export async function issueBill(
  tx: SqlRunner,
  bill: { applicationId: string; amount: number; currency: string; expiresAt: string },
  now: Date,
  generate: () => string = newBillingCode,
): Promise<Bill> {
  if (!Number.isSafeInteger(bill.amount) || bill.amount < 0 || bill.amount > MAX_AMOUNT) throw new Error(`issueBill: bad amount ${bill.amount}`);
  if (Number.isNaN(Date.parse(bill.expiresAt))) throw new Error(`issueBill: bad expiresAt ${JSON.stringify(bill.expiresAt)}`);
  const createdAt = now.toISOString();
  for (let attempt = 1; attempt <= 10; attempt++) {
    const billingCode = generate();
    if (!BILLING_CODE.test(billingCode)) throw new Error(`issueBill: generated code ${JSON.stringify(billingCode)} is not 15 digits`);
    // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed
    // statement would abort the whole (booking) transaction.
    const inserted = await tx.run(
      'INSERT INTO "Payment" ("billingCode", "applicationId", "amount", "currency", "status", "expiresAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("billingCode") DO NOTHING',
      [billingCode, bill.applicationId, bill.amount, bill.currency, 'pending', bill.expiresAt, createdAt],
    );
    if (inserted !== 1) continue;
    await tx.run(
      `UPDATE "Payment" SET "status" = 'expired', "note" = COALESCE("note" || '; ', '') || ? WHERE "applicationId" = ? AND "status" = 'pending' AND "billingCode" <> ?`,
      [`superseded by ${billingCode} at ${createdAt}`, bill.applicationId, billingCode],
    );
    return { billingCode, amount: bill.amount, currency: bill.currency, expiresAt: bill.expiresAt };
  }
  throw new Error('issueBill: no free billing code in 10 draws');
}

/** `expirePayment`: the application's pending bill becomes `expired` (a later payment is kept and flagged). Resolves to how many bills changed. */
export async function expireBill(tx: SqlRunner, applicationId: string, now: Date): Promise<number> {
  return tx.run(`UPDATE "Payment" SET "status" = 'expired', "note" = COALESCE("note" || '; ', '') || ? WHERE "applicationId" = ? AND "status" = 'pending'`, [
    `expired at ${now.toISOString()}`,
    applicationId,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Webhook signatures

export const TIMESTAMP_HEADER = 'x-alur-timestamp';
export const SIGNATURE_HEADER = 'x-alur-signature';
/** How far a notice's timestamp may be from the server's clock, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`. */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export type WebhookCheck = { ok: true; timestamp: number } | { ok: false; reason: 'missing-signature' | 'bad-signature' | 'stale-timestamp' };
export type HeaderBag = Record<string, string | string[] | undefined>;

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v);

/** Checks `X-Alur-Timestamp` and `X-Alur-Signature` (header names in lower case, as Node gives them) against the raw body, in constant time. */
export function verifyWebhook(secret: string, headers: HeaderBag, rawBody: string | Uint8Array, now: Date): WebhookCheck {
  const timestamp = single(headers[TIMESTAMP_HEADER])?.trim();
  const signature = single(headers[SIGNATURE_HEADER])?.trim();
  if (!timestamp || !signature) return { ok: false, reason: 'missing-signature' };
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(signature);
  if (!/^\d{1,12}$/.test(timestamp) || !m) return { ok: false, reason: 'bad-signature' };
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody).slice('sha256='.length), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'))) return { ok: false, reason: 'bad-signature' };
  const ts = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale-timestamp' };
  return { ok: true, timestamp: ts };
}

// ---------------------------------------------------------------------------------------------
// Notices

/** `received`: kept, the application not yet answered (a retry resumes it); the others are final. */
export type NoticeOutcome = 'received' | 'applied' | 'duplicate' | 'latePaid' | 'refused';
export type PaymentNotice = { providerRef: string; billingCode: string; amount: number; currency: string; paidAt: string };
type NoticeRecord = { id: string; providerRef: string; billingCode: string; amount: number; outcome: NoticeOutcome; detail: string | null; body: string; receivedAt: string };

/**
 * Keeps a notice (every notice, whatever its outcome). Resolves to false, writing nothing, when
 * a notice with this `providerRef` is already kept (it never fails the transaction).
 */
export async function recordNotice(
  tx: SqlRunner,
  notice: { providerRef: string; billingCode: string; amount: number; outcome: NoticeOutcome; detail: string | null; body: string },
  now: Date,
): Promise<boolean> {
  const inserted = await tx.run(
    'INSERT INTO "PaymentNotice" ("id", "providerRef", "billingCode", "amount", "outcome", "detail", "body", "receivedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("providerRef") DO NOTHING',
    [randomUUID(), notice.providerRef, notice.billingCode, notice.amount, notice.outcome, notice.detail, notice.body, now.toISOString()],
  );
  return inserted === 1;
}

async function findNotice(tx: SqlRunner, providerRef: string): Promise<NoticeRecord | undefined> {
  const row = await tx.get<NoticeRecord>(
    'SELECT "id", "providerRef", "billingCode", "amount", "outcome", "detail", "body", "receivedAt" FROM "PaymentNotice" WHERE "providerRef" = ?',
    [providerRef],
  );
  return row && { ...row, amount: Number(row.amount) };
}

/** Moves a `received` notice to its final outcome. */
async function finishNotice(tx: SqlRunner, providerRef: string, outcome: Exclude<NoticeOutcome, 'received'>, detail: string | null) {
  await tx.run(`UPDATE "PaymentNotice" SET "outcome" = ?, "detail" = ? WHERE "providerRef" = ? AND "outcome" = 'received'`, [outcome, detail, providerRef]);
}

/** The bill is paid by this notice, and the notice applied. No-op unless the bill's status is one of `from` (default: pending). */
async function markPaid(tx: SqlRunner, billingCode: string, providerRef: string, paidAt: string, from: BillStatus[] = ['pending']): Promise<boolean> {
  const changed = await tx.run(
    `UPDATE "Payment" SET "status" = 'paid', "paidAt" = ?, "providerRef" = ? WHERE "billingCode" = ? AND "status" IN (${from.map(() => '?').join(', ')})`,
    [paidAt, providerRef, billingCode, ...from],
  );
  if (changed === 1) await finishNotice(tx, providerRef, 'applied', null);
  return changed === 1;
}

/** A payment after expiry: the bill becomes `latePaid` and flagged; the money is recorded for a refund. */
async function flagLate(tx: SqlRunner, billingCode: string, n: PaymentNotice, why: string, now: Date) {
  await tx.run(
    `UPDATE "Payment" SET "status" = 'latePaid', "flagged" = TRUE, "paidAt" = COALESCE("paidAt", ?), "providerRef" = COALESCE("providerRef", ?), "note" = COALESCE("note" || '; ', '') || ? WHERE "billingCode" = ? AND "status" IN ('pending', 'expired', 'latePaid')`,
    [n.paidAt, n.providerRef, `paid after expiry (${why}): ${n.amount} ${n.currency} by ${n.providerRef} at ${n.paidAt}, received ${now.toISOString()}; refund due`, billingCode],
  );
}

/**
 * For the `confirmPayment` hook, inside the event's transaction: marks the application's pending
 * bill `paid` by the earliest `received` notice for it, so bill and event commit together.
 * Resolves to what was settled, or null when no notice is waiting (the webhook then settles
 * the bill itself right after the event).
 */
export async function settleReceivedPayment(tx: SqlRunner, applicationId: string): Promise<{ billingCode: string; providerRef: string; paidAt: string } | null> {
  const row = await tx.get<{ billingCode: string; providerRef: string; body: string; receivedAt: string }>(
    `SELECT n."billingCode", n."providerRef", n."body", n."receivedAt" FROM "PaymentNotice" n JOIN "Payment" p ON p."billingCode" = n."billingCode"
     WHERE p."applicationId" = ? AND p."status" = 'pending' AND n."outcome" = 'received' ORDER BY n."receivedAt", n."id" LIMIT 1`,
    [applicationId],
  );
  if (!row) return null;
  let paidAt = row.receivedAt;
  try {
    const p = (JSON.parse(row.body) as { paidAt?: unknown }).paidAt;
    if (typeof p === 'string' && !Number.isNaN(Date.parse(p))) paidAt = new Date(p).toISOString();
  } catch {
    // the body was checked at intake; keep the time of receipt
  }
  return (await markPaid(tx, row.billingCode, row.providerRef, paidAt)) ? { billingCode: row.billingCode, providerRef: row.providerRef, paidAt } : null;
}

/** What applyPaymentNotice needs; AppDeps has it. */
export type PaymentDeps = {
  sql: SqlDriver;
  clock: Clock;
  log: Logger;
  config: Pick<Config, 'paymentWebhookSecret'>;
  runtime: { applySystem(applicationId: string, type: string): Promise<unknown> };
};

export const PAYMENT_CONFIRMED = 'PAYMENT_CONFIRMED';

export type NoticeReply = {
  status: 200;
  body: { outcome: Exclude<NoticeOutcome, 'received'>; billingCode: string; providerRef: string; duplicate?: true; detail?: string | null; paidAt?: string };
};

const SIGNATURE_TEXTS: Record<Exclude<WebhookCheck, { ok: true }>['reason'], I18nText> = {
  'missing-signature': { id: 'Header X-Alur-Timestamp dan X-Alur-Signature wajib ada.', en: 'The X-Alur-Timestamp and X-Alur-Signature headers are required.' },
  'bad-signature': { id: 'Tanda tangan tidak cocok dengan isi permintaan.', en: 'The signature does not match the request body.' },
  'stale-timestamp': {
    id: 'Cap waktu berselisih lebih dari 5 menit dengan jam server.',
    en: 'The timestamp is more than 5 minutes away from the server clock.',
  },
};

const ids = (n: { billingCode: string; providerRef: string }) => ({ billingCode: n.billingCode, providerRef: n.providerRef });

function unknownBillingCode(n: PaymentNotice) {
  return new DomainError(
    404,
    'unknown-billing-code',
    { id: 'Kode billing tidak dikenal', en: 'Unknown billing code' },
    { id: `Tidak ada tagihan dengan kode ${n.billingCode}. Pemberitahuan ini disimpan.`, en: `There is no bill with code ${n.billingCode}. The notice is kept.` },
    { outcome: 'refused', ...ids(n) },
  );
}

function paymentAfterExpiry(n: PaymentNotice, reason: I18nText) {
  return new ConflictError(
    'payment-after-expiry',
    {
      id: `Pembayaran ${n.billingCode} diterima setelah tagihan tidak berlaku (${reason.id}). Permohonan tidak diubah; pembayaran dicatat untuk dikembalikan.`,
      en: `Payment of ${n.billingCode} arrived after the bill stopped being valid (${reason.en}). The application is not moved; the payment is recorded for a refund.`,
    },
    { outcome: 'latePaid', ...ids(n) },
    { id: 'Pembayaran terlambat', en: 'Payment after expiry' },
  );
}

function alreadyPaid(n: PaymentNotice) {
  return new ConflictError(
    'already-paid',
    {
      id: `Tagihan ${n.billingCode} sudah dibayar dengan transaksi lain. Pembayaran ini dicatat untuk dikembalikan.`,
      en: `Bill ${n.billingCode} was already paid by another transaction. This payment is recorded for a refund.`,
    },
    { outcome: 'duplicate', ...ids(n) },
    { id: 'Sudah dibayar', en: 'Already paid' },
  );
}

const EXPIRED: I18nText = { id: 'kedaluwarsa', en: 'expired' };

/** Parses and checks the notice's JSON; 400 `invalid-notice` listing the bad fields. */
export function parseNotice(rawBody: string | Uint8Array, now: Date): PaymentNotice {
  let body: unknown;
  try {
    body = JSON.parse(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
  } catch {
    body = undefined;
  }
  const errors: FieldError[] = [];
  const bad = (pointer: string, id: string, en: string) => errors.push({ pointer, message: en, messages: { id, en } });
  if (!isRecord(body)) {
    bad('', 'harus objek JSON', 'must be a JSON object');
    throw new BadRequestError({ id: 'Pemberitahuan pembayaran tidak valid.', en: 'Invalid payment notice.' }, 'invalid-notice', { errors });
  }
  const { providerRef, billingCode, amount, currency, paidAt } = body;
  if (typeof providerRef !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(providerRef)) bad('/providerRef', 'harus 1–200 karakter ASCII tanpa spasi', 'must be 1–200 visible ASCII characters');
  if (typeof billingCode !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(billingCode)) bad('/billingCode', 'harus kode billing', 'must be a billing code');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || amount > MAX_AMOUNT) bad('/amount', 'harus bilangan bulat rupiah', 'must be a whole number of rupiah');
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) bad('/currency', 'harus kode mata uang ISO 4217, mis. IDR', 'must be an ISO 4217 currency code such as IDR');
  let paid = now.toISOString();
  if (paidAt !== undefined) {
    const t = typeof paidAt === 'string' ? Date.parse(paidAt) : NaN;
    if (Number.isNaN(t) || t > now.getTime() + WEBHOOK_TOLERANCE_SECONDS * 1000) bad('/paidAt', 'harus waktu ISO 8601 yang sudah lewat', 'must be an ISO 8601 time, not in the future');
    else paid = new Date(t).toISOString();
  }
  if (errors.length) throw new BadRequestError({ id: 'Pemberitahuan pembayaran tidak valid.', en: 'Invalid payment notice.' }, 'invalid-notice', { errors });
  return { providerRef: providerRef as string, billingCode: billingCode as string, amount: amount as number, currency: currency as string, paidAt: paid };
}

/** Thrown inside the intake when another delivery of the same notice was kept first; the intake runs again. */
class NoticeRace extends Error {}

type Intake = { kind: 'reply'; reply: NoticeReply } | { kind: 'refuse'; error: DomainError } | { kind: 'apply'; bill: BillRecord };

const duplicateReply = (first: NoticeRecord): NoticeReply => {
  if (first.outcome === 'received') throw new Error('duplicateReply: the first delivery is still being applied');
  return { status: 200, body: { outcome: first.outcome, duplicate: true, billingCode: first.billingCode, providerRef: first.providerRef, detail: first.detail } };
};
const appliedReply = (n: PaymentNotice, paidAt: string): NoticeReply => ({ status: 200, body: { outcome: 'applied', ...ids(n), paidAt } });

/**
 * The webhook: verifies the signature (401), parses the notice (400), then applies the rules of
 * the contract. Resolves to the 200 reply; refusals throw typed errors (404 unknown code, 422
 * wrong amount or currency, 409 `payment-after-expiry` / `already-paid`) after the notice is kept.
 * Errors of the application other than a refusal (5xx) are rethrown with the notice left
 * `received`, so the provider's retry finishes it.
 */
export async function applyPaymentNotice(deps: PaymentDeps, input: { headers: HeaderBag; rawBody: string | Uint8Array }): Promise<NoticeReply> {
  const now = deps.clock.now();
  const check = verifyWebhook(deps.config.paymentWebhookSecret, input.headers, input.rawBody, now);
  if (!check.ok) throw new DomainError(401, check.reason, { id: 'Tanda tangan tidak valid', en: 'Invalid signature' }, SIGNATURE_TEXTS[check.reason]);
  const body = typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  const n = parseNotice(body, now);

  let intake: Intake;
  for (let attempt = 1; ; attempt++) {
    try {
      intake = await intakeNotice(deps, n, body, now);
      break;
    } catch (err) {
      if (err instanceof NoticeRace && attempt < 3) continue;
      throw err;
    }
  }
  if (intake.kind === 'reply') return intake.reply;
  if (intake.kind === 'refuse') throw intake.error;

  let refusal: DomainError | null = null;
  try {
    await deps.runtime.applySystem(intake.bill.applicationId, PAYMENT_CONFIRMED);
  } catch (err) {
    // A 4xx is the application's answer (not in a state that takes a payment: expired, cancelled…).
    if (!(err instanceof DomainError) || err.status >= 500) throw err;
    refusal = err;
  }
  const out = await finishApplying(deps, n, refusal, deps.clock.now());
  if (out.kind === 'refuse') throw out.error;
  return out.reply;
}

async function intakeNotice(deps: PaymentDeps, n: PaymentNotice, body: string, now: Date): Promise<Intake> {
  const { sql, log } = deps;
  return sql.transaction(async (tx): Promise<Intake> => {
    // The bill first: on PostgreSQL its row lock orders every notice of one bill.
    const bill = BILLING_CODE.test(n.billingCode) ? await findBill(tx, n.billingCode, { forUpdate: sql.kind === 'postgres' }) : undefined;
    const existing = await findNotice(tx, n.providerRef);
    if (existing && existing.outcome !== 'received') return { kind: 'reply', reply: duplicateReply(existing) };
    const keep = async (outcome: Exclude<NoticeOutcome, 'received'>, detail: string | null) => {
      if (existing) await finishNotice(tx, n.providerRef, outcome, detail);
      else if (!(await recordNotice(tx, { ...n, outcome, detail, body }, now))) throw new NoticeRace();
    };

    if (!bill) {
      await keep('refused', 'unknown-billing-code');
      log.warn('payment notice for an unknown billing code (kept)', { ...ids(n), amount: n.amount });
      return { kind: 'refuse', error: unknownBillingCode(n) };
    }
    const errors: FieldError[] = [];
    if (n.amount !== bill.amount) {
      errors.push({ pointer: '/amount', message: `must be ${bill.amount}, the amount of the bill`, messages: { id: `harus ${bill.amount}, jumlah tagihan`, en: `must be ${bill.amount}, the amount of the bill` } });
    }
    if (n.currency !== bill.currency) {
      errors.push({ pointer: '/currency', message: `must be ${bill.currency}`, messages: { id: `harus ${bill.currency}`, en: `must be ${bill.currency}` } });
    }
    if (errors.length) {
      const code = n.amount !== bill.amount ? 'wrong-amount' : 'wrong-currency';
      await keep('refused', code);
      log.warn('payment notice refused (kept)', { ...ids(n), code, amount: n.amount, currency: n.currency });
      const error = new ValidationError(
        errors,
        { id: 'Jumlah atau mata uang tidak sesuai dengan tagihan. Pemberitahuan ini disimpan.', en: 'The amount or currency does not match the bill. The notice is kept.' },
        code,
      );
      Object.assign(error.extensions, { outcome: 'refused', ...ids(n) });
      return { kind: 'refuse', error };
    }
    if (bill.status === 'paid') {
      if (bill.providerRef === n.providerRef) {
        await keep('applied', null);
        return { kind: 'reply', reply: appliedReply(n, bill.paidAt ?? n.paidAt) };
      }
      await keep('duplicate', 'already-paid');
      log.warn('second payment of a paid bill (kept for a refund)', { ...ids(n), firstRef: bill.providerRef });
      return { kind: 'refuse', error: alreadyPaid(n) };
    }
    if (bill.status !== 'pending' || Date.parse(n.paidAt) > Date.parse(bill.expiresAt)) {
      await flagLate(tx, bill.billingCode, n, bill.status === 'pending' ? 'paid after expiresAt' : `bill ${bill.status}`, now);
      await keep('latePaid', 'payment-after-expiry');
      log.warn('payment after expiry (kept, flagged for a refund)', { ...ids(n), applicationId: bill.applicationId });
      return { kind: 'refuse', error: paymentAfterExpiry(n, EXPIRED) };
    }
    if (!existing && !(await recordNotice(tx, { ...n, outcome: 'received', detail: null, body }, now))) throw new NoticeRace();
    return { kind: 'apply', bill };
  });
}

/** After the application answered: the bill paid (unless the hook did it), or flagged late. */
async function finishApplying(deps: PaymentDeps, n: PaymentNotice, refusal: DomainError | null, now: Date): Promise<Exclude<Intake, { kind: 'apply' }>> {
  const { sql, log } = deps;
  return sql.transaction(async (tx): Promise<Exclude<Intake, { kind: 'apply' }>> => {
    const bill = await findBill(tx, n.billingCode, { forUpdate: sql.kind === 'postgres' });
    const notice = await findNotice(tx, n.providerRef);
    if (!bill || !notice) throw new Error(`payment notice ${n.providerRef}: bill or notice vanished`);
    // Finished meanwhile: by the hook in the event's transaction, or by a concurrent delivery.
    if (notice.outcome === 'applied') return { kind: 'reply', reply: appliedReply(n, bill.paidAt ?? n.paidAt) };
    if (notice.outcome !== 'received') return { kind: 'reply', reply: duplicateReply(notice) };
    if (bill.status === 'paid') {
      if (bill.providerRef === n.providerRef) {
        await finishNotice(tx, n.providerRef, 'applied', null);
        return { kind: 'reply', reply: appliedReply(n, bill.paidAt ?? n.paidAt) };
      }
      await finishNotice(tx, n.providerRef, 'duplicate', 'already-paid');
      log.warn('second payment of a paid bill (kept for a refund)', { ...ids(n), firstRef: bill.providerRef });
      return { kind: 'refuse', error: alreadyPaid(n) };
    }
    if (refusal === null) {
      // The application took this payment, so the bill is paid by it, even if it was superseded
      // or expired in between (a new date chosen at the same moment): the record follows the money.
      if (bill.status !== 'pending') log.warn('the application took the payment of a bill that stopped being pending meanwhile; recorded as paid', { ...ids(n), applicationId: bill.applicationId, status: bill.status });
      await markPaid(tx, bill.billingCode, n.providerRef, n.paidAt, ['pending', 'expired', 'latePaid']);
      return { kind: 'reply', reply: appliedReply(n, n.paidAt) };
    }
    // Refused now, but applied by an earlier delivery of this notice that stopped before this step.
    if (bill.status === 'pending' && (await confirmedSince(tx, bill.applicationId, bill.createdAt))) {
      await markPaid(tx, bill.billingCode, n.providerRef, n.paidAt);
      return { kind: 'reply', reply: appliedReply(n, n.paidAt) };
    }
    const why = `application refused ${PAYMENT_CONFIRMED}: ${refusal.code}`;
    await flagLate(tx, bill.billingCode, n, why, now);
    await finishNotice(tx, n.providerRef, 'latePaid', 'payment-after-expiry');
    log.warn('payment after expiry (kept, flagged for a refund)', { ...ids(n), applicationId: bill.applicationId, why });
    return { kind: 'refuse', error: paymentAfterExpiry(n, { id: 'permohonan tidak lagi menunggu pembayaran', en: 'the application no longer awaits payment' }) };
  });
}

async function confirmedSince(tx: SqlRunner, applicationId: string, since: string): Promise<boolean> {
  const row = await tx.get('SELECT 1 AS "one" FROM "Event" WHERE "applicationId" = ? AND "type" = ? AND "at" >= ? LIMIT 1', [applicationId, PAYMENT_CONFIRMED, since]);
  return row !== undefined;
}
