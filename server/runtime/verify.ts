/**
 * Audit check: replays each application's event log from the start with the pure engine and
 * compares the result with the stored snapshot, and recomputes every hash of the chain.
 *
 * The whole log is read by the Event primary key in pages (row-value keyset on
 * (applicationId, seq)), the applications of each page in one read, and the CPU work yields the
 * event loop every few milliseconds: a verification of millions of events runs beside live
 * requests (`onProgress` after each page; `signal` stops it between applications). `idRange`
 * limits it to a range of application ids: `npm run verify --jobs N` verifies N ranges at once.
 */
import { apply as applyEvent, start } from '#machines/engine.ts';
import { canonicalJson } from '#machines/canonical-json.ts';
import type { Actor, EngineEvent, FlowInput } from '#machines/types.ts';
import type { SqlRunner } from '../db/sql.ts';
import type { FlowCatalog } from '../flows/catalog.ts';
import { eventHash, GENESIS_HASH } from './hash.ts';
import { listEvents, loadApplication, APP_COLUMNS, EVENT_COLUMNS, type ApplicationRow, type EventRow } from './event-store.ts';
import { yielder } from './yielder.ts';

export type Mismatch = { applicationId: string; seq?: number; problem: string };
export type VerifyReport = { checked: number; events: number; mismatches: Mismatch[] };
/**
 * `idRange`: only the logs whose application id is in [from, to) (either end open when left out),
 * compared as the database orders the Event primary key. Ranges that cover the id space without
 * overlapping (`idRanges`) split a verification into parts whose reports add up to the whole one:
 * each log, a deleted application's included, falls in exactly one part. `applicationId` ignores it.
 */
export type VerifyFilter = { applicationId?: string; flow?: string; idRange?: IdRange };
export type IdRange = { from?: string; to?: string };
export type VerifyOptions = {
  signal?: AbortSignal;
  /** Called after each page with the running totals. */
  onProgress?: (report: VerifyReport) => void | Promise<void>;
  /** Events per page (default 1,000: one page is one short synchronous read on SQLite). */
  pageSize?: number;
};

const actorOf = (e: EventRow): Actor => ({ id: e.actorId, role: e.actorRole as Actor['role'] });

/** Verifies one application; returns its mismatches (empty when the log and the snapshot agree). */
export async function verifyApplication(
  sql: SqlRunner,
  catalog: FlowCatalog,
  row: ApplicationRow,
  logged?: EventRow[],
): Promise<{ events: number; mismatches: Mismatch[] }> {
  const out: Mismatch[] = [];
  const bad = (problem: string, seq?: number) => out.push({ applicationId: row.id, ...(seq !== undefined ? { seq } : {}), problem });
  const events = logged ?? (await listEvents(sql, row.id));

  // 1. The hash chain.
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    if (e.seq !== i + 1) bad(`sequence gap: expected seq ${i + 1}, found ${e.seq}`, e.seq);
    if (e.prevHash !== prev) bad('prevHash does not match the previous event', e.seq);
    const expected = eventHash(e.prevHash, e);
    if (e.hash !== expected) bad('hash does not match the event content (the row was changed)', e.seq);
    prev = e.hash;
  });
  if (events.length !== row.lastSeq) bad(`the application says ${row.lastSeq} events, the log holds ${events.length}`);
  if (events.length && row.lastHash !== prev) bad('the application\'s lastHash is not the hash of its last event');

  // 2. Replay.
  const first = events[0];
  if (!first || first.type !== 'START') {
    bad('the log does not begin with START');
    return { events: events.length, mismatches: out };
  }
  try {
    const flow = await catalog.flow(row.flowKey, row.flowVersion);
    let step = start(flow, JSON.parse(first.data) as FlowInput, first.at, actorOf(first));
    if (step.state !== first.toState) bad(`replayed start state ${step.state}, logged ${first.toState}`, 1);
    for (const e of events.slice(1)) {
      const event: EngineEvent = {
        type: e.type,
        data: JSON.parse(e.data) as Record<string, unknown>,
        ...(e.facts ? { facts: JSON.parse(e.facts) as Record<string, unknown> } : {}),
        now: e.at,
        actor: actorOf(e),
      };
      const result = applyEvent(flow, step.snapshot, event);
      if (!result.accepted) {
        bad(`replay: ${e.type} is not accepted in ${result.from}`, e.seq);
        return { events: events.length, mismatches: out };
      }
      step = result.step;
      if (step.state !== e.toState) bad(`replayed state ${step.state}, logged ${e.toState}`, e.seq);
    }
    if (canonicalJson(step.snapshot) !== canonicalJson(JSON.parse(row.snapshot))) bad('the replayed snapshot differs from the stored snapshot');
    if (step.state !== row.state) bad(`replayed state ${step.state}, stored ${row.state}`);
  } catch (err) {
    bad(`replay failed: ${(err as Error).message}`);
  }
  return { events: events.length, mismatches: out };
}

/** The most mismatches a report lists (all are counted in `checked`; an operator fixes the first ones first). */
const MAX_LISTED = 1000;

