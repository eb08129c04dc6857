/**
 * The event log as CSV for auditors, streamed page by page in time order: each page is a range
 * of the index ("at", "applicationId", "seq") after the last row sent (a row-value keyset), so an
 * export of millions of events holds one page in memory, never sorts, and the first rows reach
 * the client at once. It stops when the client goes away or `signal` fires. Cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) are prefixed with a quote (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import type { SqlRunner } from '../db/sql.ts';

export type ExportFilter = { flow?: string; from?: string; to?: string };

export const CSV_COLUMNS = [
  'applicationId',
  'flow',
  'flowVersion',
  'seq',
  'type',
  'at',
  'actorId',
  'actorRole',
  'fromState',
  'toState',
  'data',
  'facts',
  'prevHash',
  'hash',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

const PAGE = 1000;

const defuse = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/**
 * One page of the log in time order after `cursor`, from "Event" alone: a range of its index
 * ("at", "applicationId", "seq"), or with a flow of ("flowKey", "at", "applicationId", "seq"),
 * never a sort (server/audit/event-export.test.ts EXPLAINs it). The page's applications are read
 * after it, by primary key.
 * NOTE: a join with the application's flow let a planner start from the applications and sort
 * every event of the flow for each page (seconds per page at 100,000 applications); hence the
 * event's own copy of its flow.
 */
export function eventPageQuery(filter: ExportFilter, cursor: [string, string, number] | null): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.flow) {
    where.push('"flowKey" = ?');
    params.push(filter.flow);
  }
  // NOTE: after the first page the cursor is the lower bound (every row sent was at or after
  // `from`): with both, SQLite started each page's range at `from` and skipped up to the cursor
  // row by row, so an export with `from` slowed with every page.
  if (filter.from && !cursor) {
    where.push('"at" >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('"at" < ?');
    params.push(filter.to);
  }
  if (cursor) {
    where.push('("at", "applicationId", "seq") > (?, ?, ?)');
    params.push(...cursor);
  }
  return {
    sql: `SELECT "applicationId", "seq", "type", "at", "actorId", "actorRole", "fromState", "toState", "data", "facts", "prevHash", "hash"
            FROM "Event"${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY "at", "applicationId", "seq" LIMIT ?`,
    params: [...params, PAGE],
  };
}

/** Writes the CSV to `out` (ends it). `from`/`to` bound `at` (inclusive / exclusive ISO instants). */
export async function exportEvents(sql: SqlRunner, filter: ExportFilter, out: Writable, signal?: AbortSignal): Promise<number> {
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS], cast: { string: defuse, number: String } });
  csv.pipe(out);
  let cursor: [string, string, number] | null = null;
  let n = 0;
  let gone = false; // the client went away: stop reading
  const leave = () => {
    gone = true;
    csv.emit('drain');
  };
  out.once('close', leave);
  signal?.addEventListener('abort', leave, { once: true });
  while (!gone) {
    const q = eventPageQuery(filter, cursor);
    const page = await sql.all<Omit<Row, 'flow' | 'flowVersion'>>(q.sql, q.params);
    const ids = [...new Set(page.map((e) => String(e.applicationId)))];
    const apps = ids.length
      ? await sql.all<{ id: string; flowKey: string; flowVersion: number }>(
          `SELECT "id", "flowKey", "flowVersion" FROM "Application" WHERE "id" IN (${ids.map(() => '?').join(', ')})`,
          ids,
        )
      : [];
    const byId = new Map(apps.map((a) => [a.id, a]));
    for (const e of page) {
      if (gone) break;
      const app = byId.get(String(e.applicationId));
      if (!app) continue; // a log whose application row is gone (verify reports it)
      const row = e as Row; // the page's own objects, completed in place (no copy per row)
      row.flow = app.flowKey;
      row.flowVersion = app.flowVersion;
      // back-pressure: wait for the client to take what was written before producing more
      if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      n++;
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    cursor = [String(last.at), String(last.applicationId), Number(last.seq)];
  }
  if (gone) {
    csv.destroy();
    return n;
  }
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
    csv.end();
  });
  return n;
}
