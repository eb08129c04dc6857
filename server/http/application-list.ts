/**
 * `GET /api/applications`: the caller's applications, staff's searches and the work queue
 * (`awaiting=me`), paged by a keyset cursor in the order of an index. Items carry the row's
 * columns, the flow's title, the state's and the status's labels, and the packs' list columns.
 *
 * A page is read in two steps (README "Indexes"): `planList` gives one or more keyset queries
 * ("arms") that read only ids and the sort value, each an index range in the list's order (an OR
 * of scopes becomes one arm per scope, merged here); then the page's rows, snapshot included, are
 * read by primary key. So no list sorts, and no snapshot is read beyond the page's 50 rows.
 * list-plans.test.ts EXPLAINs every arm on both databases.
 */
import type { Request } from 'express';
import { labelFor, restore } from '#machines/engine.ts';
import type { SessionUser } from '../accounts/types.ts';
import type { AppDeps } from '../deps.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { canSee, flowGroups, rolesOn, staffScopeOf } from '../runtime/access.ts';
import type { ApplicationRow } from '../runtime/event-store.ts';
import { usesPack, type ListFilter } from '../runtime/pack.ts';
import { statusLabelOf, viewerEvents } from '../runtime/view.ts';
import { hasRole } from './auth.ts';
import { instantQuery, queryString } from './params.ts';

const PAGE = 50;

/** An application row as the lists read it (no hash chain), with the work queue's order. */
type Row = Omit<ApplicationRow, 'lastSeq' | 'lastHash'> & {
  /** The work queue's order: when the caller's role and group started waiting. */
  waitingSince?: string;
};

/** The columns an item is made from (the snapshot gives the label and the packs' list columns). */
const COLUMNS = ['id', 'flowKey', 'flowVersion', 'ownerId', 'snapshot', 'state', 'status', 'version', 'officeCode', 'scheduledDate', 'lookupCode', 'createdAt', 'updatedAt'];

const fieldError = (pointer: string, en: string, id: string): FieldError => ({ pointer, message: en, messages: { id, en } });

/** A keyset cursor: the sort value and the id of the last item of a page. */
function decodeCursor(raw: string | undefined): [string, string] | undefined {
  if (raw === undefined) return undefined;
  const [sort, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!sort || !id) throw new ValidationError([fieldError('/cursor', 'is not a cursor from this API', 'bukan kursor dari API ini')]);
  return [sort, id];
}
const encodeCursor = (sort: string, id: string) => Buffer.from(`${sort}|${id}`).toString('base64url');

/** SQL `(?, ?, …)` for a list of values (at least one). */
const placeholders = (n: number) => `(${Array.from({ length: Math.max(1, n) }, () => '?').join(', ')})`;

/** The flow keys (latest published) whose applications an officer of any office reaches: staff scope `any`, and their groups admit the officer. */
async function anyScopeKeys(deps: AppDeps, user: SessionUser): Promise<string[]> {
  const keys: string[] = [];
  for (const { key, version } of await deps.catalog.published()) {
    const flow = await deps.catalog.flow(key, version);
    const groups = flowGroups(flow);
    if (staffScopeOf(flow).scope === 'any' && (groups.size === 0 || user.groups.some((g) => groups.has(g)))) keys.push(key);
  }
  return keys;
}

/** One keyset query of a list: ids and sort values, newest first, in the order of an index. */
export type ListArm = { sql: string; params: (string | number)[] };
/** A list's keyset queries, merged in their common order (sort value, then id, both descending). */
export type ListPlan = { queue: boolean; arms: ListArm[] };
type Cond = { sql: string; params: (string | number)[] };
const cond = (sql: string, ...params: (string | number)[]): Cond => ({ sql, params });

/**
 * The keyset queries of a list for a caller and a query (`?status=&flow=&cursor=…`); throws 422 on
 * bad filters. `anyScopeKeys`: the flows an officer of any office reaches (officers only).
 * Exported for list-plans.test.ts, which EXPLAINs what the route runs.
 */
