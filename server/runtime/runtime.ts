/**
 * runtime.apply: the path of one event (DESIGN.md). In one database transaction: load the
 * application, check the version, the role and the data, compute the next snapshot with XState's
 * pure transition, write it with an optimistic version check, append the hash-chained event,
 * and write timer and outbox rows. Nothing is written unless everything succeeds.
 */
import { randomUUID } from 'node:crypto';
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import { allowedEvents, applyTo, formFor, handles, restore, rolesFor, start } from '#machines/engine.ts';
import { SYSTEM_ROLE, type Effect, type EngineEvent, type I18nText, type Role } from '#machines/types.ts';
import type { SessionUser } from '../accounts/types.ts';
import type { Clock } from '../clock.ts';
import { isUniqueViolation, type SqlDriver, type SqlRunner } from '../db/sql.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { FlowCatalog } from '../flows/catalog.ts';
import type { Logger } from '../log.ts';
import { runHook } from '../domain/hooks.ts';
import { canSee, presentsQueueCodeElsewhere, rolesOn } from './access.ts';
import { runActionEffects } from './effects.ts';
import {
  appendEvent,
  applyTimerEffects,
  findIdempotency,
  insertApplication,
  listEvents,
  loadApplication,
  saveIdempotency,
  type ApplicationRow,
  type Projection,
} from './event-store.ts';
import { validateFormData } from './form-validator.ts';
import { buildView, stepFormsOf, type ApplicationView, type StepForms } from './view.ts';

export type Outcome = { status: number; body: ApplicationView };
export type EventInput = { type: unknown; data?: unknown };
export type ApplyOptions = { ifMatch?: number; idempotencyKey?: string };
export type DueTimer = { applicationId: string; timerId: string; event: string; dueAt: string; leaseOwner: string };

const MAX_ATTEMPTS = 8;
const EVENT_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;
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

function projection(context: Record<string, unknown>): Projection {
  const data = (context.data ?? {}) as Record<string, unknown>;
  const appointment = (context.appointment ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    officeCode: str(context.officeCode) ?? str(appointment.officeCode) ?? str(data.officeCode),
    appointmentDate: str(appointment.date),
    queueCode: str(appointment.queueCode),
  };
}

const contextOf = (s: AnyMachineSnapshot) => (s.context ?? {}) as Record<string, unknown>;

export class Runtime {
  constructor(
    private readonly deps: {
      sql: SqlDriver;
      catalog: FlowCatalog;
      clock: Clock;
      log: Logger;
      /** Called after a commit that queued messages (the outbox dispatcher looks sooner). */
      onMessages?: () => void;
    },
  ) {}

  /** Starts an application on the latest published version of `flowKey` (201 + view). */
  async create(user: SessionUser, flowKey: unknown, opts: ApplyOptions & { input?: Record<string, unknown>; officeCode?: string } = {}): Promise<Outcome> {
    if (typeof flowKey !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(flowKey)) {
      throw new ValidationError([{ pointer: '/flow', message: 'must be the key of a published flow', messages: { id: 'harus kunci alur yang diterbitkan', en: 'must be the key of a published flow' } }]);
    }
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
    const step = start(flow, input, now.toISOString(), { id: user.id, role });
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
      ...projection(contextOf(snapshot)),
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
        const queued = await this.runEffects(tx, flow, row, snapshot, { type: 'START', data: input }, step.effects, now);
        const body = buildView(flow, row, snapshot, rolesOn(user, row));
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
    if (typeof type !== 'string' || !EVENT_TYPE.test(type)) {
      throw new ValidationError([{ pointer: '/type', message: 'must be an event name such as SUBMIT', messages: { id: 'harus nama peristiwa seperti SUBMIT', en: 'must be an event name such as SUBMIT' } }]);
    }
    const data = input.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ValidationError([{ pointer: '/data', message: 'must be an object', messages: { id: 'harus berupa objek', en: 'must be an object' } }]);
    }
    const { sql } = this.deps;
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
          if (row && !canSee(user, row) && presentsQueueCodeElsewhere(user, row, type, data as Record<string, unknown>)) {
            throw new ConflictError('wrong-office', {
              id: `Janji temu ini di kantor ${row.officeCode}, bukan di kantor ini (${user.officeCode ?? '-'}). Arahkan pemohon ke kantor tersebut.`,
              en: `This appointment is at office ${row.officeCode}, not this one (${user.officeCode ?? '-'}). Send the applicant there.`,
            });
          }
          if (!row || !canSee(user, row)) throw new NotFoundError(APPLICATION);
          if (opts.ifMatch !== undefined && row.version !== opts.ifMatch) throw versionConflict(row.version);
          const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
          const snapshot = restore(flow, JSON.parse(row.snapshot));
          const roles = rolesOn(user, row);
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
          const form = formFor(flow, snapshot, type);
          if (form) {
            const errors = validateFormData(form, data);
            if (errors.length) throw new ValidationError(errors);
          } else if (Object.keys(data).length > 0) {
            throw new ValidationError([{ pointer: '/data', message: `${type} takes no data here`, messages: { id: `${type} tidak memerlukan data di sini`, en: `${type} takes no data here` } }]);
          }
          const event: EngineEvent = { type, data: data as Record<string, unknown>, now: this.deps.clock.now().toISOString(), actor: { id: user.id, role: permitted[0]! } };
          const facts = await runHook({ tx, flow, application: row, snapshot, event, user });
          if (facts) event.facts = facts;
          const outcome = await this.commit(tx, flow, row, snapshot, event, roles);
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

