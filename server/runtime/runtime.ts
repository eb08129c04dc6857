/**
 * runtime.apply: the path of one event (DESIGN.md). In one database transaction: load the
 * application, check the version, the role, the group and the data, run the state's hook, compute
 * the next snapshot with XState's pure transition, write it with an optimistic version check,
 * append the hash-chained event, and write timer, outbox and work-queue rows. Nothing is written
 * unless everything succeeds. Generic: what a flow needs beyond its definition comes from the
 * installed packs (server/packs.ts), handed in.
 */
import { randomUUID } from 'node:crypto';
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import { allowedEvents, applyTo, awaitingOf, formFor, groupsFor, handles, inGroups, restore, rolesFor, start } from '#machines/engine.ts';
import { ContextMissingError } from '#machines/errors.ts';
import { ownValue } from '#machines/object-path.ts';
import { eventTypeProblem, flowKeyProblem } from '#machines/names.ts';
import { SYSTEM_ROLE, type Effect, type EngineEvent, type I18nText, type Role } from '#machines/types.ts';
import type { SessionUser } from '../accounts/types.ts';
import type { Clock } from '../clock.ts';
import { isUniqueViolation, type SqlDriver, type SqlRunner } from '../db/sql.ts';
import { checkDocumentReferences } from '../documents/documents.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { FlowCatalog } from '../flows/catalog.ts';
import type { Logger } from '../log.ts';
import { canSee, lookupOf, officeOf, rolesOn } from './access.ts';
import { runActionEffects } from './effects.ts';
import {
  appendEvent,
  applyTimerEffects,
  findIdempotency,
  insertApplication,
  listEvents,
  loadApplication,
  replaceAwaiting,
  saveIdempotency,
  type ApplicationRow,
  type Projection,
} from './event-store.ts';
import { validateFormData } from './form-validator.ts';
import { eventLabelOf, keptFromApplicant, stateLabelOf } from './labels.ts';
import { hookFor, runHook } from './hooks.ts';
import { usesPack, type InstalledPacks } from './pack.ts';
import { buildView, formsOf, stepFormsOf, type ApplicationView, type FormView, type StepForms } from './view.ts';

export type Outcome = { status: number; body: ApplicationView };
export type EventInput = { type: unknown; data?: unknown };
export type ApplyOptions = { ifMatch?: number; idempotencyKey?: string };
export type DueTimer = { applicationId: string; timerId: string; event: string; dueAt: string; leaseOwner: string };

const MAX_ATTEMPTS = 8;
const APPLICATION = { id: 'Permohonan', en: 'Application' };

/** Thrown inside a transaction when another writer moved the application on first. */
class LostRace extends Error {}

export const versionConflict = (current: number) =>
  new ConflictError(
    'version-conflict',
    {
      id: `Permohonan ini sudah berubah (versi ${current}). Muat ulang untuk melihat keadaan terbaru; isian Anda tetap tersimpan di formulir.`,
      en: `This application has changed (now version ${current}). Reload to see its current state; your input stays in the form.`,
    },
    { currentVersion: current },
  );

/** The indexed columns of an application: its office (office-scoped flows) and what staff find it by (the flow's staff scope). */
function projection(flow: Flow, context: Record<string, unknown>): Projection {
  return { officeCode: officeOf(flow, context), ...lookupOf(flow, context) };
}

const contextOf = (s: AnyMachineSnapshot) => (s.context ?? {}) as Record<string, unknown>;

/**
 * A registry delay or hook found the context without a value it needs (a definition that uses it
 * where the flow never sets it; the validator refuses those): 409 with the reason, nothing written.
 */
function contextMissing(error: ContextMissingError) {
  return new ConflictError(
    'flow-needs-context',
    {
      id: `Langkah ini tidak dapat dijalankan untuk permohonan ini (${error.message}). Hubungi petugas; tidak ada yang berubah.`,
      en: `This step cannot run for this application (${error.message}). Contact the office; nothing was changed.`,
    },
    { path: error.path },
    { id: 'Definisi alur tidak lengkap', en: 'The flow definition is incomplete' },
  );
}

