/**
 * Payments (api.md "Payments"): the provider's signed webhook and the status of a bill.
 *
 * Mounted on the /api router BEFORE `express.json`: the webhook's HMAC covers the exact bytes
 * sent, so its route reads the body itself with `express.raw` (JSON types only, 64 KiB). Once
 * express.raw has read a body, no later parser touches it; every other path falls through to
 * the ordinary JSON stack. The bill status route resolves the session itself for the same reason.
 * The webhook is signed, not CSRF-protected (app.ts lists it as exempt).
 */
import express, { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { applyPaymentNotice, BILLING_CODE, findBill, type BillRecord } from '../domain/payments.ts';
import { NotFoundError } from '../errors.ts';
import { canSee } from '../runtime/access.ts';
import { currentUser, sessionMiddleware } from './auth.ts';

export type PaymentView = Pick<BillRecord, 'billingCode' | 'applicationId' | 'amount' | 'currency' | 'status' | 'expiresAt' | 'paidAt' | 'flagged'>;

const BILL = { id: 'Tagihan', en: 'Bill' };

export function paymentsRouter(deps: AppDeps): Router {
  const r = Router();

  r.post('/payments/webhook', express.raw({ type: ['application/json', 'application/*+json'], limit: '64kb' }), async (req, res) => {
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const out = await applyPaymentNotice(deps, { headers: req.headers, rawBody });
    res.status(out.status).json(out.body);
  });

  /** The bill's status, for its application's owner and the staff who may see the application (others: 404). */
  r.get('/payments/:billingCode', sessionMiddleware(deps.sessions), async (req, res) => {
    const user = currentUser(req);
    const code = req.params.billingCode;
    if (typeof code !== 'string' || !BILLING_CODE.test(code)) throw new NotFoundError(BILL);
    const bill = await findBill(deps.sql, code);
    if (!bill) throw new NotFoundError(BILL);
    const app = await deps.sql.get<{ ownerId: string; officeCode: string | null }>('SELECT "ownerId", "officeCode" FROM "Application" WHERE "id" = ?', [bill.applicationId]);
    if (!canSee(user, app ?? { ownerId: '', officeCode: null })) throw new NotFoundError(BILL);
    const view: PaymentView = {
      billingCode: bill.billingCode,
      applicationId: bill.applicationId,
      amount: bill.amount,
      currency: bill.currency,
      status: bill.status,
      expiresAt: bill.expiresAt,
      paidAt: bill.paidAt,
      flagged: bill.flagged,
    };
    res.json(view);
  });

  return r;
}
