/**
 * The CSV export of the log (docs/api.md, `GET /api/audit/events.csv`): in time order, filtered by
 * flow and time, each page read as a range of the index ("at", "applicationId", "seq"), or with a
 * flow ("flowKey", "at", "applicationId", "seq") — never a sort of the log, whatever the filter
 * (with a join on the flow, a planner sorted every event of the flow for each page: seconds per
 * page at 100,000 applications) — on SQLite and PostgreSQL.
 */
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDriver } from '../db/pg-driver.ts';
import type { SqlDriver } from '../db/sql.ts';
import { SqliteDriver } from '../db/sqlite-driver.ts';
import { freshDatabase, providers, type FreshDatabase, type Provider } from '../testing/databases.ts';
import { eventPageQuery, exportEvents, type ExportFilter } from './event-export.ts';

const APPLICATIONS = 21_000;
const EVENTS_EACH = 4;
/** One application in 30 is of the rare flow. */
const flowOf = (i: number) => (i % 30 === 0 ? 'rare-flow' : 'common-flow');
const atOf = (i: number, seq: number) => new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 300) * 86_400_000 + seq * 3_600_000 + i * 1000).toISOString();

async function fill(sql: SqlDriver) {
  const rows = (n: number, width: number) => Array.from({ length: n }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');
  for (let start = 0; start < APPLICATIONS; start += 500) {
    const apps: (string | number | null)[] = [];
    const events: (string | number | null)[] = [];
    for (let i = start; i < start + 500; i++) {
      const id = `app-${String(i).padStart(6, '0')}`;
      apps.push(id, flowOf(i), 1 + (i % 2), 'owner-1', '{}', 's', 'active', EVENTS_EACH, EVENTS_EACH, 'h', null, null, null, atOf(i, 0), atOf(i, EVENTS_EACH - 1));
      for (let seq = 1; seq <= EVENTS_EACH; seq++) {
        // a formula-like cell (the second event's actor), which the export defuses
        events.push(id, seq, seq === 1 ? 'START' : 'NEXT', seq === 2 ? '=HYPERLINK("x")' : 'actor', 'applicant', atOf(i, seq - 1), seq === 1 ? '' : 's', 's', '{}', null, 'p', 'h', flowOf(i));
      }
    }
    await sql.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO "Application" ("id", "flowKey", "flowVersion", "ownerId", "snapshot", "state", "status", "version", "lastSeq", "lastHash", "officeCode", "scheduledDate", "lookupCode", "createdAt", "updatedAt") VALUES ${rows(apps.length / 15, 15)}`,
        apps,
      );
      await tx.run(
        `INSERT INTO "Event" ("applicationId", "seq", "type", "actorId", "actorRole", "at", "fromState", "toState", "data", "facts", "prevHash", "hash", "flowKey") VALUES ${rows(events.length / 13, 13)}`,
        events,
      );
    });
  }
  await sql.run(sql.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
}

/** Problems of a plan: a sort, or a read of "Event" by another than `index`. */
async function planProblems(sql: SqlDriver, query: { sql: string; params: (string | number)[] }, index: string): Promise<string[]> {
  // After the first page the range must start at the keyset, not at `from` (then skipped row by row).
  const keyset = query.sql.includes('("at", "applicationId", "seq") > (?, ?, ?)');
  if (sql.kind === 'sqlite') {
    const rows = await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${query.sql}`, query.params);
    const details = rows.map((r) => r.detail);
    return [
      ...(keyset && !details.some((d) => d.includes('(at,applicationId,seq)>(?,?,?)')) ? [`the range does not start at the keyset: ${details.join('; ')}`] : []),
      ...details.filter((d) => /TEMP B-TREE/.test(d)),
      ...(details.some((d) => new RegExp(`Event USING (COVERING )?INDEX ${index}`).test(d)) ? [] : [`not ${index}: ${details.join('; ')}`]),
    ];
  }
  const rows = await sql.all<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params);
  type Node = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: Node[] };
  const plan = (typeof rows[0]!['QUERY PLAN'] === 'string' ? JSON.parse(rows[0]!['QUERY PLAN']) : rows[0]!['QUERY PLAN']) as { Plan: Node }[];
  const problems: string[] = [];
  const visit = (node: Node) => {
    if (/Sort/.test(node['Node Type'])) problems.push(node['Node Type']);
    if (node['Relation Name'] === 'Event' && node['Index Name'] !== index) problems.push(`${node['Node Type']} on Event (${node['Index Name'] ?? 'no index'})`);
    if (node['Relation Name'] === 'Event' && keyset && !/ROW\(/.test(node['Index Cond'] ?? '')) problems.push(`the range does not start at the keyset: ${node['Index Cond'] ?? 'no condition'}`);
    for (const c of node.Plans ?? []) visit(c);
  };
  visit(plan[0]!.Plan);
  return problems;
}

