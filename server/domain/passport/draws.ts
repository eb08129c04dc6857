/**
 * How an office's places open (README "How places open", docs/passport-domain.md): `first-come`
 * (the guarded counter of booking.ts) or `draw`: a SUBMIT that arrives within
 * `policy.placesOpen.drawWindow` after a session's places open enters that session's draw (one
 * entry per NIK); at the window's end the lottery of lottery.ts assigns the places once, and the
 * entrants are moved by system events (`DRAW_WON`: a booking and its bill; `DRAW_LOST`: the
 * nearest free places offered). After the draw the places left are first-come.
 *
 * Exactly once with any number of processes: a draw is drawn by the transaction whose
 * `UPDATE "Draw" … WHERE "status" = 'open'` changed the row (the worker's, or a booking after the
 * window that finds it undrawn); an entry is settled by the event whose hook changed
 * `"settledAt" IS NULL` (nothing is written when another process got there first).
 */
import { createHash, randomBytes } from 'node:crypto';
import { durationText } from '#machines/duration.ts';
import type { I18nText } from '#machines/types.ts';
import { durationMs } from '../../clock.ts';
import { addDays, datesBetween, isWorkingDay, loadHolidays, todayIn, zonedDateTime } from '../../calendar/calendar.ts';
import type { SqlRunner } from '../../db/sql.ts';
import { ConflictError, DomainError, NotFoundError } from '../../errors.ts';
import type { AppDeps } from '../../deps.ts';
import { officeDays } from './availability.ts';
import { reservePlace } from './booking.ts';
import { DRAW_ALGORITHM, entryIdFor, runLottery, seedHashOf } from './lottery.ts';
import { getOffice, listOffices, sessionCapacities, type Office, type QuotaKind } from './offices.ts';

// ---------------------------------------------------------------------------------------------
// Policy

export type PlacesOpen = { mode: 'first-come' | 'draw'; drawWindow: string; openTime: string; priorityPercent: number; elderlyAge: number };

const DEFAULTS: PlacesOpen = { mode: 'first-come', drawWindow: 'PT15M', openTime: '08:00', priorityPercent: 0, elderlyAge: 60 };

/** `policy.placesOpen` with its defaults (a flow without it is first-come). */
export function placesOpenOf(policy: Record<string, unknown>): PlacesOpen {
  const p = (policy.placesOpen ?? {}) as Partial<PlacesOpen>;
  return {
    mode: p.mode === 'draw' ? 'draw' : 'first-come',
    drawWindow: typeof p.drawWindow === 'string' ? p.drawWindow : DEFAULTS.drawWindow,
    openTime: typeof p.openTime === 'string' && /^\d\d:\d\d$/.test(p.openTime) ? p.openTime : DEFAULTS.openTime,
    priorityPercent: typeof p.priorityPercent === 'number' ? Math.min(100, Math.max(0, p.priorityPercent)) : DEFAULTS.priorityPercent,
    elderlyAge: typeof p.elderlyAge === 'number' ? p.elderlyAge : DEFAULTS.elderlyAge,
  };
}

/** When the places of `date` open (office time `openTime` on `date` − horizon days) and when its draw window closes. */
export function drawWindowOf(date: string, horizonDays: number, timeZone: string, p: PlacesOpen): { opensAt: Date; closesAt: Date } {
  const opensAt = zonedDateTime(addDays(date, -horizonDays), p.openTime, timeZone);
  return { opensAt, closesAt: new Date(opensAt.getTime() + durationMs(p.drawWindow)) };
}

export const drawIdOf = (date: string, session: string, kind: QuotaKind) => `${date}-${session}-${kind}`;

