/**
 * `GET /api/applications`: the caller's applications, staff's searches and the work queue
 * (`awaiting=me`), paged by a keyset cursor in the order of an index. Items carry the row's
 * columns, the flow's title, the state's and the status's labels, and the packs' list columns.
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

export async function listApplications(deps: AppDeps, req: Request, user: SessionUser) {
  const { sql, catalog, packs } = deps;
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    params.push(...values);
  };
  const staffAll = hasRole(user, 'auditor', 'admin');
  const officer = hasRole(user, 'officer');
  const staff = staffAll || officer;
  const awaiting = queryString(req, 'awaiting');
  const errors: FieldError[] = [];
  if (awaiting !== undefined && awaiting !== 'me') errors.push(fieldError('/awaiting', 'must be "me"', 'harus "me"'));
  const a = awaiting === 'me' ? 'a.' : '';

  if (awaiting === 'me') {
    // The work queue: rows of "Awaiting" for the caller's roles and groups, their office or any.
    const groups = ['', ...user.groups];
    add(`w."role" IN ${placeholders(user.roles.length)}`, ...user.roles);
    add(`w."grp" IN ${placeholders(groups.length)}`, ...groups);
    add(`(w."role" <> 'applicant' OR a."ownerId" = ?)`, user.id);
    if (user.officeCode) add(`(w."officeCode" IS NULL OR w."officeCode" = ? OR w."role" <> 'officer')`, user.officeCode);
    else add(`(w."officeCode" IS NULL OR w."role" <> 'officer')`);
  } else if (staffAll) {
    const office = queryString(req, 'office');
    if (office) add('"officeCode" = ?', office);
  } else if (officer && queryString(req, 'mine') !== '1') {
    const keys = await anyScopeKeys(deps, user);
    const mine = user.officeCode ? '"officeCode" = ?' : '1 = 0';
    const any = keys.length ? ` OR ("officeCode" IS NULL AND "flowKey" IN ${placeholders(keys.length)})` : '';
    add(`(${mine}${any})`, ...(user.officeCode ? [user.officeCode] : []), ...keys);
  } else {
    add('"ownerId" = ?', user.id);
  }

  const filters: Record<string, string> = { status: 'status', state: 'state', flow: 'flowKey', date: 'scheduledDate', code: 'lookupCode' };
  const generic: Record<ListFilter, string> = { date: 'scheduledDate', code: 'lookupCode' };
  for (const pack of packs.packs) for (const [name, filter] of Object.entries(pack.listFilters ?? {})) filters[name] = generic[filter];
  for (const [q, col] of Object.entries(filters)) {
    const v = queryString(req, q);
    if (v) add(`${a}"${col}" = ?`, v);
  }
  if (staff) {
    // the auditor's search: a flow version and when the application was started
    const version = queryString(req, 'version');
    if (version !== undefined) {
      if (/^[1-9]\d{0,8}$/.test(version)) add(`${a}"flowVersion" = ?`, Number(version));
      else errors.push(fieldError('/version', 'must be a version number', 'harus nomor versi'));
    }
    const from = instantQuery(req, 'from', 'lower', errors);
    const to = instantQuery(req, 'to', 'upper', errors);
    if (from) add(`${a}"createdAt" >= ?`, from);
    if (to) add(`${a}"createdAt" < ?`, to);
  }
  if (errors.length) throw new ValidationError(errors);

  const sortColumn = awaiting === 'me' ? 'w."since"' : '"updatedAt"';
  const cursor = decodeCursor(queryString(req, 'cursor'));
  if (cursor) add(`(${sortColumn} < ? OR (${sortColumn} = ? AND ${a}"id" < ?))`, cursor[0], cursor[0], cursor[1]);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows =
    awaiting === 'me'
      ? await sql.all<Row>(
          `SELECT ${COLUMNS.map((c) => `a."${c}"`).join(', ')}, w."since" AS "waitingSince" FROM "Awaiting" w JOIN "Application" a ON a."id" = w."applicationId" ${clause} ORDER BY w."since" DESC, a."id" DESC LIMIT ?`,
          [...params, PAGE + 1],
        )
      : await sql.all<Row>(`SELECT ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "Application" ${clause} ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?`, [...params, PAGE + 1]);

  const page = rows.slice(0, PAGE);
  const items = [];
  const seen = new Set<string>();
  for (const row of page) {
    // NOTE: a caller in two groups that both wait meets an application twice in the queue; and a
    // flow's version may scope staff unlike its latest one: the row-level rule has the last word.
    if (seen.has(row.id)) continue;
    seen.add(row.id);
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
  const nextCursor = rows.length > PAGE && last ? encodeCursor(awaiting === 'me' ? (last.waitingSince ?? '') : last.updatedAt, last.id) : null;
  return { items, nextCursor };
}
