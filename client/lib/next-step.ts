/**
 * The applicant's status page, as data (pages/History.tsx renders it):
 * - `nextStep(view)`: what happens next, from the application view alone: the flow's own words
 *   (`next`, from the state or its status), the form to fill in, and the events the viewer may
 *   send; never from a flow's state ids or statuses, so it holds for every flow;
 * - `timeline(entries, ctx)`: the history in words: what happened (the event's label from the
 *   flow, a step completed, a timer), where it led (the state's label), who did it, a reason or
 *   a note given; without state ids.
 * Both pure. Domain packs add their own panel and timeline facts (lib/packs.tsx).
 */
import type { I18n, Params } from './i18n.ts';
import { isRecord } from './json-pointer.ts';
import { isNextTextKey, type NextTextKey } from './next-step-texts.ts';
import type { ApplicationView, EventView, HistoryEntry, I18nText, StepView } from './types.ts';

export type NextStep =
  /** A form to fill in: a step of the application (`step`), or another, e.g. a document an officer asked for. */
  | { kind: 'form'; title: I18nText | null; step: boolean }
  /** No form, but the viewer may do something on the application page (`also` says what). */
  | { kind: 'act' }
  /** The application has ended. */
  | { kind: 'final' }
  /** Nothing to do now (others are at work, or a timer runs). */
  | { kind: 'nothing' };

export type NextPlan = {
  /** What happens next, in the flow's words (null when it says nothing). */
  text: I18nText | null;
  step: NextStep;
  /** The things the viewer may do now, besides the form (cancel, change the date, …). */
  also: EventView[];
};

/** Where the application stands and what the person looking at it can do next. Pure. */
export function nextStep(view: ApplicationView): NextPlan {
  const text = view.next ?? null;
  // BACK is a way around the form, not something to do; SUBMIT is the form itself.
  const others = view.events.filter((e) => e.type !== 'BACK' && !(view.form && e.type === 'SUBMIT'));
  if (view.final) return { text, step: { kind: 'final' }, also: [] };
  if (view.form) {
    const stepLabel = view.step?.label;
    return { text, step: { kind: 'form', title: stepLabel ?? view.form.title ?? null, step: stepLabel !== undefined }, also: others };
  }
  if (others.length > 0) return { text, step: { kind: 'act' }, also: others };
  return { text, step: { kind: 'nothing' }, also: [] };
}

// --- the timeline -----------------------------------------------------------------------------

/** A history entry as the server sends it (api.md). */
export type TimelineSource = HistoryEntry;

export type TimelineItem = {
  seq: number;
  at: string;
  /** What happened, in words. */
  title: string;
  /** Facts worth telling (where it led, the reason of a rejection, a pack's facts, …). */
  details: string[];
  /** Who did it, in words ("by you", "by an officer", "automatically, by the system"). */
  by: string;
};

export type TimelineContext = {
  /** The flow's applicant steps (the view's `steps`), to name the step a form was sent from. */
  steps: readonly StepView[] | undefined;
  /** The viewer's user id: their own actions are "by you". */
  selfId: string | null;
  i18n: Pick<I18n, 'tx'>;
  text: (key: NextTextKey, params?: Params) => string;
  /** More facts of an entry, from the installed domain packs. */
  details?: (entry: TimelineSource) => string[];
};

/** A timer's event (`xstate.after.<delay>.<state>`): the engine's, not anyone's action. */
const TIMER = /^xstate\.after\./;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The history as a list for people, in order. Pure. */
export function timeline(entries: readonly TimelineSource[], ctx: TimelineContext): TimelineItem[] {
  return [...entries].sort((a, b) => a.seq - b.seq).map((entry) => describeEntry(entry, ctx));
}

/** The step a state belongs to, when the state is named after it (`identity`, `application.sponsor`). */
function stepOf(steps: TimelineContext['steps'], state: string | null): StepView | undefined {
  if (!state) return undefined;
  return steps?.find((s) => s.id === state || state.endsWith(`.${s.id}`));
}

function describeEntry(entry: TimelineSource, ctx: TimelineContext): TimelineItem {
  const { text, i18n } = ctx;
  const data = isRecord(entry.data) ? entry.data : {};
  const label = entry.label ? i18n.tx(entry.label) : '';
  const toLabel = entry.toLabel ? i18n.tx(entry.toLabel) : '';
  const fromLabel = entry.fromLabel ? i18n.tx(entry.fromLabel) : '';
  const stepName = (state: string | null) => {
    const step = stepOf(ctx.steps, state);
    return step?.label ? i18n.tx(step.label) : '';
  };
  const details: string[] = [];
  let title: string;
  let moved = entry.to !== entry.from && toLabel !== '' && toLabel !== fromLabel;

  if (entry.type === 'START') {
    title = text('tl.START');
    moved = false;
  } else if (entry.type === 'SUBMIT') {
    // NOTE: not the event's label: a flow labels SUBMIT per state ("Lanjut", "Kirim jawaban"), the history has one per type.
    const step = stepName(entry.from);
    const inParallel = /[(),]/.test(entry.from ?? '');
    title = step ? text('tl.step', { step }) : fromLabel && !inParallel ? text('tl.sent', { form: fromLabel }) : text('tl.submitted');
  } else if (entry.type === 'BACK') {
    const step = stepName(entry.to) || toLabel;
    title = step ? text('tl.back', { step }) : text('tl.backPlain');
    moved = false;
  } else if (label) {
    title = label;
  } else if (TIMER.test(entry.type)) {
    title = text('tl.timer');
  } else {
    const key = `tl.${entry.type}`;
    title = isNextTextKey(key) ? text(key) : text('tl.other');
  }

  if (moved) details.push(text('tl.movedTo', { state: toLabel }));
  if (str(data.reason)) details.push(text('tl.reason', { reason: str(data.reason) }));
  if (str(data.note)) details.push(text('tl.note', { note: str(data.note) }));
  details.push(...(ctx.details?.(entry) ?? []));

  return { seq: entry.seq, at: entry.at, title, details, by: byWhom(entry, ctx) };
}

/** Who did it, in words: a timer or the system "automatically", the viewer "you", else by role. */
function byWhom(entry: TimelineSource, { selfId, text }: TimelineContext): string {
  if (entry.actorRole === 'system' || TIMER.test(entry.type)) return text('tl.bySystem');
  if (selfId && entry.actor === selfId) return text('tl.byYou');
  if (entry.actorRole === 'applicant') return text('tl.byApplicant');
  if (entry.actorRole === 'officer') return text('tl.byOfficer');
  return text('tl.byStaff');
}
