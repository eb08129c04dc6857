/**
 * Where the applicant is in the flow, from the view alone: `view.steps` (the flow's applicant
 * steps in order) and `view.step` (the current one). No step names are known here; a flow may
 * add, drop or reorder steps.
 */
import { humanizeKey } from './answers.ts';
import type { I18nText } from './types.ts';

export type StepInfo = { id: string; order: number; label?: I18nText };
export type StepState = 'done' | 'current' | 'upcoming';
export type StepperItem = StepInfo & { state: StepState; /** 1-based place in the list. */ position: number };
/**
 * `row`: few steps, their names side by side where the screen is wide enough. `compact`: more
 * steps than names fit side by side even in the widest column ("Langkah 3 dari 20: …" and a bar
 * per step, at every width).
 */
export type StepperLayout = 'row' | 'compact';
export type StepperModel = { items: StepperItem[]; current: StepperItem; total: number; layout: StepperLayout };

/**
 * The most steps shown as a row of names: the page's column is at most 42rem wide, and a name
 * needs about 7rem to wrap between words (a step whose word is longer moves to a second row
 * rather than break it: Stepper.css).
 */
export const ROW_MAX_STEPS = 6;

/**
 * The stepper for `current` among `steps` (deduplicated by id, by `order`), or null when there is
 * nothing to show: no steps, or the application is not in one of them (e.g. it is with an
 * officer). Pure.
 */
export function stepperModel(steps: readonly StepInfo[] | undefined, current: Pick<StepInfo, 'id'> | undefined): StepperModel | null {
  if (!steps?.length || !current) return null;
  const seen = new Set<string>();
  const ordered = steps
    .filter((s) => !seen.has(s.id) && seen.add(s.id))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.order - b.s.order || a.i - b.i)
    .map(({ s }) => s);
  const at = ordered.findIndex((s) => s.id === current.id);
  if (at < 0) return null;
  const items = ordered.map(
    (s, i): StepperItem => ({ ...s, position: i + 1, state: i < at ? 'done' : i === at ? 'current' : 'upcoming' }),
  );
  return { items, current: items[at] as StepperItem, total: items.length, layout: items.length <= ROW_MAX_STEPS ? 'row' : 'compact' };
}

/** A step's name for people: its label in the UI language (`tx`), else its id made readable. */
export function stepName(step: StepInfo, tx: (text: I18nText | undefined) => string): string {
  return tx(step.label) || humanizeKey(step.id);
}

/** The steps before the current one (the ones whose answers can be checked and changed). Pure. */
export function earlierSteps(steps: readonly StepInfo[] | undefined, current: Pick<StepInfo, 'id'> | undefined): StepInfo[] {
  const model = stepperModel(steps, current);
  return model ? model.items.filter((s) => s.state === 'done').map(({ id, order, label }) => ({ id, order, ...(label ? { label } : {}) })) : [];
}

/** What a view has to say for going back (a subset of ApplicationView). */
export type BackView = { step?: Pick<StepInfo, 'id' | 'order'> | undefined; events: readonly { type: string }[] };

/**
 * One move towards the earlier step `target`: `arrived` when the view is on it, `back` when a
 * BACK is allowed and the view is still after it, `stuck` otherwise (no step, no BACK, or
 * already before it: the flow skipped it). Pure.
 */
export function backMove(view: BackView, target: Pick<StepInfo, 'id' | 'order'>): 'arrived' | 'back' | 'stuck' {
  if (!view.step) return 'stuck';
  if (view.step.id === target.id) return 'arrived';
  if (view.step.order <= target.order) return 'stuck';
  return view.events.some((e) => e.type === 'BACK') ? 'back' : 'stuck';
}

/**
 * Sends BACK until the view is on `target` (each answer says where the application now is), at
 * most `limit` times. Returns the last view reached and, if a BACK failed, its error (the
 * application is then wherever the last successful BACK left it).
 */
export async function backTo<V extends BackView>(
  start: V,
  target: Pick<StepInfo, 'id' | 'order'>,
  sendBack: (view: V) => Promise<V>,
  limit = 20,
): Promise<{ view: V; arrived: boolean; error?: unknown }> {
  let view = start;
  for (let i = 0; i < limit; i++) {
    const move = backMove(view, target);
    if (move !== 'back') return { view, arrived: move === 'arrived' };
    try {
      view = await sendBack(view);
    } catch (error) {
      return { view, arrived: false, error };
    }
  }
  return { view, arrived: backMove(view, target) === 'arrived' };
}
