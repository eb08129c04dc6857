/**
 * The passport pack: everything that knows about offices, booking, billing and payment notices,
 * queue numbers, check-in, pickup and walk-ins, plugged into the generic runtime through one typed
 * interface (server/pack.ts) and installed in server/packs.ts. The flows themselves are data
 * (machines/definitions/passport-*.json, forms/passport-*.json); docs/passport-domain.md says how
 * they meet this code.
 */
import { Router } from 'express';
import QRCode from 'qrcode';
import { isRecord } from '#machines/object-path.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts';
import { currentUser, hasRole } from '../../http/auth.ts';
import { idParam } from '../../http/params.ts';
import type { DomainPack } from '../../pack.ts';
import { drawsDevRouter, drawsRouter, runDrawsWithScheduler } from './draws-router.ts';
import { passportEffects } from './effects.ts';
import { passportHooks, passportPrechecks } from './hooks.ts';
import { officesRouter } from './offices-router.ts';
import { paymentsRouter, paymentWebhookRouter } from './payments-router.ts';
import { sandboxPageRouter, sandboxRouter } from './sandbox-router.ts';
import { passportSummary } from './summary.ts';
import { passportVocabulary } from './vocabulary.ts';

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The context fields the passport web app and scripts read from the view (api.md). */
const VIEW_FIELDS = ['queueNumber', 'appointment', 'payment', 'pickupDate', 'walkIn', 'draw'] as const;

/** What an officer's list shows per application: session, queue number, name, walk-in priority, pickup date. */
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
  const w = rec(raw) as { priority?: unknown; applicant?: unknown };
  if (!PRIORITIES.includes(w.priority as never)) {
    errors.push({ pointer: '/walkIn/priority', message: `must be one of ${PRIORITIES.join(', ')}`, messages: { id: `harus salah satu dari ${PRIORITIES.join(', ')}`, en: `must be one of ${PRIORITIES.join(', ')}` } });
  }
  const a = rec(w.applicant);
  if (typeof a.fullName !== 'string' || a.fullName.trim().length < 2) {
    errors.push({ pointer: '/walkIn/applicant/fullName', message: "the applicant's full name is required", messages: { id: 'nama lengkap pemohon wajib diisi', en: "the applicant's full name is required" } });
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

/** The queue code as a QR image (SVG) for the confirmation page and its printout; 404 before payment. */
function queueQrRouter(deps: Parameters<NonNullable<DomainPack['routes']>>[0]): Router {
  const r = Router();
  r.get('/applications/:id/queue-qr.svg', async (req, res) => {
    const view = await deps.runtime.view(idParam(req), currentUser(req));
    const code = rec(view.appointment).queueCode;
    if (typeof code !== 'string') throw new NotFoundError({ id: 'Kode antrean', en: 'Queue code' });
    const svg = await QRCode.toString(code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').set('Cache-Control', 'private, max-age=300').send(svg);
  });
  return r;
}

export const passportPack = {
  name: 'passport',
  vocabulary: passportVocabulary,
  hooks: passportHooks,
  prechecks: passportPrechecks,
  effects: passportEffects,

  viewExtras: ({ row, context }) => {
    const extras: Record<string, unknown> = {};
    for (const k of VIEW_FIELDS) if (context[k] !== undefined && context[k] !== null) extras[k] = context[k];
    const appointment = rec(context.appointment);
    if (typeof appointment.queueCode === 'string') extras.appointment = { ...appointment, qr: `/api/applications/${row.id}/queue-qr.svg` };
    return extras;
  },

  listColumns: (context, staff) => {
    const appointment = rec(context.appointment);
    const base = { appointmentDate: str(appointment.date), queueCode: str(appointment.queueCode) };
    return staff ? { ...base, ...counterFields(context) } : base;
  },

  listFilters: { queueCode: 'code' },

  /**
   * A person may walk up to the wrong office with their queue code. An officer there who sends
   * CHECK_IN with that very code learns which office the appointment is at (409), and nothing
   * else; without the code the application stays out of reach (404).
   */
  explainInvisible: ({ user, row, type, data }) => {
    const code = row.lookupCode;
    if (type !== 'CHECK_IN' || !user.roles.includes('officer') || !code || data.queueCode !== code || row.officeCode === user.officeCode) return undefined;
    return new ConflictError('wrong-office', {
      id: `Janji temu ini di kantor ${row.officeCode ?? '-'}, bukan di kantor ini (${user.officeCode ?? '-'}). Arahkan pemohon ke kantor tersebut.`,
      en: `This appointment is at office ${row.officeCode ?? '-'}, not this one (${user.officeCode ?? '-'}). Send the applicant there.`,
    });
  },

  /** A walk-in is an officer's application for a person at the counter: messages go to that person's email, if they left one. */
  recipient: (context) => {
    if (!isRecord(context.walkIn)) return undefined;
    const applicant = rec(context.walkIn.applicant);
    const email = str(applicant.email);
    return email && /^[^@\s]+@[^@\s]+$/.test(email) ? { email, fullName: str(applicant.fullName) ?? '', locale: 'id' } : null;
  },

  summary: passportSummary,

  routes: (deps) => {
    runDrawsWithScheduler(deps);
    return Router().use(officesRouter(deps), drawsRouter(deps), paymentsRouter(deps), queueQrRouter(deps));
  },
  rawRoutes: { paths: ['/payments/webhook'], router: paymentWebhookRouter },
  devRoutes: (deps) => Router().use(sandboxRouter(deps), drawsDevRouter(deps)),
  devPages: sandboxPageRouter,

  startOptions: {
    /** A person at the counter: opened by an officer of the office, outside the online quota. */
    walkIn: (user, raw) => {
      if (!hasRole(user, 'officer') || !user.officeCode) {
        throw new ForbiddenError({ id: 'Hanya petugas kantor yang dapat membuka permohonan walk-in.', en: 'Only an office officer can open a walk-in application.' });
      }
      const walkIn = parseWalkIn(raw);
      return { officeCode: user.officeCode, input: { walkIn: { ...walkIn, officeCode: user.officeCode, openedBy: user.id } } };
    },
  },
} satisfies DomainPack<typeof passportVocabulary>;
