/**
 * Payments (api.md "Payments"): the provider's signed webhook and the status of a bill.
 *
 * The webhook router is mounted on the /api router BEFORE `express.json` (the pack's rawRoutes):
 * its HMAC covers the exact bytes sent, so its route reads the body itself with `express.raw`
 * (JSON types only, 64 KiB). Once express.raw has read a body, no later parser touches it; every
 * other path falls through to the ordinary JSON stack. The webhook is signed, not CSRF-protected
 * (the pack lists its path as exempt).
 */
import express, { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { applyPaymentNotice, BILLING_CODE, findBill, type BillRecord } from './payments.ts';
import { NotFoundError } from '../../errors.ts';
import { currentUser } from '../../http/auth.ts';

export type PaymentView = Pick<BillRecord, 'billingCode' | 'applicationId' | 'amount' | 'currency' | 'status' | 'expiresAt' | 'paidAt' | 'flagged'>;

const BILL = { id: 'Tagihan', en: 'Bill' };

/** `POST /payments/webhook`, mounted before the JSON body parser. */
export function paymentWebhookRouter(deps: AppDeps): Router {
  const r = Router();
  r.post('/payments/webhook', express.raw({ type: ['application/json', 'application/*+json'], limit: '64kb' }), async (req, res) => {
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const out = await applyPaymentNotice(deps, { headers: req.headers, rawBody });
    res.status(out.status).json(out.body);
  });
  return r;
}

/** `GET /payments/:billingCode`: the bill's status, for its application's owner and the staff who may see the application (others: 404). */
export function paymentsRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/payments/:billingCode', async (req, res) => {
    const user = currentUser(req);
    const code = req.params.billingCode;
    if (typeof code !== 'string' || !BILLING_CODE.test(code)) throw new NotFoundError(BILL);
    const bill = await findBill(deps.sql, code);
    if (!bill) throw new NotFoundError(BILL);
    if (!(await deps.runtime.canSee(bill.applicationId, user))) throw new NotFoundError(BILL);
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
