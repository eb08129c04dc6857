/**
 * The staff lists' query plans (README "Indexes"; issue 10 point 3): on a database filled with
 * enough applications that the planner's choice is a real one, and analysed, every keyset query
 * `GET /api/applications` runs (built by the route's own `planList`) reads an index range in the
 * list's order whose condition holds each of the query's `=` columns (those a case names
 * `residual` are checked row by row): no full scan of "Application" or "Awaiting" and no sort, on
 * SQLite (`EXPLAIN QUERY PLAN`) and PostgreSQL (`EXPLAIN (FORMAT JSON)`, custom and generic
 * plans, as the driver prepares named statements). PostgreSQL may still sort what it expects to
 * fit in one page (a queue code's one row): that is ordering a page, not a list.
 * Not here: an applicant's own work queue (`awaiting=me` as applicant), which starts from their
 * applications and sorts those few.
 */
import Database from 'better-sqlite3';
import type { Request } from 'express';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../accounts/types.ts';
import { pageSql, planList, type ListArm } from '../http/application-list.ts';
import { freshDatabase, providers, type FreshDatabase, type Provider } from '../testing/databases.ts';
import { PgDriver } from './pg-driver.ts';
import type { SqlDriver } from './sql.ts';
import { SqliteDriver, sqlitePath } from './sqlite-driver.ts';

const APPLICATIONS = 20_000;
const OFFICES = Array.from({ length: 20 }, (_, i) => `K${String(i).padStart(3, '0')}`);
const STATUSES = ['draft', 'submitted', 'scheduled', 'arrived', 'processing', 'ready', 'done', 'cancelled'];
/** A pack's list filter, as the route gets it from the installed packs (`?queueCode=` is `code=`). */
const PACKS = [{ listFilters: { queueCode: 'code' as const } }];

const user = (id: string, roles: SessionUser['roles'], officeCode: string | null = null, groups: string[] = []): SessionUser => ({
  id,
  email: `${id}@example.test`,
  fullName: id,
  roles,
  officeCode,
  groups,
  locale: 'en',
});
const applicant = user('owner-77', ['applicant']);
const officer = user('officer-1', ['officer'], 'K007', ['verification', 'finance']);
const officerNoGroup = user('officer-2', ['officer'], 'K012');
const auditor = user('auditor-1', ['auditor']);
const admin = user('admin-1', ['admin']);

const cursor = Buffer.from('2026-06-01T00:00:00.000Z|app-010000').toString('base64url');

/**
 * The lists staff (and applicants, for their own) are served. `walk`: a list without an equality
 * condition (everything, or a time range), which walks the order index itself from its newest end.
 */
