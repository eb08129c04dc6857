/**
 * What the staff pages read and send, for any flow: the items of `GET /api/applications` as staff
 * get them (api.md; packs add their own columns to each item), paged by `nextCursor`, and an
 * event sent with the view's version and an idempotency key.
 */
import { api } from '../../lib/api.ts';
import type { ApplicationView, StaffApplicationSummary } from '../../lib/types.ts';

/** An item of `GET /api/applications` as staff get it: the row's columns, the flow's title, the state's and the status's words, since when it waits (`awaiting=me`); packs add columns. */
export type WorkItem = StaffApplicationSummary;

export type ListPage<T extends WorkItem = WorkItem> = { items: T[]; nextCursor: string | null };

/** `/api/applications?…` for a query (empty values left out) and a cursor. Pure. */
export function listUrl(query: Record<string, string | null | undefined>, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return `/api/applications${s ? `?${s}` : ''}`;
}

/** One page of a staff search. */
export function listPage<T extends WorkItem = WorkItem>(query: Record<string, string | null | undefined>, cursor?: string | null, signal?: AbortSignal): Promise<ListPage<T>> {
  return api<ListPage<T>>(listUrl(query, cursor), signal ? { signal } : {});
}

/** The most pages one list view fetches (50 items each). */
const MAX_PAGES = 10;

/** Every item of a staff search (following `nextCursor`, at most MAX_PAGES pages); `more` if cut short. */
export async function listAll<T extends WorkItem = WorkItem>(query: Record<string, string>, signal?: AbortSignal): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r: ListPage<T> = await listPage<T>(query, cursor, signal);
    items.push(...r.items);
    cursor = r.nextCursor;
    if (!cursor) return { items, more: false };
  }
  return { items, more: true };
}

/** Sends an event with the view's version and a key (api.md): resolves to the new view. */
export function sendEvent<V extends ApplicationView = ApplicationView>(view: Pick<ApplicationView, 'id' | 'version'>, type: string, data: unknown, key: string): Promise<V> {
  return api<V>(`/api/applications/${encodeURIComponent(view.id)}/events`, {
    method: 'POST',
    body: data === undefined ? { type } : { type, data },
    headers: { 'If-Match': String(view.version), 'Idempotency-Key': key },
  });
}
