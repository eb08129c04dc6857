/**
 * The passport hooks (docs/passport-domain.md): booking, billing, queue numbers, check-in, the
 * pickup date, hand-over and the documents a passport needs. Each runs inside the event's
 * transaction, checks what only the database knows and returns facts that travel with the event
 * (logged, hashed, replayed); refusing means throwing a typed error, and then nothing is written.
 * One implementation per hook of vocabulary.ts (the pack's type checks it).
 */
import { formatInTimeZone } from 'date-fns-tz';
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import { ContextMissingError } from '#machines/errors.ts';
import { durationMs } from '../../clock.ts';
import { addDays, addWorkingDays, isWorkingDay, loadHolidays, todayIn, zonedDateTime } from '../../calendar/calendar.ts';
import { missingDocuments } from '../../documents/documents.ts';
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts';
import type { Hook, HookContext, HookNames, Precheck } from '../../runtime/pack.ts';
import { refuseWhenFull, reservePlace, releasePlaces } from './booking.ts';
import { drawLostFacts, drawWonChoice, placeOpening } from './draw-hooks.ts';
import { placesOpenOf, type DrawFacts } from './draws.ts';
import { getOffice, sessionCapacities } from './offices.ts';
import { feeFor, issueBill, settleReceivedPayment } from './payments.ts';
import { nextQueueNumber, queueCode } from './queue.ts';
import type { passportVocabulary } from './vocabulary.ts';

const contextOf = (s: AnyMachineSnapshot) => (s.context ?? {}) as Record<string, unknown>;
const policyOf = (flow: Flow) => flow.bundle.definition.policy as Record<string, unknown>;
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const field = (pointer: string, id: string, en: string): FieldError => ({ pointer, message: en, messages: { id, en } });

type Appointment = { officeCode: string; date: string; session: string; start: string; end: string; timeZone: string; queueCode?: string; queueNumber?: number };

function appointmentOf(ctx: HookContext): Appointment {
  const a = contextOf(ctx.snapshot).appointment as Appointment | undefined;
  if (!a?.officeCode || !a.date) throw new ContextMissingError(`${ctx.event.type}`, 'appointment', 'the application has no appointment yet');
  return a;
}

type PlaceChoice = { office: Awaited<ReturnType<typeof getOffice>>; date: string; session: { id: string; start: string; end: string } };

/**
 * The checks of a chosen place (office, date, session) and taking it: lead days and horizon in
 * the office's time zone, a working day, the passport book in stock, a free place (guarded
 * counter); any place the application held before is given back first.
 */
