/**
 * Staff accounts (admins): find an account by email, change its roles, office and groups. Every
 * change is recorded (who, when, before and after) and readable by admins and auditors. A session
 * already open keeps its old rights for at most SESSION_CACHE_SECONDS in other processes.
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { groupNameProblem } from '#machines/names.ts';
import { ROLES, type Role } from '#machines/types.ts';
import { parseGroups, parseRoles } from '../accounts/sessions.ts';
import type { AppDeps } from '../deps.ts';
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import { currentUser, requireRole } from './auth.ts';
import { idParam, queryString } from './params.ts';

const ACCOUNT = { id: 'Akun', en: 'Account' };
const fieldError = (pointer: string, en: string, id: string): FieldError => ({ pointer, message: en, messages: { id, en } });

type StaffFields = { roles: Role[]; officeCode: string | null; groups: string[] };
type UserRow = { id: string; email: string; fullName: string; roles: unknown; officeCode: string | null; groups: unknown };

const view = (u: UserRow) => ({ id: u.id, email: u.email, fullName: u.fullName, roles: parseRoles(u.roles), officeCode: u.officeCode, groups: parseGroups(u.groups) });

/** `{role?, roles?, officeCode?, groups?}` → the fields to change, or 422 with a pointer per problem. */
async function parseChange(deps: AppDeps, body: unknown): Promise<Partial<StaffFields>> {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (!b) throw new ValidationError([fieldError('', 'must be an object {role?, roles?, officeCode?, groups?}', 'harus objek {role?, roles?, officeCode?, groups?}')]);
  const errors: FieldError[] = [];
  const change: Partial<StaffFields> = {};
  for (const key of Object.keys(b)) {
    if (!['role', 'roles', 'officeCode', 'groups'].includes(key)) errors.push(fieldError(`/${key}`, 'is not a field of this request', 'bukan isian permintaan ini'));
  }
  const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);
  if (b.role !== undefined && b.roles !== undefined) errors.push(fieldError('/roles', 'give either role or roles', 'isi role atau roles, bukan keduanya'));
  if (b.role !== undefined) {
    if (isRole(b.role)) change.roles = [b.role];
    else errors.push(fieldError('/role', `must be one of ${ROLES.join(', ')}`, `harus salah satu dari ${ROLES.join(', ')}`));
  }
  if (b.roles !== undefined) {
    if (Array.isArray(b.roles) && b.roles.length > 0 && b.roles.every(isRole)) change.roles = [...new Set(b.roles)];
    else errors.push(fieldError('/roles', `must be a non-empty list of ${ROLES.join(', ')}`, `harus daftar berisi ${ROLES.join(', ')}`));
  }
  if (b.officeCode !== undefined) {
    if (b.officeCode === null) change.officeCode = null;
    else if (typeof b.officeCode === 'string' && /^[A-Z]{3}$/.test(b.officeCode) && (await deps.prisma.office.findUnique({ where: { code: b.officeCode }, select: { code: true } }))) {
      change.officeCode = b.officeCode;
    } else errors.push(fieldError('/officeCode', 'must be the code of an office (e.g. ATB) or null', 'harus kode kantor (mis. ATB) atau null'));
  }
  if (b.groups !== undefined) {
    if (!Array.isArray(b.groups) || b.groups.length > 32) errors.push(fieldError('/groups', 'must be a list of at most 32 group names', 'harus daftar paling banyak 32 nama kelompok'));
    else {
      b.groups.forEach((g: unknown, i) => {
        const problem = groupNameProblem(g);
        if (problem) errors.push(fieldError(`/groups/${i}`, problem, 'harus huruf kecil, angka dan tanda hubung, diawali huruf (mis. "keuangan")'));
      });
      if (errors.length === 0) change.groups = [...new Set(b.groups as string[])];
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return change;
}

export function staffRouter(deps: AppDeps): Router {
  const r = Router();
  const admin = requireRole('admin');
  const select = { id: true, email: true, fullName: true, roles: true, officeCode: true, groups: true } as const;

  /** `?email=` (exact, case-insensitive), else the first 100 accounts with a staff role, by email. */
  r.get('/admin/users', admin, async (req, res) => {
    const email = queryString(req, 'email')?.toLowerCase();
    const rows = email
      ? await deps.prisma.user.findMany({ where: { email }, select })
      : (await deps.prisma.user.findMany({ orderBy: { email: 'asc' }, select, take: 1000 })).filter((u) => parseRoles(u.roles).some((role) => role !== 'applicant')).slice(0, 100);
    res.json(rows.map(view));
  });

  r.patch('/admin/users/:id', admin, async (req, res) => {
    const id = idParam(req, ACCOUNT);
    const change = await parseChange(deps, req.body);
    const by = currentUser(req).id;
    // NOTE: on the driver, in one transaction with the record of the change (on SQLite, Prisma
    // writes take the process write lock one statement at a time; the change and its record must not part).
    const updated = await deps.sql.transaction(async (tx) => {
      const before = await tx.get<UserRow>('SELECT "id", "email", "fullName", "roles", "officeCode", "groups" FROM "User" WHERE "id" = ?', [id]);
      if (!before) throw new NotFoundError(ACCOUNT);
      const after: UserRow = { ...before, ...change };
      const fields = (u: UserRow): StaffFields => ({ roles: parseRoles(u.roles), officeCode: u.officeCode, groups: parseGroups(u.groups) });
      const next = fields(after);
      await tx.run('UPDATE "User" SET "roles" = ?, "officeCode" = ?, "groups" = ? WHERE "id" = ?', [JSON.stringify(next.roles), next.officeCode, JSON.stringify(next.groups), id]);
      await tx.run('INSERT INTO "StaffChange" ("id", "userId", "changedBy", "at", "before", "after") VALUES (?, ?, ?, ?, ?, ?)', [
        randomUUID(),
        id,
        by,
        deps.clock.now().toISOString(),
        JSON.stringify(fields(before)),
        JSON.stringify(next),
      ]);
      return after;
    });
    deps.sessions.forgetUser(id);
    res.json(view(updated));
  });

  /** The account's recorded changes, newest first (admins and auditors). */
  r.get('/admin/users/:id/changes', requireRole('admin', 'auditor'), async (req, res) => {
    const id = idParam(req, ACCOUNT);
    const rows = await deps.prisma.staffChange.findMany({ where: { userId: id }, orderBy: { at: 'desc' }, take: 200 });
    res.json(rows.map((c) => ({ id: c.id, userId: c.userId, changedBy: c.changedBy, at: c.at, before: JSON.parse(c.before) as unknown, after: JSON.parse(c.after) as unknown })));
  });

  return r;
}
