/** The statuses the auditor's search offers: those the flows' definitions name (`statuses`), with their words. Pure. */
import type { I18nText } from '../../lib/types.ts';

export type StatusChoice = { status: string; label: I18nText | null };
type WithStatuses = { statuses?: Record<string, { label?: I18nText } | undefined> } | null | undefined;

/**
 * Every status the definitions name, once, in the order met (definitions in the order given, each
 * in its own order), with the first label given; then `current` (a status in the address no
 * definition names) if any. Pure.
 */
export function statusChoices(definitions: readonly WithStatuses[], current: string | null): StatusChoice[] {
  const out = new Map<string, StatusChoice>();
  for (const d of definitions) {
    for (const [status, entry] of Object.entries(d?.statuses ?? {})) {
      const known = out.get(status);
      if (!known) out.set(status, { status, label: entry?.label ?? null });
      else if (!known.label && entry?.label) out.set(status, { status, label: entry.label });
    }
  }
  if (current && !out.has(current)) out.set(current, { status: current, label: null });
  return [...out.values()];
}
