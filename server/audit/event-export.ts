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

/** Writes the CSV to `out` (ends it). `from`/`to` bound `at` (inclusive / exclusive ISO instants). */
export async function exportEvents(sql: SqlRunner, filter: ExportFilter, out: Writable, signal?: AbortSignal): Promise<number> {
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS], cast: { string: defuse, number: String } });
  csv.pipe(out);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.flow) {
    where.push('a."flowKey" = ?');
    params.push(filter.flow);
  }
  if (filter.from) {
    where.push('e."at" >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('e."at" < ?');
    params.push(filter.to);
  }
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
    const clauses = [...where];
    const args: (string | number)[] = [...params];
    if (cursor) {
      clauses.push('(e."at", e."applicationId", e."seq") > (?, ?, ?)');
      args.push(cursor[0], cursor[1], cursor[2]);
    }
    const page: Row[] = await sql.all<Row>(
      `SELECT e."applicationId", a."flowKey" AS "flow", a."flowVersion", e."seq", e."type", e."at", e."actorId", e."actorRole",
              e."fromState", e."toState", e."data", e."facts", e."prevHash", e."hash"
         FROM "Event" e JOIN "Application" a ON a."id" = e."applicationId"
        ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
        ORDER BY e."at", e."applicationId", e."seq" LIMIT ?`,
      [...args, PAGE],
    );
    for (const row of page) {
      if (gone) break;
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