export function planList(user: SessionUser, req: Pick<Request, 'query'>, packs: ReadonlyArray<{ listFilters?: Record<string, ListFilter> }>, anyScopeKeys: string[] = []): ListPlan {
  const r = req as Request;
  const staffAll = hasRole(user, 'auditor', 'admin');
  const officer = hasRole(user, 'officer');
  const staff = staffAll || officer;
  const awaiting = queryString(r, 'awaiting');
  const errors: FieldError[] = [];
  if (awaiting !== undefined && awaiting !== 'me') errors.push(fieldError('/awaiting', 'must be "me"', 'harus "me"'));
  const queue = awaiting === 'me';

  // The filters: conditions on the application (alias a), the same for every arm.
  const filters: Cond[] = [];
  const columns: Record<string, string> = { status: 'status', state: 'state', flow: 'flowKey', date: 'scheduledDate', code: 'lookupCode' };
  const generic: Record<ListFilter, string> = { date: 'scheduledDate', code: 'lookupCode' };
  for (const pack of packs) for (const [name, filter] of Object.entries(pack.listFilters ?? {})) columns[name] = generic[filter];
  for (const [q, col] of Object.entries(columns)) {
    const v = queryString(r, q);
    if (v) filters.push(cond(`a."${col}" = ?`, v));
  }
  if (staff) {
    // the auditor's search: a flow version and when the application was started
    const version = queryString(r, 'version');
    if (version !== undefined) {
      if (/^[1-9]\d{0,8}$/.test(version)) filters.push(cond('a."flowVersion" = ?', Number(version)));
      else errors.push(fieldError('/version', 'must be a version number', 'harus nomor versi'));
    }
    const from = instantQuery(r, 'from', 'lower', errors);
    const to = instantQuery(r, 'to', 'upper', errors);
    if (from) filters.push(cond('a."createdAt" >= ?', from));
    if (to) filters.push(cond('a."createdAt" < ?', to));
    // An application is updated when or after it is started: the lower bound also bounds the walk down the updatedAt order.
    if (from && !queue) filters.push(cond('a."updatedAt" >= ?', from));
  }
  if (errors.length) throw new ValidationError(errors);
  const cursor = decodeCursor(queryString(r, 'cursor'));

  // The scopes: each an arm; `nulls` names a column the arm requires NULL, put first in its
  // ORDER BY so PostgreSQL sees that the index delivers the order (IS NULL is no equality to it).
  const scopes: (Cond & { nulls?: string; join?: boolean })[] = [];
  if (queue) {
    // The work queue: rows of "Awaiting" for the caller's roles and groups, their office or any.
    for (const role of user.roles) {
      for (const grp of ['', ...user.groups]) {
        if (role === 'applicant') scopes.push({ ...cond('w."role" = ? AND w."grp" = ? AND a."ownerId" = ?', role, grp, user.id), join: true });
        else if (role !== 'officer') scopes.push(cond('w."role" = ? AND w."grp" = ?', role, grp));
        else {
          scopes.push({ ...cond('w."role" = ? AND w."grp" = ? AND w."officeCode" IS NULL', role, grp), nulls: 'w."officeCode"' });
          if (user.officeCode) scopes.push(cond('w."role" = ? AND w."grp" = ? AND w."officeCode" = ?', role, grp, user.officeCode));
        }
      }
    }
  } else if (staffAll) {
    const office = queryString(r, 'office');
    scopes.push(office ? cond('a."officeCode" = ?', office) : cond('1 = 1'));
  } else if (officer && queryString(r, 'mine') !== '1') {
    if (user.officeCode) scopes.push(cond('a."officeCode" = ?', user.officeCode));
    // one arm per flow: its key is an equality the order indexes start with (IS NULL is none on PostgreSQL)
    for (const key of anyScopeKeys) scopes.push(cond('a."flowKey" = ? AND a."officeCode" IS NULL', key));
  } else {
    scopes.push(cond('a."ownerId" = ?', user.id));
  }

  const [sort, id] = queue ? ['w."since"', 'w."applicationId"'] : ['a."updatedAt"', 'a."id"'];
  const arms = scopes.map((scope) => {
    const where = [scope, ...filters];
    if (cursor) where.push(cond(`(${sort}, ${id}) < (?, ?)`, cursor[0], cursor[1]));
    const from = queue ? `"Awaiting" w${scope.join || filters.length ? ' JOIN "Application" a ON a."id" = w."applicationId"' : ''}` : '"Application" a';
    const order = [...(scope.nulls ? [`${scope.nulls} DESC`] : []), `${sort} DESC`, `${id} DESC`].join(', ');
    return {
      sql: `SELECT ${id} AS "id", ${sort} AS "sort" FROM ${from} WHERE ${where.map((c) => c.sql).join(' AND ')} ORDER BY ${order} LIMIT ?`,
      params: [...where.flatMap((c) => c.params), PAGE + 1],
    };
  });
  return { queue, arms };
}

