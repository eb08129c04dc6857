/**
 * Who may see an application and in which roles they may act on it, from its flow's definition:
 * `staff.scope` (officers of the application's office, or of any office) and the staff groups the
 * flow names (then only officers in one of them). The owner acts as the applicant; auditors and
 * admins read everything. Nobody else learns the application exists (404).
 */
import type { Flow } from '#machines/build.ts';
import { readPath } from '#machines/object-path.ts';
import type { Role, StaffScope, StateMeta } from '#machines/types.ts';
import type { SessionUser } from '../accounts/types.ts';
import type { ApplicationRow } from './event-store.ts';

/** Staff roles that read every application. */
const READ_ALL: Role[] = ['auditor', 'admin'];

/** The flow's staff scope; a flow that does not say is open to staff of any office. */
export function staffScopeOf(flow: Flow): StaffScope {
  return flow.bundle.definition.staff ?? { scope: 'any' };
}

const groupsCache = new WeakMap<Flow, Set<string>>();

/** Every group the flow's meta names (states and events), once. */
export function flowGroups(flow: Flow): Set<string> {
  let groups = groupsCache.get(flow);
  if (!groups) {
    const found = new Set<string>();
    const visit = (node: { meta?: StateMeta; states?: Record<string, unknown> }) => {
      for (const g of node.meta?.groups ?? []) found.add(g);
      for (const e of Object.values(node.meta?.events ?? {})) for (const g of e.groups ?? []) found.add(g);
      for (const child of Object.values(node.states ?? {})) visit(child as typeof node);
    };
    visit(flow.bundle.definition.machine as Parameters<typeof visit>[0]);
    groups = found;
    groupsCache.set(flow, groups);
  }
  return groups;
}

type Reachable = Pick<ApplicationRow, 'ownerId' | 'officeCode'>;

/** An officer reaches an application when its flow's scope admits their office and, if the flow names groups, they are in one. */
function officerReaches(user: SessionUser, app: Reachable, flow: Flow): boolean {
  if (!user.roles.includes('officer')) return false;
  const scope = staffScopeOf(flow);
  if (scope.scope === 'office' && !(app.officeCode && app.officeCode === user.officeCode)) return false;
  const groups = flowGroups(flow);
  return groups.size === 0 || user.groups.some((g) => groups.has(g));
}

/** The owner, the officers the flow's scope and groups admit, auditors and admins; nobody else (they get 404). */
export function canSee(user: SessionUser, app: Reachable, flow: Flow): boolean {
  if (app.ownerId === user.id) return true;
  if (user.roles.some((r) => READ_ALL.includes(r))) return true;
  return officerReaches(user, app, flow);
}

/** The user's roles that count on this application: `applicant` only for the owner, `officer` only where the flow admits them. */
export function rolesOn(user: SessionUser, app: Reachable, flow: Flow): Role[] {
  return user.roles.filter((r) => {
    if (r === 'applicant') return app.ownerId === user.id;
    if (r === 'officer') return officerReaches(user, app, flow);
    return true;
  });
}

/** The office an application belongs to: the first of the scope's context paths that holds a code (office-scoped flows only). */
export function officeOf(flow: Flow, context: Record<string, unknown>): string | null {
  const scope = staffScopeOf(flow);
  if (scope.scope !== 'office') return null;
  for (const path of [scope.office].flat()) {
    const value = readPath(context, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** The values staff find an application by (`staff.lookup`): the day it is expected, a code its applicant shows. */
export function lookupOf(flow: Flow, context: Record<string, unknown>): { scheduledDate: string | null; lookupCode: string | null } {
  const lookup = staffScopeOf(flow).lookup ?? {};
  const read = (path: string | undefined) => {
    const value = path === undefined ? undefined : readPath(context, path);
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return { scheduledDate: read(lookup.date), lookupCode: read(lookup.code) };
}
