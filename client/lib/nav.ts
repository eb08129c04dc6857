/** Navigation helpers. */

/** A `next` location that stays on this site (`/path…`), else `null`: no open redirects. Pure. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/** Moves focus to the field with `id` (or, for radio groups, its first option) and scrolls it into view. */
export function focusField(id: string): boolean {
  const el = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"]`);
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return true;
}