  /** Applies the event and writes everything it causes; throws LostRace when the version moved. */
  private async commit(tx: SqlRunner, flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot, event: EngineEvent, roles: Role[]) {
    const result = applyTo(flow, snapshot, event);
    if (!result.accepted) {
      throw notAllowedNow(event.type, row.state, result.allowed, {
        id: `${event.type} tidak diterima dengan data ini pada tahap "${row.state}".`,
        en: `${event.type} is not accepted with this data in state "${row.state}".`,
      });
    }
    const { step, next } = result;
    const proj = projection(contextOf(next));
    const written = await appendEvent(
      tx,
      row,
      { snapshot: JSON.stringify(step.snapshot), state: step.state, status: step.status, ...proj },
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
      snapshot: JSON.stringify(step.snapshot),
      state: step.state,
      status: step.status,
      version: row.version + 1,
      lastSeq: written.seq,
      lastHash: written.hash,
      updatedAt: event.now,
    };
    const queued = await this.runEffects(tx, flow, updated, next, { type: event.type, data: event.data ?? {} }, step.effects, new Date(event.now));
    return { outcome: { status: 200, body: buildView(flow, updated, next, roles) }, queued };
  }

  private runEffects(tx: SqlRunner, flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot, event: { type: string; data: unknown }, effects: Effect[], now: Date) {
    return runActionEffects(
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
          const facts = await runHook({ tx, flow, application: row, snapshot, event, user: null });
          if (facts) event.facts = facts;
          return this.commit(tx, flow, row, snapshot, event, []);
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
          const { queued } = await this.commit(tx, flow, row, snapshot, event, []);
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

  /** The application as `user` may see it, or 404. */
  async view(applicationId: string, user: SessionUser): Promise<ApplicationView> {
    const row = await loadApplication(this.deps.sql, applicationId);
    if (!row || !canSee(user, row)) throw new NotFoundError(APPLICATION);
    const flow = await this.deps.catalog.flow(row.flowKey, row.flowVersion);
    return buildView(flow, row, restore(flow, JSON.parse(row.snapshot)), rolesOn(user, row));
  }

  /** The steps of the application's flow version with their forms (for "check your answers"). */
  async steps(applicationId: string, user: SessionUser): Promise<StepForms[]> {
    const row = await loadApplication(this.deps.sql, applicationId);
    if (!row || !canSee(user, row)) throw new NotFoundError(APPLICATION);
    return stepFormsOf(await this.deps.catalog.flow(row.flowKey, row.flowVersion));
  }

  /** The event log in order: `{seq, type, actor, actorRole, at, from, to, data}`. */
  async history(applicationId: string, user: SessionUser) {
    const row = await loadApplication(this.deps.sql, applicationId);
    if (!row || !canSee(user, row)) throw new NotFoundError(APPLICATION);
    const events = await listEvents(this.deps.sql, applicationId);
    return events.map((e) => ({
      seq: e.seq,
      type: e.type,
      actor: e.actorId,
      actorRole: e.actorRole,
      at: e.at,
      from: e.fromState,
      to: e.toState,
      data: JSON.parse(e.data) as unknown,
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