export class Runtime {
  constructor(
    private readonly deps: {
      sql: SqlDriver;
      catalog: FlowCatalog;
      clock: Clock;
      log: Logger;
      /** The installed domain packs (server/packs.ts). */
      packs: InstalledPacks;
      /** Called after a commit that queued messages (the outbox dispatcher looks sooner). */
      onMessages?: () => void;
    },
  ) {}

  /** Starts an application on the latest published version of `flowKey` (201 + view). */
  async create(user: SessionUser, flowKey: unknown, opts: ApplyOptions & { input?: Record<string, unknown>; officeCode?: string } = {}): Promise<Outcome> {
    if (flowKeyProblem(flowKey) !== undefined) {
      throw new ValidationError([{ pointer: '/flow', message: 'must be the key of a published flow', messages: { id: 'harus kunci alur yang diterbitkan', en: 'must be the key of a published flow' } }]);
    }
    if (typeof flowKey !== 'string') throw new Error('unreachable: flowKeyProblem accepts strings only');
    const { sql, catalog, clock } = this.deps;
    if (opts.idempotencyKey) {
      const rec = await findIdempotency(sql, user.id, opts.idempotencyKey);
      if (rec) return { status: rec.status, body: JSON.parse(rec.body) as ApplicationView };
    }
    const version = await catalog.latestPublished(flowKey);
    const flow = await catalog.flow(flowKey, version);
    const id = randomUUID();
    const now = clock.now();
    const input = { ...(opts.input ?? {}), applicationId: id, ownerId: user.id, ...(opts.officeCode ? { officeCode: opts.officeCode } : {}) };
    const role: Role = user.roles.includes('applicant') ? 'applicant' : (user.roles[0] ?? 'applicant');
    let step;
    try {
      step = start(flow, input, now.toISOString(), { id: user.id, role });
    } catch (error) {
      if (error instanceof ContextMissingError) throw contextMissing(error);
      throw error;
    }
    const snapshot = restore(flow, step.snapshot);
    const row: ApplicationRow = {
      id,
      flowKey,
      flowVersion: version,
      ownerId: user.id,
      snapshot: JSON.stringify(step.snapshot),
      state: step.state,
      status: step.status,
      version: 1,
      lastSeq: 1,
      lastHash: '',
      ...projection(flow, contextOf(snapshot)),
      stateSince: now.toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    try {
      const outcome = await sql.transaction(async (tx) => {
        const first = await insertApplication(tx, row, {
          type: 'START',
          actorId: user.id,
          actorRole: role,
          at: row.createdAt,
          fromState: null,
          toState: step.state,
          data: input,
        });
        row.lastHash = first.hash;
        await applyTimerEffects(tx, id, step.effects, row.createdAt);
        await this.updateAwaiting(tx, flow, row, snapshot);
        const queued = await this.runEffects(tx, flow, row, snapshot, { type: 'START', data: input }, step.effects, now);
        const body = this.viewOf(flow, row, snapshot, user);
        if (opts.idempotencyKey) await saveIdempotency(tx, user.id, opts.idempotencyKey, { applicationId: id, status: 201, body: JSON.stringify(body) }, row.createdAt);
        return { outcome: { status: 201, body }, queued };
      });
      if (outcome.queued) this.deps.onMessages?.();
      return outcome.outcome;
    } catch (err) {
      if (opts.idempotencyKey && isUniqueViolation(err)) {
        const rec = await findIdempotency(sql, user.id, opts.idempotencyKey);
        if (rec) return { status: rec.status, body: JSON.parse(rec.body) as ApplicationView };
      }
      throw err;
    }
  }

  /** Applies a user's event (see the file comment); 200 + view, or a typed error with nothing written. */
  async apply(applicationId: string, user: SessionUser, input: EventInput, opts: ApplyOptions = {}): Promise<Outcome> {
    const type = input?.type;
    if (typeof type !== 'string' || eventTypeProblem(type) !== undefined) {
      throw new ValidationError([{ pointer: '/type', message: 'must be an event name such as SUBMIT', messages: { id: 'harus nama peristiwa seperti SUBMIT', en: 'must be an event name such as SUBMIT' } }]);
    }
    const data = input.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ValidationError([{ pointer: '/data', message: 'must be an object', messages: { id: 'harus berupa objek', en: 'must be an object' } }]);
    }
    const { sql } = this.deps;
    await this.precheck(applicationId, user, type, data as Record<string, unknown>, opts);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await sql.transaction(async (tx) => {
          if (opts.idempotencyKey) {
            const rec = await findIdempotency(tx, user.id, opts.idempotencyKey);
            if (rec) {
              if (rec.applicationId !== applicationId) throw idempotencyReused();
              return { outcome: { status: rec.status, body: JSON.parse(rec.body) as ApplicationView }, queued: false };
            }
          }
          const row = await loadApplication(tx, applicationId, { forUpdate: sql.kind === 'postgres' });
          if (!row) throw new NotFoundError(APPLICATION);
          const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
          if (!canSee(user, row, flow)) {
            for (const pack of this.deps.packs.packs) {
              if (!usesPack(flow, pack)) continue;
              const problem = pack.explainInvisible?.({ user, row, type, data: data as Record<string, unknown> });
              if (problem) throw problem;
            }
            throw new NotFoundError(APPLICATION);
          }
          if (opts.ifMatch !== undefined && row.version !== opts.ifMatch) throw versionConflict(row.version);
          await this.precheckRow(tx, flow, row, user, type, data as Record<string, unknown>);
          const snapshot = restore(flow, JSON.parse(row.snapshot));
          const roles = rolesOn(user, row, flow);
          if (!handles(flow, snapshot, type)) {
            throw notAllowedNow(type, row.state, allowedEvents(flow, snapshot).filter((e) => e.roles.some((r) => roles.includes(r))).map((e) => e.type));
          }
          const permitted = rolesFor(flow, snapshot, type).filter((r) => roles.includes(r));
          if (permitted.length === 0) {
            throw new ForbiddenError(
              { id: `Peran Anda tidak dapat mengirim ${type} pada tahap ini.`, en: `Your role cannot send ${type} at this step.` },
              'wrong-role',
              { requiredRoles: rolesFor(flow, snapshot, type) },
            );
          }
          // NOTE: staff groups limit staff; the application's owner acting as the applicant is never asked for one.
          const groups = groupsFor(flow, snapshot, type);
          if (!permitted.includes('applicant') && !inGroups(groups, user.groups)) {
            throw new ForbiddenError(
              {
                id: `${type} pada tahap ini dikirim oleh petugas kelompok ${groups.join(', ')}; Anda tidak termasuk kelompok itu.`,
                en: `${type} at this step is sent by staff of the group ${groups.join(', ')}; you are not in that group.`,
              },
              'wrong-group',
              { requiredGroups: groups },
            );
          }
          const form = formFor(flow, snapshot, type);
          if (form) {
            const errors = validateFormData(form, data);
            if (errors.length) throw new ValidationError(errors);
          } else if (Object.keys(data).length > 0) {
            throw new ValidationError([{ pointer: '/data', message: `${type} takes no data here`, messages: { id: `${type} tidak memerlukan data di sini`, en: `${type} takes no data here` } }]);
          }
          const documentErrors = await checkDocumentReferences(tx, flow, row.id, data as Record<string, unknown>);
          if (documentErrors.length) throw new ValidationError(documentErrors);
          const role = permitted.includes('applicant') ? 'applicant' : permitted[0]!;
          const event: EngineEvent = { type, data: data as Record<string, unknown>, now: this.deps.clock.now().toISOString(), actor: { id: user.id, role } };
          const facts = await this.hook({ tx, flow, application: row, snapshot, event, user });
          if (facts) event.facts = facts;
          const outcome = await this.commit(tx, flow, row, snapshot, event, user);
          if (opts.idempotencyKey) {
            await saveIdempotency(tx, user.id, opts.idempotencyKey, { applicationId, status: 200, body: JSON.stringify(outcome.outcome.body) }, event.now);
          }
          return outcome;
        });
        if (result.queued) this.deps.onMessages?.();
        return result.outcome;
      } catch (err) {
        if (err instanceof LostRace && attempt < MAX_ATTEMPTS) continue;
        if (err instanceof LostRace) throw versionConflict(-1);
        if (opts.idempotencyKey && isUniqueViolation(err)) {
          const rec = await findIdempotency(sql, user.id, opts.idempotencyKey);
          if (rec && rec.applicationId === applicationId) return { status: rec.status, body: JSON.parse(rec.body) as ApplicationView };
        }
        throw err;
      }
    }
  }

  /**
   * The fast refusal (see Precheck in pack.ts): when the hook the state names for the event has a
   * precheck, it runs before the transaction, on the application as last committed, read without
   * a lock and without restoring the snapshot; and again first thing in the transaction (an
   * attempt that queued for the write lock while the places went is refused before the restore).
   * Only events that would pass the cheap checks of apply() (visible, the state handles the type,
   * the user's role and group may send it, no If-Match mismatch, no stored idempotent answer) are
   * prechecked; anything else, and anything the precheck lets through, goes the full way, where
   * the hook decides.
   */
  private async precheck(applicationId: string, user: SessionUser, type: string, data: Record<string, unknown>, opts: ApplyOptions) {
    const prechecks = this.deps.packs.prechecks;
    if (!prechecks || Object.keys(prechecks).length === 0) return;
    const { sql } = this.deps;
    const row = await loadApplication(sql, applicationId);
    if (!row || (opts.ifMatch !== undefined && row.version !== opts.ifMatch)) return;
    const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
    if (!canSee(user, row, flow)) return;
    if (opts.idempotencyKey && (await findIdempotency(sql, user.id, opts.idempotencyKey))) return;
    await this.precheckRow(sql, flow, row, user, type, data);
  }

  /** The precheck of the event on `row` (see precheck), when its hook has one. */
  private async precheckRow(sql: SqlRunner, flow: Flow, row: ApplicationRow, user: SessionUser, type: string, data: Record<string, unknown>) {
    const prechecks = this.deps.packs.prechecks;
    if (!prechecks || Object.keys(prechecks).length === 0) return;
    // NOTE: the engine's lookups below read the state value only; a full restore is what we avoid.
    const persisted = JSON.parse(row.snapshot) as { value?: unknown; status?: unknown };
    const light = { value: persisted.value, status: persisted.status } as unknown as AnyMachineSnapshot;
    const named = hookFor(flow, light, type);
    const check = named ? ownValue(prechecks, named.type) : undefined;
    if (!named || !check || !handles(flow, light, type)) return;
    const roles = rolesOn(user, row, flow);
    const permitted = rolesFor(flow, light, type).filter((r) => roles.includes(r));
    if (permitted.length === 0) return;
    if (!permitted.includes('applicant') && !inGroups(groupsFor(flow, light, type), user.groups)) return;
    await check({ sql, flow, application: row, event: { type, data }, params: named.params, user });
  }

  /** Runs the state's hook for the event (a pack's), mapping a missing context value to 409. */
  private async hook(ctx: Parameters<typeof runHook>[1]) {
    try {
      return await runHook(this.deps.packs.hooks, ctx);
    } catch (error) {
      if (error instanceof ContextMissingError) throw contextMissing(error);
      throw error;
    }
  }

  /** The view as `user` sees this application (null: the system, who sees what auditors see). */
  private viewOf(flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot, user: SessionUser | null): ApplicationView {
    const roles = user ? rolesOn(user, row, flow) : [];
    return buildView({ flow, row, snapshot, roles, groups: user?.groups ?? [], owner: user?.id === row.ownerId, packs: this.deps.packs.packs });
  }

  /** Rewrites who may act on the application now (the work queues); each role and group keeps the time it started waiting. */
  private async updateAwaiting(tx: SqlRunner, flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot) {
    const entries = snapshot.status === 'active' ? awaitingOf(flow, snapshot) : [];
    const before = await tx.all<{ role: string; grp: string; since: string; officeCode: string | null }>(
      'SELECT "role", "grp", "since", "officeCode" FROM "Awaiting" WHERE "applicationId" = ?',
      [row.id],
    );
    const since = new Map(before.map((b) => [`${b.role}\u0000${b.grp}`, b.since]));
    // NOTE: most events leave the same people waiting at the same office: then nothing is written.
    const same = before.length === entries.length && before.every((b) => b.officeCode === row.officeCode) && entries.every((e) => since.has(`${e.role}\u0000${e.group}`));
    if (same) return;
    await replaceAwaiting(
      tx,
      row.id,
      entries.map((e) => ({ ...e, since: since.get(`${e.role}\u0000${e.group}`) ?? row.updatedAt })),
      row.officeCode,
    );
  }

  /** Applies the event and writes everything it causes; throws LostRace when the version moved. */
  private async commit(tx: SqlRunner, flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot, event: EngineEvent, user: SessionUser | null) {
    let result;
    try {
      result = applyTo(flow, snapshot, event);
    } catch (error) {
      if (error instanceof ContextMissingError) throw contextMissing(error);
      throw error;
    }
    if (!result.accepted) {
      throw notAllowedNow(event.type, row.state, result.allowed, {
        id: `${event.type} tidak diterima dengan data ini pada tahap "${row.state}".`,
        en: `${event.type} is not accepted with this data in state "${row.state}".`,
      });
    }
    const { step, next } = result;
    const proj = projection(flow, contextOf(next));
    const snapshotJson = JSON.stringify(step.snapshot);
    const written = await appendEvent(
      tx,
      row,
      { snapshot: snapshotJson, state: step.state, status: step.status, ...proj },
      {
        type: event.type,
        actorId: event.actor.id,
        actorRole: event.actor.role,
        at: event.now,
        fromState: row.state,
        toState: step.state,
        data: event.data ?? {},
        ...(event.facts ? { facts: event.facts } : {}),
      },
    );
    if (!written) throw new LostRace();
    await applyTimerEffects(tx, row.id, step.effects, event.now);
    const updated: ApplicationRow = {
      ...row,
      ...proj,
      snapshot: snapshotJson,
      state: step.state,
      status: step.status,
      version: row.version + 1,
      lastSeq: written.seq,
      lastHash: written.hash,
      stateSince: row.stateSince === null || step.state === row.state ? row.stateSince : event.now,
      updatedAt: event.now,
    };
    await this.updateAwaiting(tx, flow, updated, next);
    const queued = await this.runEffects(tx, flow, updated, next, { type: event.type, data: event.data ?? {} }, step.effects, new Date(event.now));
    return { outcome: { status: 200, body: this.viewOf(flow, updated, next, user) }, queued };
  }

  private runEffects(tx: SqlRunner, flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot, event: { type: string; data: unknown }, effects: Effect[], now: Date) {
    return runActionEffects(
      this.deps.packs.effects,
      { tx, flow, applicationId: row.id, ownerId: row.ownerId, state: row.state, status: row.status, context: contextOf(snapshot), event, now },
      effects,
    );
  }

  /**
   * Applies an event as the system (a payment notice, an integration): no role or form checks,
   * the state's hook still runs. 200 + the view as auditors see it; 409 when the state does not
   * accept it now.
   */
  async applySystem(applicationId: string, type: string, data: Record<string, unknown> = {}): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.deps.sql.transaction(async (tx) => {
          const row = await loadApplication(tx, applicationId, { forUpdate: this.deps.sql.kind === 'postgres' });
          if (!row) throw new NotFoundError(APPLICATION);
          const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
          const snapshot = restore(flow, JSON.parse(row.snapshot));
          const event: EngineEvent = { type, data, now: this.deps.clock.now().toISOString(), actor: { id: SYSTEM_ROLE, role: SYSTEM_ROLE } };
          if (!handles(flow, snapshot, type)) throw notAllowedNow(type, row.state, []);
          const facts = await this.hook({ tx, flow, application: row, snapshot, event, user: null });
          if (facts) event.facts = facts;
          return this.commit(tx, flow, row, snapshot, event, null);
        });
        if (result.queued) this.deps.onMessages?.();
        return result.outcome;
      } catch (err) {
        if (err instanceof LostRace && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /**
   * Fires a due timer the scheduler has leased: deletes the timer row (only if still leased by
   * this owner, so it fires once) and applies its event as the system. A timer whose state was
   * left meanwhile is dropped.
   */
  async fireTimer(timer: DueTimer): Promise<'fired' | 'stale' | 'lost'> {
    const { sql } = this.deps;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await sql.transaction(async (tx) => {
          // Lock order as in apply(): the application first, then its timers (else PostgreSQL deadlocks
          // when a timer fires while an officer acts on the same application).
          const row = await loadApplication(tx, timer.applicationId, { forUpdate: sql.kind === 'postgres' });
          const removed = await tx.run('DELETE FROM "Timer" WHERE "applicationId" = ? AND "timerId" = ? AND "leaseOwner" = ? AND "dueAt" = ?', [
            timer.applicationId,
            timer.timerId,
            timer.leaseOwner,
            timer.dueAt,
          ]);
          if (removed !== 1) return { fired: 'lost' as const, queued: false };
          if (!row) return { fired: 'stale' as const, queued: false };
          const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
          const { type } = JSON.parse(timer.event) as { type: string };
          const event: EngineEvent = { type, data: {}, now: this.deps.clock.now().toISOString(), actor: { id: SYSTEM_ROLE, role: SYSTEM_ROLE } };
          const snapshot = restore(flow, JSON.parse(row.snapshot));
          if (!snapshot.can(event)) return { fired: 'stale' as const, queued: false };
          const { queued } = await this.commit(tx, flow, row, snapshot, event, null);
          return { fired: 'fired' as const, queued };
        });
        if (result.queued) this.deps.onMessages?.();
        return result.fired;
      } catch (err) {
        if (err instanceof LostRace && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /**
   * Fills the work queues ("Awaiting") for applications written before they existed: once per
   * database (a Setting marks it done), in batches of 500 by id, each batch its own transaction.
   * Resolves to the number of applications looked at.
   */
  async backfillAwaiting(): Promise<number> {
    const { sql } = this.deps;
    const MARK = 'awaiting-backfill';
    if (await sql.get('SELECT "value" FROM "Setting" WHERE "key" = ?', [MARK])) return 0;
    let after = '';
    let seen = 0;
    for (;;) {
      const ids = await sql.all<{ id: string }>('SELECT "id" FROM "Application" WHERE "id" > ? ORDER BY "id" LIMIT 500', [after]);
      if (ids.length === 0) break;
      await sql.transaction(async (tx) => {
        for (const { id } of ids) {
          // Locked as an event would lock it, so a live event and this never write the queue from different snapshots.
          const row = await loadApplication(tx, id, { forUpdate: sql.kind === 'postgres' });
          if (!row) continue;
          const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
          await this.updateAwaiting(tx, flow, row, restore(flow, JSON.parse(row.snapshot)));
        }
      });
      seen += ids.length;
      after = ids[ids.length - 1]!.id;
    }
    await sql.run('INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING', [MARK, new Date().toISOString()]);
    return seen;
  }

  /**
   * The application, its flow and the user's roles on it, when the user may see it; else 404 (also
   * for ids that do not exist). For routes that show part of an application (documents, a pack's).
   */
  async reach(applicationId: string, user: SessionUser): Promise<{ row: ApplicationRow; flow: Flow; roles: Role[] }> {
    const row = await loadApplication(this.deps.sql, applicationId);
    if (!row) throw new NotFoundError(APPLICATION);
    const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
    if (!canSee(user, row, flow)) throw new NotFoundError(APPLICATION);
    return { row, flow, roles: rolesOn(user, row, flow) };
  }

  /** True when `user` may see the application (false for ids that do not exist). */
  async canSee(applicationId: string, user: SessionUser): Promise<boolean> {
    try {
      await this.reach(applicationId, user);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  /** The application as `user` may see it, or 404. */
  async view(applicationId: string, user: SessionUser): Promise<ApplicationView> {
    const { row, flow } = await this.reach(applicationId, user);
    return this.viewOf(flow, row, restore(flow, JSON.parse(row.snapshot)), user);
  }

  /** The steps of the application's flow version with their forms (for "check your answers"). */
  async steps(applicationId: string, user: SessionUser): Promise<StepForms[]> {
    const { flow } = await this.reach(applicationId, user);
    return stepFormsOf(flow);
  }

  /** Every form of the application's flow version (what staff recorded with events that have passed is labelled from them). */
  async forms(applicationId: string, user: SessionUser): Promise<FormView[]> {
    const { flow } = await this.reach(applicationId, user);
    return formsOf(flow);
  }

  /**
   * The event log in order: `{seq, type, label, actor, actorRole, at, from, fromLabel, to,
   * toLabel, data, facts?}`; labels are the definition's ({id, en}, or null). The applicant gets
   * `data: {}` for events whose transition keeps their data from them (`saveAt`).
   */
  async history(applicationId: string, user: SessionUser) {
    const { flow, roles } = await this.reach(applicationId, user);
    const applicantOnly = roles.every((r) => r === 'applicant');
    const events = await listEvents(this.deps.sql, applicationId);
    return events.map((e) => ({
      seq: e.seq,
      type: e.type,
      label: eventLabelOf(flow, e.type, e.fromState),
      actor: e.actorId,
      actorRole: e.actorRole,
      at: e.at,
      from: e.fromState,
      fromLabel: e.fromState === null ? null : stateLabelOf(flow, e.fromState),
      to: e.toState,
      toLabel: stateLabelOf(flow, e.toState),
      data: applicantOnly && keptFromApplicant(flow, e.type, e.fromState) ? {} : (JSON.parse(e.data) as unknown),
      ...(e.facts ? { facts: JSON.parse(e.facts) as unknown } : {}),
    }));
  }
}

function notAllowedNow(type: string, state: string, allowed: string[], detail?: I18nText) {
  return new ConflictError(
    'event-not-allowed',
    detail ?? {
      id: `${type} tidak dapat dikirim pada tahap "${state}". Yang dapat dilakukan sekarang: ${allowed.join(', ') || 'tidak ada'}.`,
      en: `${type} cannot be sent in state "${state}". What can be done now: ${allowed.join(', ') || 'nothing'}.`,
    },
    { state, allowed, allowedEvents: allowed },
    { id: 'Tidak dapat dilakukan sekarang', en: 'Not allowed now' },
  );
}

function idempotencyReused() {
  return new BadRequestError(
    { id: 'Idempotency-Key ini sudah dipakai untuk permohonan lain.', en: 'This Idempotency-Key was already used for another application.' },
    'idempotency-key-reused',
  );
}
