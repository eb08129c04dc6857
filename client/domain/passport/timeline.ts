/**
 * What the passport pack's history entries tell besides the flow's words (lib/next-step.ts
 * `timeline` asks every pack): the date booked or moved to, the queue number given, the pick-up
 * date set, the document an officer asked for (named as the flow names its kinds). Its few words
 * are here as {id, en} so the first page does not load the pack's dictionary for them. Pure.
 */
import { isRecord } from '../../lib/json-pointer.ts';
import type { ApplicationView, HistoryEntry, I18nText } from '../../lib/types.ts';
import { formatQueueNumber } from './format.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const TEXTS = {
  booked: (date: string): I18nText => ({ id: `Jadwal dipesan untuk ${date}`, en: `Appointment booked for ${date}` }),
  rescheduled: (date: string): I18nText => ({ id: `Jadwal diubah ke ${date}`, en: `Appointment moved to ${date}` }),
  requested: (kind: string): I18nText => ({ id: `Dokumen yang diminta: ${kind}`, en: `Document asked for: ${kind}` }),
  queue: (n: string): I18nText => ({ id: `Nomor antrean: ${n}`, en: `Queue number: ${n}` }),
  pickupDate: (date: string): I18nText => ({ id: `Dapat diambil mulai ${date}`, en: `Ready for pick-up from ${date}` }),
};

export function passportTimelineDetails(
  entry: HistoryEntry,
  tx: (text: I18nText) => string,
  formatDate: (ymd: string) => string,
  view?: ApplicationView,
): string[] {
  const data = isRecord(entry.data) ? entry.data : {};
  const facts = isRecord(entry.facts) ? entry.facts : {};
  const details: string[] = [];
  if (entry.type === 'SUBMIT' && str(data.officeCode) && str(data.date)) details.push(tx(TEXTS.booked(formatDate(str(data.date)))));
  if (entry.type === 'RESCHEDULE' && str(data.date)) details.push(tx(TEXTS.rescheduled(formatDate(str(data.date)))));
  if (entry.type === 'REQUEST_DOCUMENT' && str(data.kind)) {
    const kind = view?.documents?.find((d) => d.kind === str(data.kind));
    details.push(tx(TEXTS.requested(kind ? tx(kind.title) : str(data.kind))));
  }
  const queue = formatQueueNumber(facts.queueNumber);
  if (queue) details.push(tx(TEXTS.queue(queue)));
  if (str(facts.pickupDate)) details.push(tx(TEXTS.pickupDate(formatDate(str(facts.pickupDate)))));
  return details;
}
