/** Labels for codes the API defines (statuses, well-known events), falling back to the code. */
import { isMessageKey, type I18n } from './i18n.ts';
import type { I18nText } from './types.ts';

/** The coarse `status` of an application for people (api.md "Passport flow vocabulary"). */
export function statusLabel(i18n: I18n, status: string): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? i18n.t(key) : status;
}

/** An event's button text: its label from the flow, else a known event's, else its type. */
export function eventLabel(i18n: I18n, type: string, label?: I18nText): string {
  if (label) return i18n.tx(label);
  const key = `event.${type}`;
  return isMessageKey(key) ? i18n.t(key) : type;
}
