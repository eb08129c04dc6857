import type { Lang, Role } from '#machines/types.ts';

/** The logged-in user as every request sees it (resolved from the session cookie, cached briefly). */
export type SessionUser = {
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
  /** The office an officer is bound to. */
  officeCode: string | null;
  /** Staff groups (`verification`, `finance`…): events limited to groups need one of them. */
  groups: string[];
  locale: Lang;
};

/** Resolves and revokes sessions; implemented in sessions.ts. */
export interface SessionResolver {
  resolve(token: string): Promise<SessionUser | null>;
}