const LISTS: { name: string; who: SessionUser; query: Record<string, string>; anyScope?: string[]; walk?: boolean; residual?: string[]; pgSort?: string }[] = [
  { name: 'an applicant’s applications', who: applicant, query: {} },
  { name: 'an applicant’s applications, page 2', who: applicant, query: { cursor } },
  { name: 'an applicant’s applications by status', who: applicant, query: { status: 'draft' }, residual: ['status'] },
  { name: 'an officer’s office and any-office flows', who: officer, query: {}, anyScope: ['flow-any'] },
  { name: 'an officer’s list, page 2', who: officer, query: { cursor }, anyScope: ['flow-any'] },
  { name: 'an officer’s day', who: officer, query: { date: '2026-05-04' }, anyScope: ['flow-any'], residual: ['flowKey'] },
  { name: 'an officer’s status (counter, queues)', who: officer, query: { status: 'arrived' }, anyScope: ['flow-any'] },
  { name: 'an officer’s queue code', who: officer, query: { queueCode: 'C-001234' }, anyScope: ['flow-any'], residual: ['officeCode', 'flowKey'] },
  { name: 'an officer’s own', who: officer, query: { mine: '1' } },
  { name: 'the auditor’s everything', who: auditor, query: {}, walk: true },
  { name: 'the auditor’s everything, page 2', who: auditor, query: { cursor }, walk: true },
  { name: 'the auditor’s started between', who: auditor, query: { from: '2026-03-01', to: '2026-03-31' }, walk: true },
  { name: 'the auditor’s office', who: auditor, query: { office: 'K013' } },
  { name: 'the auditor’s office and status', who: auditor, query: { office: 'K013', status: 'done' } },
  { name: 'the auditor’s status', who: auditor, query: { status: 'processing' } },
  { name: 'the auditor’s status, page 2', who: auditor, query: { status: 'processing', cursor } },
  { name: 'the auditor’s flow', who: auditor, query: { flow: 'flow-a' } },
  { name: 'the auditor’s flow and status', who: auditor, query: { flow: 'flow-b', status: 'ready' } },
  { name: 'the auditor’s flow and state', who: auditor, query: { flow: 'flow-a', state: 'processing' } },
  { name: 'the auditor’s flow and version', who: auditor, query: { flow: 'flow-a', version: '1' } },
  { name: 'the auditor’s flow, version and a month', who: auditor, query: { flow: 'flow-a', version: '2', from: '2026-03-01', to: '2026-03-31' } },
  { name: 'the admin’s office and day', who: admin, query: { office: 'K013', date: '2026-05-04' } },
  { name: 'the admin’s code', who: admin, query: { code: 'C-001234' } },
  { name: 'an officer’s work queue', who: officer, query: { awaiting: 'me' } },
  { name: 'an officer’s work queue, page 2', who: officer, query: { awaiting: 'me', cursor } },
  {
    name: 'an officer’s work queue of a flow',
    who: officer,
    query: { awaiting: 'me', flow: 'flow-b' },
    residual: ['flowKey'],
    // NOTE: "Awaiting" has no flow: the filter is checked on the joined application, and PostgreSQL may hash-join a small arm and sort it.
    pgSort: 'the flow is on the joined application',
  },
  { name: 'a group-less officer’s work queue', who: officerNoGroup, query: { awaiting: 'me' } },
  { name: 'the auditor’s work queue', who: auditor, query: { awaiting: 'me' } },
];

