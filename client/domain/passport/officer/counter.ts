/**
 * The passport counter's data: the list items with the pack's columns (api.md
 * `GET /api/applications`: session, queue number, name, walk-in priority, pickup date), and pure
 * helpers to read queue codes, find the office's today and group a day's appointments by session.
 */
import type { WorkItem } from '../../../staff/officer/work-items.ts';

/** An item of `GET /api/applications` of a passport flow as staff get it. */
export type CounterItem = WorkItem & {
  appointmentDate?: string | null;
  queueCode?: string | null;
  session?: string | null;
  sessionStart?: string | null;
  sessionEnd?: string | null;
  queueNumber?: number | null;
  applicantName?: string | null;
  walkInPriority?: string | null;
  pickupDate?: string | null;
};

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

export type StatusCount = { status: string; label: CounterItem['statusLabel']; count: number };

/** How many items have each status (with its words, from the first item that has them), in STATUS_ORDER (unknown statuses last), zero counts left out. Pure. */
export function statusCounts(items: readonly CounterItem[]): StatusCount[] {
  const counts = new Map<string, StatusCount>();
  for (const i of items) {
    const c = counts.get(i.status) ?? { status: i.status, label: null, count: 0 };
    counts.set(i.status, { ...c, label: c.label ?? i.statusLabel ?? null, count: c.count + 1 });
  }
  const rank = (s: string) => {
    const r = (STATUS_ORDER as readonly string[]).indexOf(s);
    return r < 0 ? STATUS_ORDER.length : r;
  };
  return [...counts.values()].sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status));
}

/** The oldest change first (the printing and hand-over queues). Pure. */
export function oldestFirst<T extends { updatedAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
}
