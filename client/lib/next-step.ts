/**
 * The applicant's status page, as data (pages/History.tsx renders it):
 * - `nextStep(view, now)`: what to do next, from the application view alone (api.md: `status`,
 *   the active `form`, the `events` the viewer may send, `payment`, `appointment`, `pickupDate`,
 *   `final`), never from a flow's state ids, so it holds for every version of the passport flows;
 * - `timeline(entries, ctx)`: the history in words (what happened, who did it, the facts worth
 *   telling: the date booked, the queue number, the pick-up date, a rejection's reason, the
 *   document an officer asked for), without state ids.
 * Both pure.
 */
import { isMessageKey, type I18n, type Params } from './i18n.ts';
import { isRecord } from './json-pointer.ts';
import { isNextTextKey, type NextTextKey } from './next-step-texts.ts';
import type { ApplicationView, EventView, HistoryEntry, I18nText } from './types.ts';
import { formatQueueNumber } from './money.ts';

export type NextStep =
  /** A form to fill in: a step of the application (`step`), or another, e.g. a document an officer asked for. */
  | { kind: 'form'; title: I18nText | null; step: boolean }
  /** The bill is open (`overdue`: its deadline has passed and the status has not caught up yet). */
  | { kind: 'pay'; billingCode: string; amount: number | null; currency: string; expiresAt: string; expiresAtLocal: string; overdue: boolean }
  /** Booked and paid: come to the office. */
  | { kind: 'attend'; appointment: Record<string, unknown> }
  /** Checked in: wait to be called. */
  | { kind: 'atOffice' }
  /** Officers are at work: nothing to do. */
  | { kind: 'wait'; stage: 'review' | 'printing' }
  /** The passport is ready: collect it (`office`: where, when the view says). */
  | { kind: 'pickup'; office: string }
  /** The application ended because it has to be done in person. */
  | { kind: 'visitOffice' }
  /** Closed without a passport (cancelled, expired, no-show, rejected, not collected). */
  | { kind: 'startAgain' }
  /** Collected: nothing more. */
  | { kind: 'done' }
  /** None of the above, but the viewer may do something on the application page. */
  | { kind: 'act' }
  | { kind: 'nothing' };

export type NextPlan = {
  step: NextStep;
  /** The pick-up date once known (`YYYY-MM-DD`). */
  pickupDate: string | null;
  /** Other things the viewer may do now, besides the next step (reschedule, cancel, …). */
  also: EventView[];
};

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Where the application stands and what the person looking at it should do next. Pure. */
export function nextStep(view: ApplicationView, now: number): NextPlan {
  const pickupDate = str(view.pickupDate) || null;
  const payment = isRecord(view.payment) ? view.payment : null;
  const appointment = isRecord(view.appointment) ? view.appointment : null;
  // BACK is a way around the form, not something to do; SUBMIT is the form itself.
  const others = view.events.filter((e) => e.type !== 'BACK' && !(view.form && e.type === 'SUBMIT'));
  const plan = (step: NextStep, also: EventView[] = others): NextPlan => ({ step, pickupDate, also });

  if (view.final) {
    if (view.status === 'collected') return plan({ kind: 'done' }, []);
    if (view.status === 'walkInRequired') return plan({ kind: 'visitOffice' }, []);
    return plan({ kind: 'startAgain' }, []);
  }
  if (view.form) {
    const stepLabel = view.step?.label;
    return plan({ kind: 'form', title: stepLabel ?? view.form.title ?? null, step: stepLabel !== undefined });
  }
  if (view.status === 'awaitingPayment' && payment && str(payment.billingCode)) {
    const expiresAt = str(payment.expiresAt);
    const deadline = Date.parse(expiresAt);
    return plan({
      kind: 'pay',
      billingCode: str(payment.billingCode),
      amount: typeof payment.amount === 'number' ? payment.amount : null,
      currency: str(payment.currency) || 'IDR',
      expiresAt,
      expiresAtLocal: str(payment.expiresAtLocal),
      overdue: !Number.isNaN(deadline) && now >= deadline,
    });
  }
  if (view.status === 'booked' && appointment) return plan({ kind: 'attend', appointment });
  if (view.status === 'checkedIn') return plan({ kind: 'atOffice' });
  if (view.status === 'readyForPickup') return plan({ kind: 'pickup', office: str(appointment?.officeName) });
  if (view.status === 'inReview') return plan({ kind: 'wait', stage: 'review' });
  if (view.status === 'printing') return plan({ kind: 'wait', stage: 'printing' });
  if (others.length > 0) return plan({ kind: 'act' }, []);
  return plan({ kind: 'nothing' });
}

