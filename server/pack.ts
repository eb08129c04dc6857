/**
 * A domain pack as the server installs it: the runtime's part (server/runtime/pack.ts: hooks,
 * effects, view extras, list columns, access rules, summary) and its HTTP part (routes of its own,
 * extra options when an application starts). Packs are joined in server/packs.ts, the one place
 * that names them.
 */
import type { Router } from 'express';
import type { Registry, Vocabulary } from '#machines/registry.ts';
import type { SessionUser } from './accounts/types.ts';
import type { AppDeps } from './deps.ts';
import type { InstalledPacks, RuntimePack } from './runtime/pack.ts';

/**
 * A body key of `POST /api/applications` beside `flow` that a pack understands (an application opened
 * by an officer). It checks who may use it (throwing a ForbiddenError) and the value (throwing a
 * ValidationError), and gives the context keys the application starts with and its office.
 */
export type StartOption = (user: SessionUser, raw: unknown) => { input: Record<string, unknown>; officeCode?: string };

export type DomainPack<V extends Vocabulary = Vocabulary> = RuntimePack<V> & {
  /** Routes under /api, after the JSON body parser, the session and CSRF. */
  routes?: (deps: AppDeps) => Router;
  /** Routes under /api before the JSON body parser (a signed webhook reads its raw body); listed paths are CSRF-exempt. */
  rawRoutes?: { paths: string[]; router: (deps: AppDeps) => Router };
  /** Routes under /api/dev, outside production only. */
  devRoutes?: (deps: AppDeps) => Router;
  /** Pages outside /api, outside production only (a sandbox). */
  devPages?: (deps: AppDeps) => Router;
  /** Body keys of `POST /api/applications` the pack understands. */
  startOptions?: Record<string, StartOption>;
};

/** The installed packs with the registry their flows are built and validated with. */
export type ServerPacks = Omit<InstalledPacks, 'packs'> & { packs: readonly DomainPack[]; registry: Registry };