// ---------------------------------------------------------------------------------------------
// Words

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `2026-03-12` → `12 Maret 2026` / `12 March 2026`. */
export function longDate(date: string, locale: 'id' | 'en'): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[locale][Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

const CLOCKS = new Map<string, Intl.DateTimeFormat>();

/** An instant as the office's clock shows it: `08:15 WITA`, with the date when `withDate`. */
function officeClock(at: Date, timeZone: string): { date: string; time: string } {
  let format = CLOCKS.get(timeZone);
  // NOTE: building a formatter costs tens of microseconds (about 5% of a draw entry's CPU): one per zone.
  if (!format) CLOCKS.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = format.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')} ${ZONE_NAMES[timeZone] ?? timeZone}` };
}

/**
 * How the places of a flow open, in words, for the schedule picker (null for first-come): when a
 * date's places open, the draw window, when results come, and the date whose draw is open now
 * (a working day whose window holds `now`).
 */
export async function placesOpenNotice(sql: SqlRunner, p: PlacesOpen, horizonDays: number, timeZone: string, now: Date): Promise<I18nText | null> {
  if (p.mode !== 'draw') return null;
  const at = (hhmm: string) => `${hhmm} ${ZONE_NAMES[timeZone] ?? timeZone}`;
  const window = { id: durationText(p.drawWindow, 'id'), en: durationText(p.drawWindow, 'en') };
  // The newest date whose places open today (its window, open or not, gives the result's time).
  const date = addDays(todayIn(timeZone, now), horizonDays);
  const w = drawWindowOf(date, horizonDays, timeZone, p);
  const result = officeClock(w.closesAt, timeZone).time;
  let text: I18nText = {
    id: `Tempat di kantor ini dibuka dengan undian. Tempat untuk satu tanggal dibuka pukul ${at(p.openTime)}, ${horizonDays} hari sebelumnya; semua permintaan dalam ${window.id} pertama ikut undian (satu kali per NIK per sesi) dan hasilnya diumumkan pukul ${result}. Tempat yang tersisa setelah undian dapat dipesan langsung.`,
    en: `Places at this office open by draw. The places of a date open at ${at(p.openTime)}, ${horizonDays} days before; every request within the first ${window.en} enters the draw (once per NIK per session) and the result is announced at ${result}. Places left after the draw can be booked directly.`,
  };
  const { dates: holidays } = await loadHolidays(sql, date, date);
  if (w.opensAt <= now && now < w.closesAt && isWorkingDay(date, holidays)) {
    text = {
      id: `${text.id} Undian untuk ${longDate(date, 'id')} sedang dibuka sampai ${result}.`,
      en: `${text.en} The draw for ${longDate(date, 'en')} is open until ${result}.`,
    };
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Rows

export type DrawRow = {
  officeCode: string;
  id: string;
  date: string;
  session: string;
  kind: QuotaKind;
  opensAt: string;
  closesAt: string;
  seed: string;
  seedHash: string;
  priorityPercent: number;
  status: 'open' | 'drawn';
  places: number | null;
  priorityPlaces: number | null;
  resultHash: string | null;
  createdAt: string;
  drawnAt: string | null;
};

const DRAW_COLUMNS = '"officeCode", "id", "date", "session", "kind", "opensAt", "closesAt", "seed", "seedHash", "priorityPercent", "status", "places", "priorityPlaces", "resultHash", "createdAt", "drawnAt"';

const toDraw = (r: DrawRow): DrawRow => ({
  ...r,
  priorityPercent: Number(r.priorityPercent),
  places: r.places === null ? null : Number(r.places),
  priorityPlaces: r.priorityPlaces === null ? null : Number(r.priorityPlaces),
});

export async function findDraw(sql: SqlRunner, officeCode: string, id: string): Promise<DrawRow | undefined> {
  const row = await sql.get<DrawRow>(`SELECT ${DRAW_COLUMNS} FROM "Draw" WHERE "officeCode" = ? AND "id" = ?`, [officeCode, id]);
  return row && toDraw(row);
}

export type DrawPlace = { officeCode: string; date: string; session: string; kind: QuotaKind };

/**
 * The draw of a place, created when missing with a fresh 32-byte seed (normally ahead of the
 * window by the worker, so its hash is public before it opens; `createdAt` tells when).
 */
export async function ensureDraw(tx: SqlRunner, place: DrawPlace, window: { opensAt: Date; closesAt: Date }, priorityPercent: number, now: Date): Promise<DrawRow> {
  const id = drawIdOf(place.date, place.session, place.kind);
  const seed = randomBytes(32).toString('hex');
  await tx.run(
    'INSERT INTO "Draw" ("officeCode", "id", "date", "session", "kind", "opensAt", "closesAt", "seed", "seedHash", "priorityPercent", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("officeCode", "id") DO NOTHING',
    [place.officeCode, id, place.date, place.session, place.kind, window.opensAt.toISOString(), window.closesAt.toISOString(), seed, seedHashOf(seed), priorityPercent, 'open', now.toISOString()],
  );
  return (await findDraw(tx, place.officeCode, id))!;
}

/** The NIK as one identity: its sha256 (the NIK itself is not stored with the draw). */
export const identityOf = (nik: string) => createHash('sha256').update(`nik:${nik.trim()}`).digest('hex');

export type DrawFacts = {
  status: 'entered' | 'won' | 'lost';
  id: string;
  officeCode: string;
  officeName: string;
  date: string;
  dateText: I18nText;
  session: string;
  start: string;
  end: string;
  timeZone: string;
  kind: QuotaKind;
  places: number;
  opensAt: string;
  closesAt: string;
  resultAtLocal: string;
  entryId: string;
  priority: string | null;
  seedHash: string;
  outcome: 'won' | 'lost' | null;
  offers: Offer[] | null;
  offersText: I18nText | null;
};

/**
 * Enters the application in the draw (inside the SUBMIT's transaction): one small insert, unique
 * per NIK; a second entry for the same NIK is 409 `draw-duplicate` and nothing is written.
 */
export async function enterDraw(
  tx: SqlRunner,
  draw: DrawRow,
  office: Office,
  session: { id: string; start: string; end: string; capacity: number },
  entrant: { applicationId: string; nik: string; priority: string | null },
  now: Date,
): Promise<DrawFacts> {
  const entryId = entryIdFor(draw.officeCode, draw.id, entrant.applicationId);
  const inserted = await tx.run(
    'INSERT INTO "DrawEntry" ("officeCode", "drawId", "entryId", "identity", "applicationId", "priority", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    [draw.officeCode, draw.id, entryId, identityOf(entrant.nik), entrant.applicationId, entrant.priority, now.toISOString()],
  );
  const words = { id: `${longDate(draw.date, 'id')}, sesi ${session.id}, di ${office.name}`, en: `${longDate(draw.date, 'en')}, session ${session.id}, at ${office.name}` };
  if (inserted !== 1) {
    const nik = entrant.nik.trim();
    throw new ConflictError(
      'draw-duplicate',
      {
        id: `NIK ${nik.slice(0, 4)}…${nik.slice(-4)} sudah terdaftar dalam undian untuk ${words.id}. Satu orang hanya dapat ikut satu kali per sesi; permohonan lain dengan NIK ini sudah ikut.`,
        en: `NIK ${nik.slice(0, 4)}…${nik.slice(-4)} is already in the draw for ${words.en}. A person can enter once per session; another application with this NIK already has.`,
      },
      { draw: { officeCode: draw.officeCode, id: draw.id } },
      { id: 'Sudah ikut undian', en: 'Already in the draw' },
    );
  }
  const closes = officeClock(new Date(draw.closesAt), office.timeZone);
  return {
    status: 'entered',
    id: draw.id,
    officeCode: office.code,
    officeName: office.name,
    date: draw.date,
    dateText: { id: longDate(draw.date, 'id'), en: longDate(draw.date, 'en') },
    session: session.id,
    start: session.start,
    end: session.end,
    timeZone: office.timeZone,
    kind: draw.kind,
    places: session.capacity,
    opensAt: draw.opensAt,
    closesAt: draw.closesAt,
    resultAtLocal: closes.time,
    entryId,
    priority: entrant.priority,
    seedHash: draw.seedHash,
    outcome: null,
    offers: null,
    offersText: null,
  };
}

/** Takes the application out of draws not yet drawn (cancellation); a drawn entry stays, as published. */
export async function leaveDraws(tx: SqlRunner, applicationId: string): Promise<number> {
  return tx.run(
    'DELETE FROM "DrawEntry" WHERE "applicationId" = ? AND EXISTS (SELECT 1 FROM "Draw" d WHERE d."officeCode" = "DrawEntry"."officeCode" AND d."id" = "DrawEntry"."drawId" AND d."status" = ?)',
    [applicationId, 'open'],
  );
}

/**
 * Draws the draw if it is due and not drawn yet, in `tx`: the lottery over its entries, the
 * winners' places taken with the guarded counter (each holds a `Booking` as a first-come booking
 * would), the result stored. Resolves to true when this call drew it.
 */
export async function performDraw(tx: SqlRunner, officeCode: string, id: string, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const claimed = await tx.run('UPDATE "Draw" SET "status" = ?, "drawnAt" = ? WHERE "officeCode" = ? AND "id" = ? AND "status" = ? AND "closesAt" <= ?', [
    'drawn',
    nowIso,
    officeCode,
    id,
    'open',
    nowIso,
  ]);
  if (claimed !== 1) return false;
  const draw = (await findDraw(tx, officeCode, id))!;
  const office = await getOffice(tx, officeCode);
  const capacity = sessionCapacities(office, draw.kind).find((s) => s.id === draw.session)?.capacity ?? 0;
  await tx.run(
    'INSERT INTO "SlotCounter" ("officeCode", "date", "session", "kind", "capacity", "booked") VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT ("officeCode", "date", "session", "kind") DO NOTHING',
    [officeCode, draw.date, draw.session, draw.kind, capacity],
  );
  const counter = await tx.get<{ capacity: number; booked: number }>('SELECT "capacity", "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "date" = ? AND "session" = ? AND "kind" = ?', [
    officeCode,
    draw.date,
    draw.session,
    draw.kind,
  ]);
  const places = Math.max(0, Number(counter?.capacity ?? 0) - Number(counter?.booked ?? 0));
  const priorityPlaces = Math.floor((places * draw.priorityPercent) / 100);
  const entries = await tx.all<{ entryId: string; applicationId: string; priority: string | null }>(
    'SELECT "entryId", "applicationId", "priority" FROM "DrawEntry" WHERE "officeCode" = ? AND "drawId" = ?',
    [officeCode, id],
  );
  const result = runLottery({ seed: draw.seed, entries: entries.map((e) => ({ entryId: e.entryId, priority: e.priority !== null })), places, priorityPlaces });
  const appOf = new Map(entries.map((e) => [e.entryId, e.applicationId]));
  for (const [rank, entryId] of result.winners.entries()) {
    await tx.run('UPDATE "DrawEntry" SET "outcome" = ?, "rank" = ? WHERE "officeCode" = ? AND "drawId" = ? AND "entryId" = ?', ['won', rank + 1, officeCode, id, entryId]);
    await reservePlace(tx, appOf.get(entryId)!, { officeCode, date: draw.date, session: draw.session, kind: draw.kind }, capacity, nowIso);
  }
  await tx.run('UPDATE "DrawEntry" SET "outcome" = ? WHERE "officeCode" = ? AND "drawId" = ? AND "outcome" IS NULL', ['lost', officeCode, id]);
  await tx.run('UPDATE "Draw" SET "places" = ?, "priorityPlaces" = ?, "resultHash" = ? WHERE "officeCode" = ? AND "id" = ?', [places, priorityPlaces, result.resultHash, officeCode, id]);
  return true;
}

/** Draws the place's draw in `tx` when its window has closed and it is still undrawn (a booking after the window). */
export async function drawIfDue(tx: SqlRunner, place: DrawPlace, now: Date): Promise<void> {
  const id = drawIdOf(place.date, place.session, place.kind);
  const draw = await tx.get<{ status: string; closesAt: string }>('SELECT "status", "closesAt" FROM "Draw" WHERE "officeCode" = ? AND "id" = ?', [place.officeCode, id]);
  if (draw?.status === 'open' && draw.closesAt <= now.toISOString()) await performDraw(tx, place.officeCode, id, now);
}

// ---------------------------------------------------------------------------------------------
// Settling entries (the DRAW_WON / DRAW_LOST hooks)

export type Offer = { date: string; session: string; start: string; end: string; free: number };

/** The application's drawn, unsettled entry, marked settled in `tx`; 409 when there is none (another process settled it). */
export async function settleEntry(tx: SqlRunner, applicationId: string, outcome: 'won' | 'lost', now: string): Promise<{ officeCode: string; drawId: string }> {
  const entry = await tx.get<{ officeCode: string; drawId: string; entryId: string }>(
    'SELECT "officeCode", "drawId", "entryId" FROM "DrawEntry" WHERE "applicationId" = ? AND "outcome" = ? AND "settledAt" IS NULL',
    [applicationId, outcome],
  );
  const done = entry
    ? await tx.run('UPDATE "DrawEntry" SET "settledAt" = ? WHERE "officeCode" = ? AND "drawId" = ? AND "entryId" = ? AND "settledAt" IS NULL', [now, entry.officeCode, entry.drawId, entry.entryId])
    : 0;
  if (!entry || done !== 1) {
    throw new ConflictError('draw-not-drawn', { id: 'Undian untuk permohonan ini belum diundi atau sudah diumumkan.', en: 'The draw for this application has not been drawn, or its result is already applied.' });
  }
  return entry;
}

/**
 * The nearest free places at the office (same kind) around `date`: up to three sessions, nearest
 * date first, among the dates open to first-come booking now; and the sentence that offers them.
 */
export async function nearestOffers(sql: SqlRunner, office: Office, date: string, kind: QuotaKind, opts: { minLeadDays: number; horizonDays: number }, now: Date): Promise<{ offers: Offer[]; text: I18nText }> {
  const today = todayIn(office.timeZone, now);
  const earliest = addDays(today, opts.minLeadDays);
  const latest = addDays(today, opts.horizonDays);
  let from = addDays(date, -15);
  if (from < earliest) from = earliest;
  let to = addDays(from, 30);
  if (to > latest) to = latest;
  const offers: Offer[] = [];
  if (from <= to) {
    // One query after the other: `sql` is the event's transaction (one connection).
    const holidays = await loadHolidays(sql, from, to);
    const rows = await sql.all<{ date: string; session: string; capacity: number; booked: number }>(
      'SELECT "date", "session", "capacity", "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "kind" = ? AND "date" >= ? AND "date" <= ?',
      [office.code, kind, from, to],
    );
    const counters = new Map(rows.map((r) => [`${r.date}|${r.session}`, { capacity: Number(r.capacity), booked: Number(r.booked) }]));
    const all = officeDays(office, datesBetween(from, to), holidays, counters, { kind, minLeadDays: opts.minLeadDays, horizonDays: opts.horizonDays, today });
    const dist = (d: string) => Math.abs(Date.parse(d) - Date.parse(date));
    const days = all.filter((d) => d.open).sort((x, y) => dist(x.date) - dist(y.date) || (x.date < y.date ? -1 : 1));
    for (const d of days) {
      for (const s of d.sessions) if (s.free > 0 && offers.length < 3) offers.push({ date: d.date, session: s.id, start: s.start, end: s.end, free: s.free });
      if (offers.length >= 3) break;
    }
  }
  const list = (locale: 'id' | 'en') =>
    offers.map((o) => (locale === 'id' ? `${longDate(o.date, 'id')}, sesi ${o.session} (mulai ${o.start}): ${o.free} tempat` : `${longDate(o.date, 'en')}, session ${o.session} (from ${o.start}): ${o.free} ${o.free === 1 ? 'place' : 'places'}`));
  const text: I18nText = offers.length
    ? { id: `Tempat kosong terdekat di ${office.name}: ${list('id').join('; ')}.`, en: `The nearest free places at ${office.name}: ${list('en').join('; ')}.` }
    : { id: `Saat ini tidak ada tempat kosong di ${office.name} dalam jangkauan pemesanan; coba kantor lain atau periksa lagi nanti.`, en: `There are no free places at ${office.name} within the booking range right now; try another office or look again later.` };
  return { offers, text };
}

// ---------------------------------------------------------------------------------------------
// Publishing

/** `GET /api/offices/:code/draws/:id`: what anyone may know of a draw; the seed and the entries once drawn. */
export async function publishDraw(sql: SqlRunner, officeCode: string, id: string) {
  const draw = await findDraw(sql, officeCode, id);
  if (!draw) throw new NotFoundError({ id: 'Undian', en: 'Draw' });
  const office = await getOffice(sql, officeCode);
  const count = await sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "DrawEntry" WHERE "officeCode" = ? AND "drawId" = ?', [officeCode, id]);
  const capacity = sessionCapacities(office, draw.kind).find((s) => s.id === draw.session)?.capacity ?? 0;
  const drawn = draw.status === 'drawn';
  const base = {
    algorithm: DRAW_ALGORITHM,
    officeCode,
    officeName: office.name,
    timeZone: office.timeZone,
    id,
    date: draw.date,
    session: draw.session,
    kind: draw.kind,
    status: draw.status,
    opensAt: draw.opensAt,
    closesAt: draw.closesAt,
    resultAtLocal: officeClock(new Date(draw.closesAt), office.timeZone).time,
    createdAt: draw.createdAt,
    places: drawn ? draw.places : capacity,
    priorityPercent: draw.priorityPercent,
    priorityPlaces: drawn ? draw.priorityPlaces : Math.floor((capacity * draw.priorityPercent) / 100),
    entriesCount: Number(count?.n ?? 0),
    seedHash: draw.seedHash,
    seed: drawn ? draw.seed : null,
    resultHash: drawn ? draw.resultHash : null,
    drawnAt: draw.drawnAt,
  };
  if (!drawn) return base;
  const entries = await sql.all<{ entryId: string; priority: string | null; rank: number | null }>(
    'SELECT "entryId", "priority", "rank" FROM "DrawEntry" WHERE "officeCode" = ? AND "drawId" = ? ORDER BY "entryId"',
    [officeCode, id],
  );
  const winners = entries
    .filter((e) => e.rank !== null)
    .sort((a, b) => Number(a.rank) - Number(b.rank))
    .map((e) => e.entryId);
  return { ...base, entries: entries.map((e) => ({ entryId: e.entryId, priority: e.priority !== null })), winners };
}

/** The draws of an office from `from` (its date), for people to see the seed hashes before the windows open. */
export async function listDraws(sql: SqlRunner, officeCode: string, from: string) {
  await getOffice(sql, officeCode);
  const rows = await sql.all<DrawRow>(`SELECT ${DRAW_COLUMNS} FROM "Draw" WHERE "officeCode" = ? AND "date" >= ? ORDER BY "date", "session", "kind" LIMIT 200`, [officeCode, from]);
  return rows.map(toDraw).map((d) => ({ id: d.id, date: d.date, session: d.session, kind: d.kind, status: d.status, opensAt: d.opensAt, closesAt: d.closesAt, seedHash: d.seedHash, resultHash: d.resultHash }));
}

// ---------------------------------------------------------------------------------------------
// The worker

type DrawFlow = { kind: QuotaKind; horizonDays: number; placesOpen: PlacesOpen };

/** The published flows whose places open by draw, one per quota kind (the first found wins). */
async function drawFlows(deps: Pick<AppDeps, 'catalog'>): Promise<DrawFlow[]> {
  const out = new Map<QuotaKind, DrawFlow>();
  for (const { key, version } of await deps.catalog.published()) {
    const flow = await deps.catalog.flow(key, version);
    const policy = (flow.bundle.definition.policy ?? {}) as Record<string, unknown>;
    const p = placesOpenOf(policy);
    if (p.mode !== 'draw' || typeof policy.bookingHorizonDays !== 'number') continue;
    const kind: QuotaKind = policy.express === true ? 'express' : 'regular';
    if (!out.has(kind)) out.set(kind, { kind, horizonDays: policy.bookingHorizonDays, placesOpen: p });
  }
  return [...out.values()];
}

/** Creates the draws whose windows open within the next day (so their seed hashes are public beforehand). */
export async function prepareDraws(deps: Pick<AppDeps, 'catalog' | 'sql'>, now: Date): Promise<number> {
  const flows = await drawFlows(deps);
  if (flows.length === 0) return 0;
  let created = 0;
  for (const office of await listOffices(deps.sql)) {
    const today = todayIn(office.timeZone, now);
    for (const f of flows) {
      for (const offset of [0, 1]) {
        const date = addDays(today, f.horizonDays + offset);
        const { dates: holidays } = await loadHolidays(deps.sql, date, date);
        if (!isWorkingDay(date, holidays)) continue;
        const window = drawWindowOf(date, f.horizonDays, office.timeZone, f.placesOpen);
        if (window.closesAt <= now || window.opensAt.getTime() - now.getTime() > 86_400_000) continue;
        for (const s of sessionCapacities(office, f.kind)) {
          const id = drawIdOf(date, s.id, f.kind);
          if (await findDraw(deps.sql, office.code, id)) continue;
          await deps.sql.transaction((tx) => ensureDraw(tx, { officeCode: office.code, date, session: s.id, kind: f.kind }, window, f.placesOpen.priorityPercent, now));
          created++;
        }
      }
    }
  }
  return created;
}

/**
 * One round of the draw worker: prepares the coming draws, draws the due ones (each in its own
 * transaction, claimed), then moves every drawn entrant with `DRAW_WON` or `DRAW_LOST` (each its
 * own event; one that another process applied first, or whose application left the draw, is
 * skipped). Resolves to how many entrants it moved.
 */
export async function runDraws(deps: Pick<AppDeps, 'catalog' | 'sql' | 'clock' | 'runtime' | 'log'>, opts: { prepare?: boolean } = {}): Promise<{ drawn: number; settled: number }> {
  const now = deps.clock.now();
  if (opts.prepare !== false) await prepareDraws(deps, now);
  let drawn = 0;
  const due = await deps.sql.all<{ officeCode: string; id: string }>('SELECT "officeCode", "id" FROM "Draw" WHERE "status" = ? AND "closesAt" <= ? ORDER BY "closesAt" LIMIT 100', [
    'open',
    now.toISOString(),
  ]);
  for (const d of due) if (await deps.sql.transaction((tx) => performDraw(tx, d.officeCode, d.id, now))) drawn++;
  let settled = 0;
  for (;;) {
    const pending = await deps.sql.all<{ officeCode: string; drawId: string; entryId: string; applicationId: string; outcome: string }>(
      'SELECT "officeCode", "drawId", "entryId", "applicationId", "outcome" FROM "DrawEntry" WHERE "outcome" IS NOT NULL AND "settledAt" IS NULL LIMIT 200',
    );
    if (pending.length === 0) break;
    for (const e of pending) {
      try {
        await deps.runtime.applySystem(e.applicationId, e.outcome === 'won' ? 'DRAW_WON' : 'DRAW_LOST');
        settled++;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // The application left the draw's state (cancelled) or another process settled it: nothing to move.
        await deps.sql.run('UPDATE "DrawEntry" SET "settledAt" = ? WHERE "officeCode" = ? AND "drawId" = ? AND "entryId" = ? AND "settledAt" IS NULL', [
          deps.clock.now().toISOString(),
          e.officeCode,
          e.drawId,
          e.entryId,
        ]);
      }
    }
  }
  return { drawn, settled };
}

/**
 * Runs `runDraws` every `intervalMs` (unref'd): the due draws and their entrants every round (one
 * indexed query when there is nothing to do), the coming draws once a minute by the clock. A
 * failed round is logged and the next one retries. One round at a time: `kick` runs a round now,
 * or once more right after the one in progress (a round that settles thousands of entrants takes
 * minutes; rounds started beside it would all take the same entrants and refuse each other).
 */
export function startDrawWorker(deps: Pick<AppDeps, 'catalog' | 'sql' | 'clock' | 'runtime' | 'log' | 'manualClock'>, intervalMs: number): { stop: () => void; kick: () => void } {
  let running = false;
  let again = false;
  let stopped = false;
  let prepared = Number.NEGATIVE_INFINITY;
  const round = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    (async () => {
      await deps.manualClock?.refresh();
      const now = deps.clock.now().getTime();
      const prepare = now - prepared >= 60_000 || now < prepared;
      await runDraws(deps, { prepare });
      if (prepare) prepared = now;
    })()
      .catch((err: unknown) => deps.log.warn('draw worker round failed', { error: String(err) }))
      .finally(() => {
        running = false;
        if (again && !stopped) {
          again = false;
          round();
        }
      });
  };
  const timer = setInterval(() => {
    if (!running) round();
  }, intervalMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    kick: round,
  };
}
