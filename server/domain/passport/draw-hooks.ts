/**
 * The draw's part of the passport hooks (hooks.ts calls these): whether a chosen place is taken
 * first-come or entered in its draw, and the facts of a draw won or lost (draws.ts has the rest).
 */
import { ContextMissingError } from '#machines/errors.ts';
import { addDays } from '../../calendar/calendar.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { HookContext } from '../../runtime/pack.ts';
import { drawIdOf, drawIfDue, drawWindowOf, ensureDraw, enterDraw, findDraw, longDate, nearestOffers, placesOpenOf, settleEntry, type DrawFacts, type DrawRow } from './draws.ts';
import { getOffice, sessionCapacities, type Office, type QuotaKind, type SessionCapacity } from './offices.ts';

const policyOf = (ctx: HookContext) => (ctx.flow.bundle.definition.policy ?? {}) as Record<string, unknown>;
const answersOf = (ctx: HookContext) => ((ctx.snapshot.context as Record<string, unknown> | undefined)?.data ?? {}) as Record<string, unknown>;
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

type Chosen = { office: Office; date: string; session: SessionCapacity; kind: QuotaKind };

/** The applicant's priority group for a draw on `date` (policy.placesOpen.elderlyAge; a declared disability), or null. */
function priorityOf(answers: Record<string, unknown>, date: string, elderlyAge: number): string | null {
  if (answers.disability === true) return 'disability';
  const b = typeof answers.birthDate === 'string' ? answers.birthDate : '';
  if (/^\d{4}-\d\d-\d\d$/.test(b) && `${String(Number(b.slice(0, 4)) + elderlyAge).padStart(4, '0')}${b.slice(4)}` <= date) return 'elderly';
  return null;
}

const HOURS = new Map<string, Intl.DateTimeFormat>();
/** `08:05` on the office's clock (one formatter per zone: building one costs more than using it). */
const clock = (d: Date, timeZone: string) => {
  let format = HOURS.get(timeZone);
  if (!format) HOURS.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(d);
};

/**
 * How the chosen place opens now: null when it is taken first-come (a draw of the place whose
 * window has closed is drawn first, in this transaction); the entry's facts when the SUBMIT
 * arrives within the place's draw window (policy.placesOpen.mode `draw`, or a draw another flow
 * of the same quota opened). `first-come-only` (reschedule) refuses a place in an open window.
 */
export async function placeOpening(ctx: HookContext, chosen: Chosen, opening: 'may-enter-draw' | 'first-come-only'): Promise<DrawFacts | null> {
  const { tx, event, application } = ctx;
  const policy = policyOf(ctx);
  const p = placesOpenOf(policy);
  const { office, date, session, kind } = chosen;
  const place = { officeCode: office.code, date, session: session.id, kind };
  const now = new Date(event.now);
  let draw: DrawRow | undefined = await findDraw(tx, office.code, drawIdOf(date, session.id, kind));
  const window = draw ? { opensAt: new Date(draw.opensAt), closesAt: new Date(draw.closesAt) } : p.mode === 'draw' ? drawWindowOf(date, num(policy.bookingHorizonDays, 60), office.timeZone, p) : null;
  if (window && now < window.opensAt) {
    const at = `${longDate(addDays(date, -num(policy.bookingHorizonDays, 60)), 'en')} ${clock(window.opensAt, office.timeZone)}`;
    const atId = `${longDate(addDays(date, -num(policy.bookingHorizonDays, 60)), 'id')} pukul ${clock(window.opensAt, office.timeZone)}`;
    throw new ValidationError([
      { pointer: '/date', message: `Places for this date open on ${at} (office time).`, messages: { id: `Tempat untuk tanggal ini dibuka pada ${atId} (waktu kantor).`, en: `Places for this date open on ${at} (office time).` } },
    ]);
  }
  if (window && now < window.closesAt) {
    const resultAt = clock(window.closesAt, office.timeZone);
    if (opening === 'first-come-only') {
      throw new ConflictError('draw-open', {
        id: `Tempat pada ${longDate(date, 'id')} sesi ${session.id} sedang diundi sampai pukul ${resultAt} (waktu kantor). Pilih tanggal lain atau coba lagi setelah undian.`,
        en: `The places on ${longDate(date, 'en')}, session ${session.id}, are being drawn until ${resultAt} (office time). Pick another date or try again after the draw.`,
      });
    }
    draw ??= await ensureDraw(tx, place, window, p.priorityPercent, now);
    const answers = answersOf(ctx);
    const nik = typeof answers.nik === 'string' ? answers.nik : '';
    if (!nik) throw new ContextMissingError(event.type, 'data.nik', 'a draw takes one entry per NIK: the identity step saves it');
    return enterDraw(tx, draw, office, session, { applicationId: application.id, nik, priority: priorityOf(answers, date, p.elderlyAge) }, now);
  }
  await drawIfDue(tx, place, now);
  return null;
}

/** The place a won draw took for the application (DRAW_WON): its entry is marked settled. */
export async function drawWonChoice(ctx: HookContext): Promise<{ office: Office; date: string; session: SessionCapacity }> {
  const entry = await settleEntry(ctx.tx, ctx.application.id, 'won', ctx.event.now);
  const draw = (await findDraw(ctx.tx, entry.officeCode, entry.drawId))!;
  const office = await getOffice(ctx.tx, entry.officeCode);
  const session = sessionCapacities(office, draw.kind).find((s) => s.id === draw.session);
  if (!session) throw new Error(`office ${office.code} has no session ${draw.session} any more`);
  return { office, date: draw.date, session };
}

/** The facts of a draw lost (DRAW_LOST): the nearest free places, as a list and in words. */
export async function drawLostFacts(ctx: HookContext): Promise<Partial<DrawFacts>> {
  const entry = await settleEntry(ctx.tx, ctx.application.id, 'lost', ctx.event.now);
  const draw = (await findDraw(ctx.tx, entry.officeCode, entry.drawId))!;
  const office = await getOffice(ctx.tx, entry.officeCode);
  const policy = policyOf(ctx);
  const { offers, text } = await nearestOffers(
    ctx.tx,
    office,
    draw.date,
    draw.kind,
    { minLeadDays: num(policy.minLeadDays, policy.express === true ? 1 : 0), horizonDays: num(policy.bookingHorizonDays, 60) },
    new Date(ctx.event.now),
  );
  return { status: 'lost', outcome: 'lost', offers, offersText: text };
}