async function takePlace(ctx: HookContext, opening: 'may-enter-draw' | 'first-come-only' = 'first-come-only'): Promise<PlaceChoice & { draw?: DrawFacts }> {
  const { tx, flow, application, event } = ctx;
  const policy = policyOf(flow);
  const data = (event.data ?? {}) as { officeCode?: string; date?: string; session?: string };
  const answers = (contextOf(ctx.snapshot).data ?? {}) as Record<string, unknown>;
  const office = await getOffice(tx, String(data.officeCode));
  const express = policy.express === true;
  const today = todayIn(office.timeZone, new Date(event.now));
  const date = String(data.date);
  const minLead = num(policy.minLeadDays, express ? 1 : 0);
  const horizon = num(policy.bookingHorizonDays, 60);
  if (date < addDays(today, minLead)) {
    throw new ValidationError([
      express
        ? field(
            '/date',
            `Layanan percepatan harus dipesan paling lambat ${minLead === 1 ? 'satu' : minLead} hari sebelumnya: pilih tanggal mulai ${addDays(today, minLead)}.`,
            `Express service must be booked at least ${minLead === 1 ? 'one day' : `${minLead} days`} ahead: pick a date from ${addDays(today, minLead)}.`,
          )
        : field('/date', `Tanggal paling awal yang dapat dipilih adalah ${addDays(today, minLead)}.`, `The earliest date you can pick is ${addDays(today, minLead)}.`),
    ]);
  }
  if (date > addDays(today, horizon)) {
    throw new ValidationError([field('/date', `Jadwal baru dibuka sampai ${addDays(today, horizon)}.`, `Dates are open until ${addDays(today, horizon)}.`)]);
  }
  const { dates: holidays } = await loadHolidays(tx, date, date);
  if (!isWorkingDay(date, holidays)) {
    throw new ValidationError([field('/date', 'Kantor tutup pada tanggal ini (akhir pekan atau hari libur).', 'The office is closed on this date (weekend or holiday).')]);
  }
  const passportType = answers.passportType === 'electronic' ? 'electronic' : 'ordinary';
  const stock = (office.stock as Record<string, number>)[passportType] ?? 0;
  if (stock <= 0) {
    throw new ConflictError('no-stock', {
      id: `Kantor ${office.name} sedang kehabisan blanko paspor ${passportType === 'electronic' ? 'elektronik' : 'biasa'}. Pilih kantor lain atau jenis paspor lain.`,
      en: `${office.name} has no ${passportType} passport books in stock. Pick another office or passport type.`,
    });
  }
  const kind = express ? 'express' : 'regular';
  const session = sessionCapacities(office, kind).find((s) => s.id === data.session);
  if (!session) throw new ValidationError([field('/session', 'Sesi tidak tersedia di kantor ini.', 'This office has no such session.')]);
  // How places open (draws.ts): within a draw window the SUBMIT enters the draw instead of taking a place.
  const draw = await placeOpening(ctx, { office, date, session, kind }, opening);
  if (draw) return { office, date, session, draw };
  await releasePlaces(tx, application.id, event.now); // a new choice replaces the place held before
  await reservePlace(tx, application.id, { officeCode: office.code, date, session: session.id, kind }, session.capacity, event.now);
  return { office, date, session };
}

const appointmentFacts = ({ office, date, session }: PlaceChoice) => ({
  officeCode: office.code,
  officeName: office.name,
  address: office.address,
  timeZone: office.timeZone,
  date,
  session: session.id,
  start: session.start,
  end: session.end,
});

/** Schedule SUBMIT: a place (guarded counter), the bill, the appointment; or, within a draw window, an entry in the draw. */
const book: Hook = async (ctx) => {
  const choice = await takePlace(ctx, 'may-enter-draw');
  if (choice.draw) return { draw: choice.draw };
  return bookingFacts(ctx, choice);
};

/** The facts of a place taken: the appointment and its bill (a first-come SUBMIT, or a draw won). */
async function bookingFacts(ctx: HookContext, choice: PlaceChoice) {
  const { tx, flow, application, event } = ctx;
  const policy = policyOf(flow);
  const answers = (contextOf(ctx.snapshot).data ?? {}) as Record<string, unknown>;
  const express = policy.express === true;
  const passportType = answers.passportType === 'electronic' ? 'electronic' : 'ordinary';
  const { office } = choice;
  const fee = feeFor(policy, { passportType, validityYears: answers.validityYears === 10 ? 10 : 5 }, express);
  const window = (policy.delays as Record<string, string> | undefined)?.paymentWindow ?? 'PT2H';
  const expiresAt = new Date(Date.parse(event.now) + durationMs(window)).toISOString();
  const bill = await issueBill(tx, { applicationId: application.id, amount: fee.amount, currency: fee.currency, expiresAt }, new Date(event.now));
  return {
    appointment: appointmentFacts(choice),
    payment: {
      billingCode: bill.billingCode,
      amount: bill.amount,
      currency: bill.currency,
      expiresAt: bill.expiresAt,
      expiresAtLocal: wallClock(bill.expiresAt, office.timeZone),
      lines: fee.lines,
    },
  };
}

/** DRAW_WON (system, from the draw worker): the place the draw took for this application, and its bill. */
const drawWon: Hook = async (ctx) => {
  const choice = await drawWonChoice(ctx);
  return { ...(await bookingFacts(ctx, choice)), draw: { status: 'won', outcome: 'won' } };
};

/** DRAW_LOST (system, from the draw worker): the nearest free places, offered in words. */
const drawLost: Hook = async (ctx) => ({ draw: await drawLostFacts(ctx) });