// --- the timeline -----------------------------------------------------------------------------

/** A history entry as the server sends it (api.md; `facts`: what the server established for it). */
export type TimelineSource = HistoryEntry & { facts?: unknown };

export type TimelineItem = {
  seq: number;
  at: string;
  /** What happened, in words. */
  title: string;
  /** Facts worth telling (the queue number, the reason of a rejection, …). */
  details: string[];
  /** Who did it, in words ("by you", "by an immigration officer", "automatically, by the system"). */
  by: string;
};

export type TimelineContext = {
  /** The flow's applicant steps (the view's `steps`), to name the step a form was sent from. */
  steps: ApplicationView['steps'];
  /** The viewer's user id: their own actions are "by you". */
  selfId: string | null;
  i18n: Pick<I18n, 't' | 'tx' | 'formatDate'>;
  text: (key: NextTextKey, params?: Params) => string;
};

/** Known timers of the passport flows (`xstate.after.<delay>.<state>`): what their firing means. */
const TIMER = /^xstate\.after\.([^.]+)\./;

/** The history as a list for people, in order. Pure. */
export function timeline(entries: readonly TimelineSource[], ctx: TimelineContext): TimelineItem[] {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  return sorted.map((entry, i) => describeEntry(entry, sorted[i - 1], ctx));
}

function describeEntry(entry: TimelineSource, previous: TimelineSource | undefined, ctx: TimelineContext): TimelineItem {
  const { text, i18n } = ctx;
  const data = isRecord(entry.data) ? entry.data : {};
  const facts = isRecord(entry.facts) ? entry.facts : {};
  const stepName = (stateId: string | null) => {
    const step = ctx.steps?.find((s) => s.id === stateId);
    return step?.label ? i18n.tx(step.label) : '';
  };
  const date = (v: unknown) => (str(v) ? i18n.formatDate(str(v)) : '');
  const details: string[] = [];
  let title: string;

  switch (entry.type) {
    case 'SUBMIT': {
      const step = stepName(entry.from);
      if (str(data.officeCode) && str(data.date)) title = text('tl.booked', { date: date(data.date) });
      else if (step) title = text('tl.step', { step });
      else if (previous?.type === 'REQUEST_DOCUMENT' && previous.to === entry.from) title = text('tl.documentSent');
      else title = text('tl.submitted');
      break;
    }
    case 'BACK': {
      const step = stepName(entry.to);
      title = step ? text('tl.back', { step }) : text('tl.backPlain');
      break;
    }
    case 'RESCHEDULE':
      title = str(data.date) ? text('tl.rescheduled', { date: date(data.date) }) : text('tl.RESCHEDULE');
      break;
    case 'REQUEST_DOCUMENT': {
      const kindKey = `kind.${str(data.kind)}`;
      title = isMessageKey(kindKey) ? text('tl.requested', { kind: i18n.t(kindKey) }) : text('tl.REQUEST_DOCUMENT');
      if (str(data.note)) details.push(text('tl.note', { note: str(data.note) }));
      break;
    }
    case 'REJECT':
      title = text('tl.REJECT');
      if (str(data.reason)) details.push(text('tl.reason', { reason: str(data.reason) }));
      break;
    default: {
      const timer = TIMER.exec(entry.type)?.[1];
      const timerKey = `tl.timer.${timer ?? ''}`;
      const typeKey = `tl.${entry.type}`;
      if (timer) title = text(isNextTextKey(timerKey) ? timerKey : 'tl.timer');
      else title = isNextTextKey(typeKey) ? text(typeKey) : text('tl.other');
    }
  }

  const queue = formatQueueNumber(facts.queueNumber);
  if (entry.type === 'PAYMENT_CONFIRMED' && queue) details.push(text('tl.queue', { n: queue }));
  if (str(facts.pickupDate)) details.push(text('tl.pickupDate', { date: date(facts.pickupDate) }));

  return { seq: entry.seq, at: entry.at, title, details, by: byWhom(entry, ctx) };
}

function byWhom(entry: TimelineSource, { selfId, text }: TimelineContext): string {
  if (entry.actorRole === 'system') return text('tl.bySystem');
  if (selfId && entry.actor === selfId) return text('tl.byYou');
  if (entry.actorRole === 'applicant') return text('tl.byApplicant');
  if (entry.actorRole === 'officer') return text('tl.byOfficer');
  return text('tl.byStaff');
}
