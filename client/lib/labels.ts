/** Words for codes the API sends (statuses, events), from the flow's own labels, falling back to the code. */
import { isMessageKey, type I18n } from './i18n.ts';
import type { I18nText } from './types.ts';

/** An application's `status` for people: its label from the flow (`statusLabel`), else the status itself. */
export function statusLabel(i18n: Pick<I18n, 'tx'>, status: string, label?: I18nText | null): string {
  return (label && i18n.tx(label)) || status;
}

/** An event's button text: its label from the flow, else a generic event's (SUBMIT, BACK, CANCEL), else its type. */
export function eventLabel(i18n: I18n, type: string, label?: I18nText): string {
  if (label) return i18n.tx(label);
  const key = `event.${type}`;
  return isMessageKey(key) ? i18n.t(key) : type;
}

/**
 * The "yes" of a confirmation, naming what it does: "Ya, batalkan permohonan" / "Yes, cancel the
 * application" from the event's label (its first letter lowered unless the word is written in
 * capitals, like an abbreviation). Pure.
 */
export function confirmYes(i18n: I18n, type: string, label?: I18nText): string {
  const action = eventLabel(i18n, type, label);
  const lowered = /^\p{Lu}\p{Ll}/u.test(action) ? action.charAt(0).toLowerCase() + action.slice(1) : action;
  return i18n.t('app.confirmYes', { action: lowered });
}
