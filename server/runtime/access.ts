/** Who may see an application and in which roles they may act on it. */
import type { Role } from '#machines/types.ts';
import type { SessionUser } from '../accounts/types.ts';
import type { ApplicationRow } from './event-store.ts';

/** Staff roles that read every application. */
const READ_ALL: Role[] = ['auditor', 'admin'];

/** The owner, officers of the application's office, auditors and admins; nobody else (they get 404). */
export function canSee(user: SessionUser, app: Pick<ApplicationRow, 'ownerId' | 'officeCode'>): boolean {
  if (app.ownerId === user.id) return true;
  if (user.roles.some((r) => READ_ALL.includes(r))) return true;
  return user.roles.includes('officer') && !!app.officeCode && app.officeCode === user.officeCode;
}

/** The user's roles that count on this application: `applicant` only for the owner, `officer` only at their office. */
export function rolesOn(user: SessionUser, app: Pick<ApplicationRow, 'ownerId' | 'officeCode'>): Role[] {
  return user.roles.filter((r) => {
    if (r === 'applicant') return app.ownerId === user.id;
    if (r === 'officer') return !!app.officeCode && app.officeCode === user.officeCode;
    return true;
  });
}

/**
 * A person may walk up to the wrong office with their queue code. An officer there who sends
 * CHECK_IN with that very code learns which office the appointment is at (409 with the reason),
 * and nothing else; without the code the application stays invisible (404).
 */
export function presentsQueueCodeElsewhere(user: SessionUser, app: Pick<ApplicationRow, 'officeCode' | 'queueCode'>, type: string, data: Record<string, unknown>): boolean {
  return type === 'CHECK_IN' && user.roles.includes('officer') && !!app.queueCode && data.queueCode === app.queueCode && app.officeCode !== user.officeCode;
}