async function exportCsv(sql: SqlDriver, filter: ExportFilter): Promise<Record<string, string>[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportEvents(sql, filter, out);
  return parse(Buffer.concat(chunks), { columns: true }) as Record<string, string>[];
}

describe.each(providers())('%s: the event export', (provider: Provider) => {
  let fresh: FreshDatabase;
  let sql: SqlDriver;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    sql = provider === 'postgres' ? new PgDriver(fresh.url, 2) : new SqliteDriver(fresh.url);
    await fill(sql);
  }, 120_000);
  afterAll(async () => {
    await sql?.close();
    await fresh?.drop();
  });

  it.each([
    ['the first page', {}, null],
    ['a later page', {}, ['2026-05-01T00:00:00.000Z', 'app-001000', 2]],
    ['a month', { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }, null],
    ['a month, a later page', { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }, ['2026-03-10T00:00:00.000Z', 'app-000500', 1]],
    ['a flow', { flow: 'rare-flow' }, null],
    ['a flow, a later page', { flow: 'common-flow' }, ['2026-05-01T00:00:00.000Z', 'app-001000', 2]],
    ['a flow and a month, a later page', { flow: 'rare-flow', from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }, ['2026-03-10T00:00:00.000Z', 'app-000510', 1]],
  ] as const)('reads %s as a range of its time index, without a sort', async (_name, filter: ExportFilter, cursor) => {
    const index = filter.flow ? 'Event_flowKey_at_applicationId_seq_idx' : 'Event_at_applicationId_seq_idx';
    expect(await planProblems(sql, eventPageQuery(filter, cursor ? [...cursor] : null), index)).toEqual([]);
  });

  it('exports a flow’s events only, in time order, across pages, with its version and defused cells', async () => {
    const rows = await exportCsv(sql, { flow: 'rare-flow' });
    expect(rows).toHaveLength((APPLICATIONS / 30) * EVENTS_EACH);
    expect(new Set(rows.map((r) => r.flow))).toEqual(new Set(['rare-flow']));
    const keys = rows.map((r) => `${r.at}|${r.applicationId}|${r.seq!.padStart(3, '0')}`);
    expect(keys).toEqual([...keys].sort());
    expect(rows.find((r) => r.applicationId === 'app-000030' && r.seq === '1')).toMatchObject({ flowVersion: '1', type: 'START' });
    expect(rows.find((r) => r.applicationId === 'app-000030' && r.seq === '2')!.actorId).toBe(`'=HYPERLINK("x")`);
  });

  it('bounds a time range (from inclusive, to exclusive) and exports every event without a filter', async () => {
    const from = '2026-03-01T00:00:00.000Z';
    const to = '2026-04-01T00:00:00.000Z';
    const ranged = await exportCsv(sql, { flow: 'common-flow', from, to });
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((r) => r.at! >= from && r.at! < to && r.flow === 'common-flow')).toBe(true);
    let expected = 0;
    for (let i = 0; i < APPLICATIONS; i++) for (let seq = 0; seq < EVENTS_EACH; seq++) if (flowOf(i) === 'common-flow' && atOf(i, seq) >= from && atOf(i, seq) < to) expected++;
    expect(ranged).toHaveLength(expected);
    expect(await exportCsv(sql, {})).toHaveLength(APPLICATIONS * EVENTS_EACH);
  });
});