/** Indonesia's time zones as people name them on a clock. */
const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** An instant as read on a clock in `timeZone`, for messages: `2026-11-26 03:48 WITA` (an offset for other zones). */
function wallClock(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${formatInTimeZone(at, timeZone, 'yyyy-MM-dd HH:mm')} ${ZONE_NAMES[timeZone] ?? formatInTimeZone(at, timeZone, "'UTC'xxx")}`;
}

/** RESCHEDULE: once, until the day before the appointment; a new place and queue number, the same bill. */
const reschedule: Hook = async (ctx) => {
  const before = appointmentOf(ctx);
  if (contextOf(ctx.snapshot).rescheduled === true) {
    throw new ConflictError('reschedule-used', {
      id: 'Jadwal hanya dapat diubah satu kali, dan sudah diubah.',
      en: 'An appointment can be changed once only, and this one has been.',
    });
  }
  const today = todayIn(before.timeZone, new Date(ctx.event.now));
  if (today >= before.date) {
    throw new ConflictError('reschedule-too-late', {
      id: `Jadwal hanya dapat diubah paling lambat sehari sebelum ${before.date}.`,
      en: `An appointment can be changed until the day before ${before.date} only.`,
    });
  }
  const choice = await takePlace(ctx);
  const queueNumber = await nextQueueNumber(ctx.tx, choice.office.code, choice.date);
  return {
    appointment: { ...appointmentFacts(choice), queueNumber, queueCode: queueCode(choice.office.code, choice.date, queueNumber) },
    queueNumber,
    rescheduled: true,
  };
};

/** PAYMENT_CONFIRMED: the queue number of the office and day, and the code the QR carries. */
const confirmPayment: Hook = async (ctx) => {
  const a = appointmentOf(ctx);
  // The bill becomes paid in the same transaction as the event (see payments.ts).
  const settled = await settleReceivedPayment(ctx.tx, ctx.application.id);
  const queueNumber = await nextQueueNumber(ctx.tx, a.officeCode, a.date);
  return { appointment: { queueNumber, queueCode: queueCode(a.officeCode, a.date, queueNumber) }, queueNumber, paidAt: settled?.paidAt ?? ctx.event.now };
};

/** CHECK_IN {queueCode}: this application's code, at its office, on its day, from an hour before its session. */
const checkIn: Hook = async (ctx) => {
  const a = appointmentOf(ctx);
  const code = (ctx.event.data as { queueCode?: string } | undefined)?.queueCode;
  if (code !== a.queueCode) {
    throw new ConflictError('wrong-queue-code', { id: 'Kode antrean ini bukan milik permohonan ini.', en: 'This queue code does not belong to this application.' });
  }
  if (ctx.user && ctx.user.officeCode !== a.officeCode) {
    throw new ConflictError('wrong-office', {
      id: `Janji temu ini di kantor ${a.officeCode}, bukan di kantor Anda (${ctx.user.officeCode ?? '-'}).`,
      en: `This appointment is at office ${a.officeCode}, not yours (${ctx.user.officeCode ?? '-'}).`,
    });
  }
  const now = new Date(ctx.event.now);
  const today = todayIn(a.timeZone, now);
  if (today !== a.date) {
    throw new ConflictError('wrong-day', {
      id: `Janji temu ini pada ${a.date}; hari ini ${today} (waktu kantor).`,
      en: `This appointment is on ${a.date}; today is ${today} (office time).`,
    });
  }
  const opens = new Date(zonedDateTime(a.date, a.start, a.timeZone).getTime() - 3_600_000);
  if (now < opens) {
    throw new ConflictError('too-early', {
      id: `Lapor diri dibuka satu jam sebelum sesi (${a.start}).`,
      en: `Check-in opens one hour before the session (${a.start}).`,
    });
  }
  return { checkedInAt: ctx.event.now };
};

/** APPROVE: the pickup date, `policy.pickupWorkingDays` working days after the biometrics (0: the same day). */
const pickupDate: Hook = async (ctx) => {
  const c = contextOf(ctx.snapshot);
  const a = c.appointment as Appointment | undefined;
  const timeZone = a?.timeZone ?? (await getOffice(ctx.tx, String(ctx.application.officeCode))).timeZone;
  const data = (c.data ?? {}) as { biometricsAt?: string };
  const from = todayIn(timeZone, new Date(data.biometricsAt ?? ctx.event.now));
  const days = num(policyOf(ctx.flow).pickupWorkingDays, 4);
  const { dates } = await loadHolidays(ctx.tx, from, addDays(from, days * 3 + 14));
  return { pickupDate: days === 0 ? from : addWorkingDays(from, days, dates) };
};

/** HAND_OVER: not before the pickup date the applicant was given (today in the office's time zone). */
const handOver: Hook = async (ctx) => {
  const c = contextOf(ctx.snapshot);
  const pickup = typeof c.pickupDate === 'string' ? c.pickupDate : undefined;
  if (pickup) {
    const a = c.appointment as Appointment | undefined;
    const timeZone = a?.timeZone ?? (await getOffice(ctx.tx, String(ctx.application.officeCode))).timeZone;
    const today = todayIn(timeZone, new Date(ctx.event.now));
    if (today < pickup) {
      throw new ConflictError('before-pickup-date', {
        id: `Paspor baru dapat diserahkan mulai ${pickup}; hari ini ${today} (waktu kantor).`,
        en: `The passport can be handed over from ${pickup}; today is ${today} (office time).`,
      });
    }
  }
  return { collectedAt: ctx.event.now };
};

/** Documents step SUBMIT: every required kind refers to an uploaded document of this application. */
const requireDocuments: Hook = async (ctx) => {
  const policy = policyOf(ctx.flow);
  const docs = (policy[typeof ctx.params.policy === 'string' ? ctx.params.policy : 'documents'] ?? {}) as { required?: string[]; minor?: string[] };
  const answers = (contextOf(ctx.snapshot).data ?? {}) as { birthDate?: string };
  const adultAge = num(policy.adultAge, 17);
  let kinds = [...(docs.required ?? [])];
  if (answers.birthDate && addYears(answers.birthDate, adultAge) > todayIn('UTC', new Date(ctx.event.now))) kinds = [...kinds, ...(docs.minor ?? [])];
  const errors = await missingDocuments(ctx.tx, ctx.flow, ctx.application.id, (ctx.event.data ?? {}) as Record<string, unknown>, kinds);
  if (errors.length) throw new ValidationError(errors);
  return { documents: Object.fromEntries(kinds.map((k) => [k, (ctx.event.data as Record<string, unknown>)[k]])) };
};

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/** The passport hooks: exactly one per hook of vocabulary.ts (a missing or an extra one does not compile). */
export const passportHooks = { book, reschedule, confirmPayment, checkIn, pickupDate, handOver, requireDocuments, drawWon, drawLost } satisfies {
  [K in HookNames<typeof passportVocabulary>]: Hook;
};

/**
 * Before `book` (outside the transaction): the chosen place's counter already full refuses at
 * once with the hook's own 409 `slot-full`, so the losers of a first-come rush cost a read, not
 * an event. Anything else goes the full way (the hook decides, in the transaction); so do flows
 * whose places open by draw (their SUBMIT may enter a draw, which the counter does not show).
 */
const placeLeft: Precheck = async ({ sql, flow, application, event }) => {
  const { officeCode, date, session } = event.data as { officeCode?: unknown; date?: unknown; session?: unknown };
  if (typeof officeCode !== 'string' || typeof date !== 'string' || typeof session !== 'string') return;
  const policy = policyOf(flow);
  if (placesOpenOf(policy).mode === 'draw') return;
  const kind = policy.express === true ? 'express' : 'regular';
  await refuseWhenFull(sql, application.id, { officeCode, date, session, kind });
};

/** The passport prechecks, by hook name. */
export const passportPrechecks = { book: placeLeft } satisfies { [K in HookNames<typeof passportVocabulary>]?: Precheck };
