/**
 * The passport pack's part of "what to do next" on the status page, as data (NextStepPanel.tsx
 * renders it): the bill to pay before its deadline, the appointment to come to, the passport to
 * collect from its pick-up date. The flow's own words (`view.next`) say the rest. Pure.
 */
import { isRecord } from '../../lib/json-pointer.ts';
import type { ApplicationView } from '../../lib/types.ts';

export type PassportNext =
  /** The bill is open (`overdue`: its deadline has passed and the status has not caught up yet). */
  | { kind: 'pay'; billingCode: string; amount: number | null; currency: string; expiresAt: string; expiresAtLocal: string; overdue: boolean }
  /** Booked and paid: come to the office. */
  | { kind: 'attend'; appointment: Record<string, unknown> }
  /** The passport is ready: where (`office`, when the view says) and from when. */
  | { kind: 'pickup'; office: string; date: string | null }
  /** The pick-up date is known, the passport not ready yet. */
  | { kind: 'pickupDate'; date: string }
  /** In the draw for a session's places (the live standing comes from the published draw). */
  | { kind: 'draw'; draw: DrawFacts }
  /** Not drawn: back at the schedule step, with the nearest free places offered in words. */
  | { kind: 'drawLost'; draw: DrawFacts };

/** The `draw` facts of the view (server/domain/passport/draws.ts DrawFacts), as the pack reads them. */
export type DrawFacts = {
  id: string;
  officeCode: string;
  officeName: string;
  date: string;
  session: string;
  places: number;
  resultAtLocal: string;
  entryId: string;
  outcome: string | null;
  offersText: { id: string; en: string } | null;
};

function drawOf(view: ApplicationView): DrawFacts | null {
  const d = view.draw;
  return isRecord(d) && typeof d.id === 'string' && typeof d.officeCode === 'string' && typeof d.date === 'string' ? (d as DrawFacts) : null;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The passport-specific next step of the application, or null when the flow's words say it all. */
export function passportNextStep(view: ApplicationView, now: number): PassportNext | null {
  if (view.final) return null;
  const draw = drawOf(view);
  if (draw && view.status === 'inDraw') return { kind: 'draw', draw };
  if (draw && draw.outcome === 'lost' && view.status === 'draft') return { kind: 'drawLost', draw };
  const payment = isRecord(view.payment) ? view.payment : null;
  const appointment = isRecord(view.appointment) ? view.appointment : null;
  const pickupDate = str(view.pickupDate) || null;
  if (view.status === 'awaitingPayment' && payment && str(payment.billingCode)) {
    const expiresAt = str(payment.expiresAt);
    const deadline = Date.parse(expiresAt);
    return {
      kind: 'pay',
      billingCode: str(payment.billingCode),
      amount: typeof payment.amount === 'number' ? payment.amount : null,
      currency: str(payment.currency) || 'IDR',
      expiresAt,
      expiresAtLocal: str(payment.expiresAtLocal),
      overdue: !Number.isNaN(deadline) && now >= deadline,
    };
  }
  if (view.status === 'booked' && appointment) return { kind: 'attend', appointment };
  if (view.status === 'readyForPickup') return { kind: 'pickup', office: str(appointment?.officeName), date: pickupDate };
  if (pickupDate) return { kind: 'pickupDate', date: pickupDate };
  return null;
}
