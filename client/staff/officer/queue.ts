/**
 * The work queue's pure parts (`GET /api/applications?awaiting=me`): its address for a flow and a
 * page, joining pages, the flows to choose from, and how long an application has waited.
 */
import type { I18nText } from '../../lib/types.ts';
import { listUrl, type WorkItem } from './work-items.ts';

/** The address of a page of the caller's work queue, for one flow or all (null). Pure. */
export function queueUrl(flow: string | null, cursor?: string | null): string {
  return listUrl({ awaiting: 'me', flow }, cursor);
}

/**
 * The items so far followed by a new page, each application once (a row that moved between two
 * requests may come again: the first place it was shown is kept). Pure.
 */
export function appendPage<T extends { id: string }>(items: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(items.map((i) => i.id));
  const out = [...items];
  for (const item of page) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

export type FlowChoice = { key: string; title: I18nText | null };

/**
 * The flows the filter offers: the published ones (in their order), then those only met in the
 * queue (a flow hidden from the public list, an older version's), then the one asked for in the
 * address if still unknown. Pure.
 */
export function flowChoices(flows: readonly { key: string; title?: I18nText | null }[], items: readonly Pick<WorkItem, 'flow' | 'title'>[], current: string | null): FlowChoice[] {
  const out = new Map<string, FlowChoice>();
  for (const f of flows) if (!out.has(f.key)) out.set(f.key, { key: f.key, title: f.title ?? null });
  for (const i of items) if (!out.has(i.flow)) out.set(i.flow, { key: i.flow, title: i.title });
  if (current && !out.has(current)) out.set(current, { key: current, title: null });
  return [...out.values()];
}

export type Waited = { value: number; unit: 'minute' | 'hour' | 'day' };

/**
 * How long since `sinceIso` at `nowMs`, in the unit people would say it (minutes under an hour,
 * hours under two days, then days), rounded down, never negative; null for a bad time. Pure.
 */
export function waitedFor(sinceIso: string, nowMs: number): Waited | null {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return null;
  const minutes = Math.max(0, Math.floor((nowMs - since) / 60_000));
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: 'hour' };
  return { value: Math.floor(hours / 24), unit: 'day' };
}

/** "3 jam yang lalu" / "3 hours ago" (Intl, in the UI language). Pure. */
export function waitedText(waited: Waited, lang: 'id' | 'en'): string {
  return new Intl.RelativeTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { numeric: 'auto' }).format(-waited.value, waited.unit);
}

/** A short reference people can read out for an item: its lookup code, else the start of its id. Pure. */
export function itemRef(item: Pick<WorkItem, 'id' | 'lookupCode'>): string {
  return item.lookupCode || item.id.slice(0, 8);
}
