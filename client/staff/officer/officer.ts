/**
 * The officer console's data: the list items with the counter's columns (api.md
 * `GET /api/applications`), and pure helpers to read queue codes, find the office's today and
 * group a day's appointments by session.
 */
import { api } from '../../lib/api.ts';
import type { ApplicationView, StaffApplicationSummary } from '../../lib/types.ts';

/** An item of `GET /api/applications` as a staff caller gets it. */
export type CounterItem = StaffApplicationSummary;

export type OfficeInfo = { code: string; name: string; timeZone: string };

/** Statuses in the order an application meets them (api.md "Passport flow vocabulary"). */
export const STATUS_ORDER = [
  'booked',
  'checkedIn',
  'inReview',
  'printing',
  'readyForPickup',
  'collected',
  'draft',
  'awaitingPayment',
  'noShow',
  'rejected',
  'cancelled',
  'expired',
  'walkInRequired',
  'uncollected',
] as const;

/** The most pages one list view fetches (50 items each). */
const MAX_PAGES = 10;

/** Every item of a staff search (following `nextCursor`, at most MAX_PAGES pages); `more` if cut short. */
export async function listAll(query: Record<string, string>, signal?: AbortSignal): Promise<{ items: CounterItem[]; more: boolean }> {
  const items: CounterItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams(query);
    if (cursor) params.set('cursor', cursor);
    const r: { items: CounterItem[]; nextCursor: string | null } = await api(`/api/applications?${params.toString()}`, signal ? { signal } : {});
    items.push(...r.items);
    cursor = r.nextCursor;
    if (!cursor) return { items, more: false };
  }
  return { items, more: true };
}

/** Sends an event with the view's version and a key (api.md): resolves to the new view. */
export function sendEvent(view: Pick<ApplicationView, 'id' | 'version'>, type: string, data: unknown, key: string): Promise<ApplicationView> {
  return api<ApplicationView>(`/api/applications/${encodeURIComponent(view.id)}/events`, {
    method: 'POST',
    body: data === undefined ? { type } : { type, data },
    headers: { 'If-Match': String(view.version), 'Idempotency-Key': key },
  });
}

/** A typed or scanned queue code as the server issued it: trimmed, upper case, no inner spaces. Pure. */
export function normalizeQueueCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/** The office a queue code belongs to (`ATB-20261201-017-K7QX2M` → `ATB`), or null if it does not look like one. Pure. */
export function officeOfCode(code: string): string | null {
  return /^([A-Z0-9]{2,10})-\d{8}-\d{1,4}-[A-Z0-9]{4,12}$/.exec(code)?.[1] ?? null;
}

/** Today (`YYYY-MM-DD`) in `timeZone` at `nowMs`. Pure. */
export function dayIn(timeZone: string, nowMs: number): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(nowMs));
  } catch {
    return new Date(nowMs).toISOString().slice(0, 10);
  }
}

export type SessionGroup = { key: string; start: string | null; end: string | null; items: CounterItem[] };

const byQueue = (a: CounterItem, b: CounterItem) =>
  (a.queueNumber ?? Number.MAX_SAFE_INTEGER) - (b.queueNumber ?? Number.MAX_SAFE_INTEGER) || a.createdAt.localeCompare(b.createdAt);

/** A day's appointments by session (by start time), each session's by queue number. Pure. */
export function groupBySession(items: readonly CounterItem[]): SessionGroup[] {
  const groups = new Map<string, SessionGroup>();
  for (const item of items) {
    const key = item.session ?? '';
    const g = groups.get(key) ?? { key, start: item.sessionStart ?? null, end: item.sessionEnd ?? null, items: [] };
    g.items.push(item);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.items.sort(byQueue);
  return [...groups.values()].sort((a, b) => (a.start ?? '99').localeCompare(b.start ?? '99') || a.key.localeCompare(b.key));
}

const PRIORITY_RANK: Record<string, number> = { disability: 0, elderly: 1 };

/** Walk-ins: priority first (disability, elderly, the rest), then who came first. Pure. */
export function sortWalkIns(items: readonly CounterItem[]): CounterItem[] {
  return [...items].sort((a, b) => (PRIORITY_RANK[a.walkInPriority ?? ''] ?? 2) - (PRIORITY_RANK[b.walkInPriority ?? ''] ?? 2) || a.createdAt.localeCompare(b.createdAt));
}

/** How many items have each status, in STATUS_ORDER (unknown statuses last), zero counts left out. Pure. */
export function statusCounts(items: readonly CounterItem[]): { status: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  const rank = (s: string) => {
    const r = (STATUS_ORDER as readonly string[]).indexOf(s);
    return r < 0 ? STATUS_ORDER.length : r;
  };
  return [...counts.entries()].map(([status, count]) => ({ status, count })).sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status));
}