/** The rows of a page of `n` applications, by primary key. */
export const pageSql = (n: number) => `SELECT ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "Application" WHERE "id" IN ${placeholders(n)}`;

/** The arms' rows merged in the list's order (sort value, then id, both descending), the first `n`. */
function merge(lists: { id: string; sort: string }[][], n: number): { id: string; sort: string }[] {
  const all = lists.length === 1 ? lists[0]! : lists.flat().sort((x, y) => (x.sort === y.sort ? (x.id < y.id ? 1 : x.id > y.id ? -1 : 0) : x.sort < y.sort ? 1 : -1));
  return all.slice(0, n);
}

export async function listApplications(deps: AppDeps, req: Request, user: SessionUser) {
  const { sql, catalog, packs } = deps;
  const staff = hasRole(user, 'auditor', 'admin', 'officer');
  const keys = hasRole(user, 'officer') && !hasRole(user, 'auditor', 'admin') && queryString(req, 'awaiting') === undefined && queryString(req, 'mine') !== '1' ? await anyScopeKeys(deps, user) : [];
  const plan = planList(user, req, packs.packs, keys);
  const keyset = merge(await Promise.all(plan.arms.map((arm) => sql.all<{ id: string; sort: string }>(arm.sql, arm.params))), PAGE + 1);
  const page = keyset.slice(0, PAGE);
  // The page's rows by primary key (an application met twice in the queue is read once).
  const ids = [...new Set(page.map((k) => k.id))];
  const found = ids.length ? await sql.all<Row>(pageSql(ids.length), ids) : [];
  const byId = new Map(found.map((row) => [row.id, row]));

  const items = [];
  const seen = new Set<string>();
  for (const k of page) {
    // NOTE: a caller in two groups that both wait meets an application twice in the queue; and a
    // flow's version may scope staff unlike its latest one: the row-level rule has the last word.
    const hit = byId.get(k.id);
    if (!hit || seen.has(k.id)) continue;
    seen.add(k.id);
    const row: Row = plan.queue ? { ...hit, waitingSince: k.sort } : hit;
    const flow = await catalog.flow(row.flowKey, row.flowVersion);
    if (!canSee(user, row, flow)) continue;
    const { snapshot, flowKey, ownerId: _ownerId, ...rest } = row;
    const restored = restore(flow, JSON.parse(snapshot));
    const context = (restored.context ?? {}) as Record<string, unknown>;
    const columns = Object.assign({}, ...packs.packs.filter((p) => usesPack(flow, p)).map((p) => p.listColumns?.(context, staff) ?? {})) as Record<string, unknown>;
    items.push({
      ...columns,
      ...rest,
      flow: flowKey,
      title: flow.bundle.definition.title,
      // the step where the caller acts (their own region of a parallel state)
      label: labelFor(flow, restored, viewerEvents(flow, restored, rolesOn(user, row, flow), user.groups).map((e) => e.type)) ?? null,
      statusLabel: statusLabelOf(flow, row.status),
    });
  }
  const last = page[page.length - 1];
  const nextCursor = keyset.length > PAGE && last ? encodeCursor(last.sort, last.id) : null;
  return { items, nextCursor };
}