/** Verifies the applications selected (all, one id, or one flow key), reading the log in pages. */
export async function verifyAll(sql: SqlRunner, catalog: FlowCatalog, filter: VerifyFilter = {}, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, events: 0, mismatches: [] };
  const pause = yielder(10, opts.signal);
  const add = (r: { events: number; mismatches: Mismatch[] }) => {
    report.checked++;
    report.events += r.events;
    for (const m of r.mismatches) if (report.mismatches.length < MAX_LISTED) report.mismatches.push(m);
  };
  if (filter.applicationId) {
    const row = await loadApplication(sql, filter.applicationId);
    if (row) add(await verifyApplication(sql, catalog, row));
    return report;
  }
  const pageSize = opts.pageSize ?? 1000;
  const flowJoin = filter.flow ? ' JOIN "Application" a ON a."id" = e."applicationId" AND a."flowKey" = ?' : '';
  const cols = `${EVENT_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}, e."flowKey"`;
  const range = filter.idRange ?? {};
  let cursor: [string, number] | null = null;
  let carry: EventRow[] = []; // the events of an application the page ended in
  const verifyGroup = async (events: EventRow[], rows: Map<string, ApplicationRow>) => {
    const id = events[0]!.applicationId;
    const row = rows.get(id);
    if (!row) {
      // Events whose application row is gone: the log of a deleted application.
      if (report.mismatches.length < MAX_LISTED) report.mismatches.push({ applicationId: id, problem: 'the log has events but the application row is missing (deleted?)' });
      report.checked++;
      report.events += events.length;
      return;
    }
    const result = await verifyApplication(sql, catalog, row, events);
    // The event's copy of its flow (not hashed) files it in the export by flow: it must be the application's.
    for (const e of events as (EventRow & { flowKey?: string })[]) {
      if (e.flowKey !== undefined && e.flowKey !== row.flowKey) {
        result.mismatches.push({ applicationId: id, seq: e.seq, problem: `the event's flowKey is "${e.flowKey}", the application's flow is "${row.flowKey}" (an export by flow misfiles it)` });
      }
    }
    add(result);
  };
  for (;;) {
    await pause();
    const where: string[] = [];
    const params: (string | number)[] = filter.flow ? [filter.flow] : [];
    const cond = (text: string, ...values: (string | number)[]) => {
      where.push(text);
      params.push(...values);
    };
    // After the first page the cursor is past `from` already.
    if (cursor) cond('(e."applicationId", e."seq") > (?, ?)', ...cursor);
    else if (range.from !== undefined) cond('e."applicationId" >= ?', range.from);
    if (range.to !== undefined) cond('e."applicationId" < ?', range.to);
    params.push(pageSize);
    const page: EventRow[] = await sql.all<EventRow>(
      `SELECT ${cols} FROM "Event" e${flowJoin}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e."applicationId", e."seq" LIMIT ?`,
      params,
    );
    const events = [...carry, ...page];
    const last: EventRow | undefined = page[page.length - 1];
    const done = page.length < pageSize;
    // Keep the last application's events for the next page unless the log ended.
    const cut = done ? events.length : events.findIndex((e) => e.applicationId === last!.applicationId);
    carry = events.slice(cut);
    const ready = events.slice(0, cut);
    const ids = [...new Set(ready.map((e) => e.applicationId))];
    const rows = new Map<string, ApplicationRow>();
    for (let i = 0; i < ids.length; i += 200) {
      await pause();
      const chunk = ids.slice(i, i + 200);
      for (const r of await sql.all<ApplicationRow>(`SELECT ${APP_COLUMNS} FROM "Application" WHERE "id" IN (${chunk.map(() => '?').join(', ')})`, chunk)) rows.set(r.id, r);
    }
    let from = 0;
    for (let i = 1; i <= ready.length; i++) {
      if (i === ready.length || ready[i]!.applicationId !== ready[from]!.applicationId) {
        await pause();
        await verifyGroup(ready.slice(from, i), rows);
        from = i;
      }
    }
    await opts.onProgress?.(report);
    if (done || !last) return report;
    cursor = [last.applicationId, last.seq];
  }
}

/**
 * `n` ranges of application ids that cover every id once, cut evenly through the first eight
 * hex digits: application ids are random UUIDs (lower-case hex), so each range holds about 1/n
 * of the logs. An id of any other shape still falls in exactly one range (the ends are open).
 * The cuts are in the same order under SQLite's binary collation and PostgreSQL's C or usual
 * locale collations (digits before letters), which is all that keeps the ranges disjoint.
 */
export function idRanges(n: number): IdRange[] {
  const parts = Math.max(1, Math.floor(n));
  const cuts = Array.from({ length: parts - 1 }, (_, i) => Math.floor(((i + 1) * 0x1_0000_0000) / parts).toString(16).padStart(8, '0'));
  return [...cuts, undefined].map((to, i) => ({ ...(i > 0 ? { from: cuts[i - 1] } : {}), ...(to !== undefined ? { to } : {}) }));
}

/** The report of a verification split by `idRanges`, from its parts' reports in the ranges' order. */
export function mergeReports(parts: readonly VerifyReport[]): VerifyReport {
  const report: VerifyReport = { checked: 0, events: 0, mismatches: [] };
  for (const p of parts) {
    report.checked += p.checked;
    report.events += p.events;
    report.mismatches.push(...p.mismatches.slice(0, MAX_LISTED - report.mismatches.length));
  }
  return report;
}