/** Fills the database: applications of three flows over a year and their work-queue rows, with a snapshot of realistic size. */
async function fill(sql: SqlDriver) {
  const padding = 'x'.repeat(1500);
  const BATCH = 500;
  for (let start = 0; start < APPLICATIONS; start += BATCH) {
    const apps: (string | number | null)[] = [];
    const waits: (string | number | null)[] = [];
    for (let i = start; i < start + BATCH; i++) {
      const id = `app-${String(i).padStart(6, '0')}`;
      const flow = i % 5 === 0 ? 'flow-any' : i % 5 < 3 ? 'flow-a' : 'flow-b';
      const status = STATUSES[(i * 7) % STATUSES.length]!;
      const draft = status === 'draft';
      const office = flow === 'flow-any' || draft ? null : OFFICES[(i * 31) % OFFICES.length]!;
      const created = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 365) * 86_400_000 + (i % 86_400) * 1000);
      const updated = new Date(created.getTime() + ((i * 13) % 30) * 86_400_000);
      const day = new Date(created.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
      apps.push(
        id,
        flow,
        i % 10 < 7 ? 1 : 2,
        `owner-${i % 8000}`,
        JSON.stringify({ value: status, context: { padding } }),
        status,
        status,
        3,
        0,
        'h',
        office,
        office ? day : null,
        draft ? null : `C-${String(i).padStart(6, '0')}`,
        created.toISOString(),
        updated.toISOString(),
      );
      if (status === 'done' || status === 'cancelled') continue;
      const role = draft || status === 'ready' ? 'applicant' : 'officer';
      const grp = role === 'officer' ? ['', 'verification', 'finance'][i % 3]! : '';
      waits.push(id, role, grp, office, updated.toISOString());
    }
    await sql.transaction(async (tx) => {
      const rows = (n: number, width: number) => Array.from({ length: n }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');
      await tx.run(
        `INSERT INTO "Application" ("id", "flowKey", "flowVersion", "ownerId", "snapshot", "state", "status", "version", "lastSeq", "lastHash", "officeCode", "scheduledDate", "lookupCode", "createdAt", "updatedAt") VALUES ${rows(apps.length / 15, 15)}`,
        apps,
      );
      if (waits.length) await tx.run(`INSERT INTO "Awaiting" ("applicationId", "role", "grp", "officeCode", "since") VALUES ${rows(waits.length / 5, 5)}`, waits);
    });
  }
  // what autovacuum would have done by then on PostgreSQL (statistics and the visibility map)
  await sql.run(sql.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
}

type Plan = { problems: string[]; text: string };
const BIG = /^(Application|Awaiting)$/;
/** The most rows a list reads for a page (PAGE + 1): PostgreSQL may sort what fits in one page. */
const PAGE_ROWS = 51;

/** What an arm must find by index: its table (a, or w for the work queue) and the columns it compares with `=`. */
type Expect = { alias: string; equalities: string[]; walk: boolean; pgSort?: string };
function expectOf(arm: ListArm, walk: boolean, residual: string[] = [], pgSort?: string): Expect {
  const alias = /^SELECT w\./.test(arm.sql) ? 'w' : 'a';
  const equalities = [...arm.sql.matchAll(new RegExp(`\\b${alias}\\."(\\w+)" = \\?`, 'g'))].map((m) => m[1]!).filter((c) => !residual.includes(c));
  return { alias, equalities, walk, pgSort };
}

/**
 * SQLite: a temporary B-tree or an automatic index; a scan of the table (one in index order only
 * for a `walk`); an index whose range leaves out one of the arm's equalities.
 */
function sqlitePlan(db: Database.Database, arm: ListArm, want: Expect): Plan {
  db.prepare('SELECT count(*) FROM "sqlite_schema"').get(); // reads the schema again if it changed (EXPLAIN alone does not)
  const rows = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${arm.sql}`).all(...arm.params);
  const problems: string[] = [];
  for (const { detail } of rows) {
    if (/TEMP B-TREE|AUTOMATIC/.test(detail)) problems.push(detail);
    const access = /^(SCAN|SEARCH) (\S+)(?: USING (?:COVERING )?INDEX \S+(?: \((.*)\))?)?/.exec(detail);
    if (!access || !/^(a|w|Application|Awaiting)$/.test(access[2]!)) continue;
    if (access[1] === 'SCAN' && !(want.walk && /USING (COVERING )?INDEX/.test(detail))) problems.push(detail);
    if (access[2] === want.alias) for (const col of want.equalities) if (!(access[3] ?? '').includes(`${col}=`)) problems.push(`${detail}: not by ${col}`);
  }
  return { problems, text: rows.map((r) => r.detail).join('\n') };
}

type PgNode = {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Plans?: PgNode[];
};

/**
 * PostgreSQL: a sequential scan of a big table; a sort of more than a page of rows; an index scan
 * without an index condition (but for a `walk`) or one that leaves out one of the arm's equalities.
 */
function pgProblems(root: PgNode, want: Expect): string[] {
  const problems: string[] = [];
  const visit = (n: PgNode) => {
    const big = BIG.test(n['Relation Name'] ?? '');
    if (/Sort/.test(n['Node Type']) && n['Plan Rows'] > PAGE_ROWS && !want.pgSort) problems.push(`${n['Node Type']} of ${n['Plan Rows']} rows`);
    if (big && n['Node Type'] === 'Seq Scan') problems.push(`Seq Scan on ${n['Relation Name']}`);
    const cond = n['Index Cond'] ?? n['Recheck Cond'];
    if (big && /Index|Bitmap/.test(n['Node Type'])) {
      if (!cond && !want.walk) problems.push(`${n['Node Type']} on ${n['Index Name']} without an index condition`);
      if (n.Alias === want.alias) for (const col of want.equalities) if (!new RegExp(`\\b"?${col}"? = `).test(cond ?? '')) problems.push(`${n['Node Type']} on ${n['Index Name'] ?? n.Alias}: not by ${col}`);
    }
    for (const c of n.Plans ?? []) visit(c);
  };
  visit(root);
  return problems;
}

async function pgPlans(client: pg.Client, arm: ListArm, want: Expect): Promise<Plan[]> {
  let n = 0;
  const text = arm.sql.replace(/\?/g, () => `$${++n}`);
  const out: Plan[] = [];
  // custom: planned for the values; generic: what a prepared statement may settle on after five runs
  const custom = await client.query(`EXPLAIN (FORMAT JSON) ${text}`, arm.params);
  const customPlan = (custom.rows[0]['QUERY PLAN'] as { Plan: PgNode }[])[0]!.Plan;
  out.push({ problems: pgProblems(customPlan, want), text: JSON.stringify(customPlan) });
  await client.query('SET plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE list_arm AS ${text}`);
  try {
    const args = arm.params.map((p) => (typeof p === 'number' ? String(p) : `'${p.replaceAll("'", "''")}'`)).join(', ');
    const generic = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE list_arm(${args})`);
    const genericPlan = (generic.rows[0]['QUERY PLAN'] as { Plan: PgNode }[])[0]!.Plan;
    out.push({ problems: pgProblems(genericPlan, want).map((p) => `generic plan: ${p}`), text: JSON.stringify(genericPlan) });
  } finally {
    await client.query('DEALLOCATE list_arm');
    await client.query('RESET plan_cache_mode');
  }
  return out;
}

describe.each(providers())('%s: the lists’ plans', (provider: Provider) => {
  let fresh: FreshDatabase;
  let sql: SqlDriver;
  let client: pg.Client | undefined;
  /** SQLite: a connection of its own for EXPLAIN (the driver caches statements; an EXPLAIN does not notice a dropped index). */
  let sqlite: Database.Database | undefined;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    sql = provider === 'postgres' ? new PgDriver(fresh.url, 2) : new SqliteDriver(fresh.url);
    await fill(sql);
    if (provider === 'postgres') {
      client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
    } else sqlite = new Database(sqlitePath(fresh.url), { readonly: true });
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    sqlite?.close();
    await sql?.close();
    await fresh?.drop();
  });

  const problemsOf = async (arm: ListArm, want: Expect): Promise<string[]> => {
    const plans = client ? await pgPlans(client, arm, want) : [sqlitePlan(sqlite!, arm, want)];
    return plans.flatMap((p) => p.problems.map((problem) => `${problem}\n  in ${arm.sql}\n  plan: ${p.text}`));
  };

  it.each(LISTS)('$name: an index range in the list’s order', async ({ who, query, anyScope, walk, residual, pgSort }) => {
    const plan = planList(who, { query } as unknown as Request, PACKS, anyScope ?? []);
    expect(plan.arms.length).toBeGreaterThan(0);
    const problems = [];
    for (const arm of plan.arms) problems.push(...(await problemsOf(arm, expectOf(arm, walk ?? false, residual, pgSort))));
    expect(problems).toEqual([]);
  });

  it('reads a page’s rows by primary key', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `app-${String(i * 397).padStart(6, '0')}`);
    expect(await problemsOf({ sql: pageSql(ids.length), params: ids }, { alias: 'Application', equalities: [], walk: false })).toEqual([]);
  });

  it('notices a missing index (this check is what fails when one is dropped)', async () => {
    await sql.run('DROP INDEX "Application_status_updatedAt_id_idx"');
    await sql.run('DROP INDEX "Awaiting_role_grp_officeCode_since_applicationId_idx"');
    await sql.run('ANALYZE');
    for (const [who, query] of [
      [auditor, { status: 'processing' }],
      [officer, { awaiting: 'me' }],
    ] as const) {
      const problems = [];
      for (const arm of planList(who, { query } as unknown as Request, PACKS).arms) problems.push(...(await problemsOf(arm, expectOf(arm, false))));
      expect(problems.length).toBeGreaterThan(0);
    }
  });
});
