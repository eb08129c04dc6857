/**
 * The sandbox payment gateway (non-production only; never mounted when `config.production`).
 *
 * `POST /api/dev/payments/:billingCode/pay {amount?, providerRef?}` plays the provider: it builds
 * the notice for the bill, signs it with PAYMENT_WEBHOOK_SECRET and POSTs it over real HTTP to
 * this server's own `/api/payments/webhook` (the address and port the request came in on), then
 * answers with the webhook's status and body. `amount` and `providerRef` override the notice's
 * (to try a wrong amount, or to deliver the same notice twice).
 *
 * `GET /dev/pay/:billingCode` is a small page with the bill and a Pay button (script at
 * `/dev/pay.js`, so the page's Content-Security-Policy needs no inline script).
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { AppDeps } from '../../deps.ts';
import { BILLING_CODE, findBill, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, type PaymentNotice } from './payments.ts';
import { DomainError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts';

const BILL = { id: 'Tagihan', en: 'Bill' };

/** Where this server answered the request: the same address and port reach its webhook. */
function selfOrigin(req: Request): string {
  let host = req.socket.localAddress ?? '127.0.0.1';
  if (host.startsWith('::ffff:')) host = host.slice('::ffff:'.length);
  if (host === '' || host === '0.0.0.0' || host === '::') host = '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}`;
}

