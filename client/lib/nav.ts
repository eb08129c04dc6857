/** Navigation helpers. */

/** A `next` location that stays on this site (`/path…`), else `null`: no open redirects. Pure. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

const FOCUSABLE =
  'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus to the field with `id` and scrolls it into view. RJSF gives some widgets' wrapper
 * that id (radio and checkbox groups: options are `<id>-0`, `<id>-1`, …), so the chosen option,
 * the first enabled input inside it or its first button is taken instead, else the wrapper itself when it can take
 * focus (a group with `tabindex="-1"`, e.g. a calendar whose days are all closed), else the first
 * option.
 */
export function focusField(id: string): boolean {
  const target: HTMLElement | null = document.getElementById(id);
  let el = target;
  if (el && !el.matches(FOCUSABLE)) {
    el =
      el.querySelector<HTMLElement>('input:checked:not(:disabled)') ??
      el.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)') ??
      el.querySelector<HTMLElement>(FOCUSABLE);
    if (!el && target?.getAttribute('tabindex') === '-1') el = target;
  }
  el ??= document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"]`);
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return document.activeElement === el;
}
