/** Applications: start, list, view, send events, history (api.md "Flows and applications"). */
import { Router } from 'express';
import QRCode from 'qrcode';
import { labelOf, restore } from '#machines/engine.ts';
import type { AppDeps } from '../deps.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import { currentUser, hasRole } from './auth.ts';
import { idempotencyKey, idParam, ifMatch, instantQuery, queryString } from './params.ts';

const PAGE = 50;

export function applicationsRouter(deps: AppDeps): Router {
  const r = Router();
  const { runtime, sql, catalog } = deps;

  r.post('/applications', async (req, res) => {
    const user = currentUser(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.walkIn !== undefined) {
      // A person at the counter: opened by an officer of the office, outside the online quota.
      if (!hasRole(user, 'officer') || !user.officeCode) {
        throw new ForbiddenError({ id: 'Hanya petugas kantor yang dapat membuka permohonan walk-in.', en: 'Only an office officer can open a walk-in application.' });
      }
      const walkIn = parseWalkIn(body.walkIn);
      const out = await runtime.create(user, body.flow, {
        idempotencyKey: idempotencyKey(req),
        officeCode: user.officeCode,
        input: { walkIn: { ...walkIn, officeCode: user.officeCode, openedBy: user.id } },
      });
      res.status(out.status).location(`/api/applications/${out.body.id}`).json(out.body);
      return;
    }
    if (!hasRole(user, 'applicant')) {
      throw new ForbiddenError({ id: 'Permohonan daring dibuat oleh pemohon dengan akunnya sendiri.', en: 'Online applications are made by applicants with their own account.' });
    }
    const out = await runtime.create(user, body.flow, { idempotencyKey: idempotencyKey(req) });
    res.status(out.status).location(`/api/applications/${out.body.id}`).json(out.body);
  });

  r.get('/applications', async (req, res) => {
    const user = currentUser(req);
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (clause: string, value: string | number) => {
      where.push(clause);
      params.push(value);
    };
    const staffAll = hasRole(user, 'auditor', 'admin');
    const officer = hasRole(user, 'officer');
    if (staffAll) {
      const office = queryString(req, 'office');
      if (office) add('"officeCode" = ?', office);
    } else if (officer && user.officeCode && queryString(req, 'mine') !== '1') {
      add('"officeCode" = ?', user.officeCode);
    } else {
      add('"ownerId" = ?', user.id);
    }
    for (const [q, col] of [
      ['status', 'status'],
      ['state', 'state'],
      ['queueCode', 'queueCode'],
      ['flow', 'flowKey'],
      ['date', 'appointmentDate'],
    ] as const) {
      const v = queryString(req, q);
      if (v) add(`"${col}" = ?`, v);
    }
    if (staffAll || officer) {
      // the auditor's search: a flow version and when the application was started
      const errors: FieldError[] = [];
      const version = queryString(req, 'version');
      if (version !== undefined) {
        if (/^[1-9]\d{0,8}$/.test(version)) add('"flowVersion" = ?', Number(version));
        else errors.push({ pointer: '/version', message: 'must be a version number', messages: { id: 'harus nomor versi', en: 'must be a version number' } });
      }
      const from = instantQuery(req, 'from', 'lower', errors);
      const to = instantQuery(req, 'to', 'upper', errors);
      if (errors.length) throw new ValidationError(errors);
      if (from) add('"createdAt" >= ?', from);
      if (to) add('"createdAt" < ?', to);
    }
    const cursor = queryString(req, 'cursor');
    if (cursor) {
      const [updatedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
      if (!updatedAt || !id) throw new ValidationError([{ pointer: '/cursor', message: 'is not a cursor from this API', messages: { id: 'bukan kursor dari API ini', en: 'is not a cursor from this API' } }]);
      where.push('("updatedAt" < ? OR ("updatedAt" = ? AND "id" < ?))');
      params.push(updatedAt, updatedAt, id);
    }
    const rows = await sql.all<{
      id: string;
      flowKey: string;
      flowVersion: number;
      snapshot: string;
      state: string;
      status: string;
      version: number;
      officeCode: string | null;
      appointmentDate: string | null;
      queueCode: string | null;
      createdAt: string;
      updatedAt: string;
    }>(
      `SELECT "id", "flowKey", "flowVersion", "snapshot", "state", "status", "version", "officeCode", "appointmentDate", "queueCode", "createdAt", "updatedAt" FROM "Application" ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?`,
      [...params, PAGE + 1],
    );
    const page = rows.slice(0, PAGE);
    const items = [];
    const staff = staffAll || officer;
    for (const row of page) {
      const flow = await catalog.flow(row.flowKey, row.flowVersion);
      const { snapshot, flowKey, ...rest } = row;
      const restored = restore(flow, JSON.parse(snapshot));
      const item = { ...rest, flow: flowKey, title: flow.bundle.definition.title, label: labelOf(flow, restored) ?? null };
      // The counter's columns, from the context the snapshot already carries (no extra query).
      items.push(staff ? { ...item, ...counterFields(restored.context as Record<string, unknown> | undefined) } : item);
    }
    const last = page[page.length - 1];
    const nextCursor = rows.length > PAGE && last ? Buffer.from(`${last.updatedAt}|${last.id}`).toString('base64url') : null;
    res.json({ items, nextCursor });
  });

  r.get('/applications/:id', async (req, res) => {
    res.json(await runtime.view(idParam(req), currentUser(req)));
  });

  r.post('/applications/:id/events', async (req, res) => {
    const user = currentUser(req);
    const id = idParam(req);
    const body = req.body as { type?: unknown; data?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ValidationError([{ pointer: '', message: 'must be an object {type, data}', messages: { id: 'harus objek {type, data}', en: 'must be an object {type, data}' } }]);
    }
    const out = await runtime.apply(id, user, { type: body.type, data: body.data }, { ifMatch: ifMatch(req), idempotencyKey: idempotencyKey(req) });
    res.status(out.status).set('ETag', `"${out.body.version}"`).json(out.body);
  });

  /** The queue code as a QR image (SVG) for the confirmation page and its printout; 404 before payment. */
  r.get('/applications/:id/queue-qr.svg', async (req, res) => {
    const view = await runtime.view(idParam(req), currentUser(req));
    const code = (view.appointment as { queueCode?: unknown } | undefined)?.queueCode;
    if (typeof code !== 'string') throw new NotFoundError({ id: 'Kode antrean', en: 'Queue code' });
    const svg = await QRCode.toString(code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').set('Cache-Control', 'private, max-age=300').send(svg);
  });

  r.get('/applications/:id/steps', async (req, res) => {
    res.json(await runtime.steps(idParam(req), currentUser(req)));
  });

  r.get('/applications/:id/history', async (req, res) => {
    res.json(await runtime.history(idParam(req), currentUser(req)));
  });

  return r;
}

/** What an officer's list shows per application, beyond the row: session, queue number, name, walk-in priority, pickup date. */
export type CounterFields = {
  session: string | null;
  sessionStart: string | null;
  sessionEnd: string | null;
  queueNumber: number | null;
  applicantName: string | null;
  walkInPriority: string | null;
  pickupDate: string | null;
};

/** The counter's columns from an application's context (each null when the flow has not set it). Pure. */
export function counterFields(context: Record<string, unknown> | undefined): CounterFields {
  const ctx = context ?? {};
  const rec = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const appointment = rec(ctx.appointment);
  const walkIn = rec(ctx.walkIn);
  const queue = ctx.queueNumber ?? appointment.queueNumber;
  return {
    session: str(appointment.session),
    sessionStart: str(appointment.start),
    sessionEnd: str(appointment.end),
    queueNumber: typeof queue === 'number' && Number.isFinite(queue) ? queue : null,
    applicantName: str(rec(ctx.data).fullName) ?? str(rec(walkIn.applicant).fullName),
    walkInPriority: str(walkIn.priority),
    pickupDate: str(ctx.pickupDate),
  };
}

const PRIORITIES = ['disability', 'elderly', 'none'] as const;

/** `walkIn: {priority, applicant: {fullName, …}}` → the walk-in input, or 422 with pointers. */
function parseWalkIn(raw: unknown): { priority: (typeof PRIORITIES)[number]; applicant: Record<string, string> } {
  const errors: FieldError[] = [];
  const w = (raw && typeof raw === 'object' ? raw : {}) as { priority?: unknown; applicant?: unknown };
  if (!PRIORITIES.includes(w.priority as never)) {
    errors.push({ pointer: '/walkIn/priority', message: `must be one of ${PRIORITIES.join(', ')}`, messages: { id: `harus salah satu dari ${PRIORITIES.join(', ')}`, en: `must be one of ${PRIORITIES.join(', ')}` } });
  }
  const a = (w.applicant && typeof w.applicant === 'object' ? w.applicant : {}) as Record<string, unknown>;
  if (typeof a.fullName !== 'string' || a.fullName.trim().length < 2) {
    errors.push({ pointer: '/walkIn/applicant/fullName', message: 'the applicant\'s full name is required', messages: { id: 'nama lengkap pemohon wajib diisi', en: 'the applicant\'s full name is required' } });
  }
  const applicant: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) {
    if (typeof v !== 'string' || v.length > 200 || !/^[a-zA-Z]{1,40}$/.test(k)) {
      errors.push({ pointer: `/walkIn/applicant/${k}`, message: 'must be a short text', messages: { id: 'harus teks singkat', en: 'must be a short text' } });
    } else applicant[k] = v.trim();
  }
  if (errors.length) throw new ValidationError(errors);
  return { priority: w.priority as (typeof PRIORITIES)[number], applicant };
}