/** `/payments/:billingCode/pay`, to mount under `/api/dev`. */
export function sandboxRouter(deps: AppDeps): Router {
  const r = Router();
  if (deps.config.production) return r;

  r.post('/payments/:billingCode/pay', async (req, res) => {
    const code = req.params.billingCode;
    if (typeof code !== 'string' || !BILLING_CODE.test(code)) throw new NotFoundError(BILL);
    const bill = await findBill(deps.sql, code);
    if (!bill) throw new NotFoundError(BILL);
    const body = (req.body ?? {}) as { amount?: unknown; providerRef?: unknown };
    const errors: FieldError[] = [];
    if (body.amount !== undefined && (typeof body.amount !== 'number' || !Number.isSafeInteger(body.amount) || body.amount < 0)) {
      errors.push({ pointer: '/amount', message: 'must be a whole number of rupiah', messages: { id: 'harus bilangan bulat rupiah', en: 'must be a whole number of rupiah' } });
    }
    if (body.providerRef !== undefined && (typeof body.providerRef !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(body.providerRef))) {
      errors.push({ pointer: '/providerRef', message: 'must be 1–200 visible ASCII characters', messages: { id: 'harus 1–200 karakter ASCII tanpa spasi', en: 'must be 1–200 visible ASCII characters' } });
    }
    if (errors.length) throw new ValidationError(errors);

    const now = deps.clock.now();
    const notice: PaymentNotice = {
      providerRef: typeof body.providerRef === 'string' ? body.providerRef : `SBX-${randomUUID()}`,
      billingCode: bill.billingCode,
      amount: typeof body.amount === 'number' ? body.amount : bill.amount,
      currency: bill.currency,
      paidAt: now.toISOString(),
    };
    const raw = JSON.stringify(notice);
    const timestamp = Math.floor(now.getTime() / 1000);
    let reply: Response;
    try {
      reply = await fetch(`${selfOrigin(req)}/api/payments/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(deps.config.paymentWebhookSecret, timestamp, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new DomainError(502, 'sandbox-unreachable', { id: 'Webhook tidak terjangkau', en: 'Webhook unreachable' }, {
        id: `Gerbang sandbox tidak dapat menghubungi webhook: ${String(err)}`,
        en: `The sandbox gateway could not reach the webhook: ${String(err)}`,
      });
    }
    const text = await reply.text();
    res
      .status(reply.status)
      .set('X-Alur-Provider-Ref', notice.providerRef)
      .type(reply.headers.get('content-type') ?? 'application/json')
      .send(text);
  });
  return r;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

const STATUS_TEXT: Record<string, { id: string; en: string }> = {
  pending: { id: 'Menunggu pembayaran', en: 'Awaiting payment' },
  paid: { id: 'Sudah dibayar', en: 'Paid' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
  latePaid: { id: 'Dibayar setelah kedaluwarsa (akan dikembalikan)', en: 'Paid after expiry (to be refunded)' },
};

function page(title: string, main: string, mainAttrs = ''): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1.5rem; color: #1a1a1a; background: #f6f7f9; }
  main { max-width: 32rem; margin: 0 auto; background: #fff; padding: 1.5rem; border-radius: 8px; border: 1px solid #d0d4da; }
  h1 { font-size: 1.35rem; margin-top: 0; }
  .en { color: #4a4f57; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; font-variant-numeric: tabular-nums; }
  .code { font-family: ui-monospace, monospace; letter-spacing: .08em; }
  button { font: inherit; font-weight: 600; padding: .6rem 1.4rem; border-radius: 6px; border: 2px solid #0b4f9c; background: #0b5fbf; color: #fff; cursor: pointer; }
  button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  button[disabled] { opacity: .6; cursor: wait; }
  .note { font-size: .9rem; color: #4a4f57; }
  [role=status] { margin-top: 1rem; min-height: 1.5em; font-weight: 600; }
</style>
</head>
<body>
<main${mainAttrs}>${main}</main>
</body>
</html>`;
}

const SCRIPT = `(() => {
  const main = document.querySelector('main[data-billing-code]');
  const button = document.getElementById('pay');
  const status = document.getElementById('result');
  if (!main || !button || !status) return;
  const code = main.getAttribute('data-billing-code');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Memproses… / Processing…';
    try {
      const csrf = await fetch('/api/auth/csrf', { credentials: 'same-origin' }).then((r) => r.json());
      const res = await fetch('/api/dev/payments/' + encodeURIComponent(code) + '/pay', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf.token },
        body: '{}',
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        status.textContent = 'Pembayaran berhasil. / Payment succeeded. (' + (body.outcome || res.status) + ')';
      } else {
        status.textContent = 'Gagal / Failed (' + res.status + '): ' + (body.detail || body.title || '');
      }
    } catch (e) {
      status.textContent = 'Kesalahan jaringan / Network error: ' + e;
    } finally {
      button.disabled = false;
      status.focus();
    }
  });
})();
`;

/** `/dev/pay/:billingCode` and `/dev/pay.js`, to mount on the app (after helmet, before the web app). */
export function sandboxPageRouter(deps: AppDeps): Router {
  const r = Router();
  if (deps.config.production) return r;

  r.get('/dev/pay.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-store').send(SCRIPT);
  });

  r.get('/dev/pay/:billingCode', async (req, res) => {
    const code = req.params.billingCode;
    const bill = typeof code === 'string' && BILLING_CODE.test(code) ? await findBill(deps.sql, code) : undefined;
    res.set('Cache-Control', 'no-store').type('html');
    if (!bill) {
      res.status(404).send(
        page(
          'Tagihan tidak ditemukan / Bill not found',
          `<h1>Tagihan tidak ditemukan <span class="en" lang="en">/ Bill not found</span></h1>
<p>Periksa kembali kode billing. <span class="en" lang="en">Check the billing code.</span></p>`,
        ),
      );
      return;
    }
    const st = STATUS_TEXT[bill.status] ?? { id: bill.status, en: bill.status };
    res.send(
      page(
        `Bayar ${bill.billingCode} – sandbox`,
        `<h1>Pembayaran sandbox <span class="en" lang="en">/ Sandbox payment</span></h1>
<p class="note">Gerbang uji coba: tidak ada uang sungguhan. <span class="en" lang="en">Test gateway: no real money moves.</span></p>
<dl>
  <dt>Kode billing <span class="en" lang="en">/ Billing code</span></dt>
  <dd class="code">${esc(bill.billingCode)}</dd>
  <dt>Jumlah <span class="en" lang="en">/ Amount</span></dt>
  <dd>${esc(rupiah(bill.amount))}${bill.currency === 'IDR' ? '' : ` ${esc(bill.currency)}`}</dd>
  <dt>Berlaku sampai <span class="en" lang="en">/ Valid until</span></dt>
  <dd><time datetime="${esc(bill.expiresAt)}">${esc(bill.expiresAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time></dd>
  <dt>Status</dt>
  <dd>${esc(st.id)} <span class="en" lang="en">/ ${esc(st.en)}</span></dd>
</dl>
<button type="button" id="pay">Bayar <span lang="en">/ Pay</span> ${esc(rupiah(bill.amount))}</button>
<p id="result" role="status" tabindex="-1"></p>
<script src="/dev/pay.js" defer></script>`,
        ` data-billing-code="${esc(bill.billingCode)}"`,
      ),
    );
  });
  return r;
}
