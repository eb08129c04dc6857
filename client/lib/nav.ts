/** Navigation helpers. */

/** A `next` location that stays on this site (`/path…`), else `null`: no open redirects. Pure. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button, [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus to the field with `id` and scrolls it into view. RJSF gives some widgets' wrapper
 * that id (radio and checkbox groups: options are `<id>-0`, `<id>-1`, …), so the first focusable
 * control inside it, or the first option, is taken instead.
 */
export function focusField(id: string): boolean {
  let el: HTMLElement | null = document.getElementById(id);
  if (el && !el.matches(FOCUSABLE)) el = el.querySelector<HTMLElement>(FOCUSABLE);
  el ??= document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"]`);
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return document.activeElement === el;
}
