import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCapacities, type Office } from './offices.ts';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';

type Session = { id: string; start: string; end: string; capacity: number; free: number; reason?: string };
type Day = { date: string; open: boolean; reason?: string; holidayName?: { id: string; en: string }; sessions: Session[] };
type Availability = {
  office: { code: string; name: string; address: string; timeZone: string };
  today: string;
  kind: string;
  days: Day[];
  warnings?: { code: string; years?: number[]; passportType?: string; message: { id: string; en: string } }[];
  nearest?: { code: string; distanceKm: number; firstFreeDate: string }[];
};
type Problem = { status: number; type: string; errors?: { pointer: string; message: string }[] };

/**
 * The seeded holidays are 2026's, so the routes' clock is pinned to Tuesday 1 December 2026,
 * 09:00 in Atambua (WITA), for the test not to expire with the calendar. (The routes read
 * `deps.clock` per request; sessions expire on real time, see compose.ts.)
 */
const PINNED_NOW = new Date('2026-12-01T01:00:00Z');

describe.each(providers())('offices and availability over HTTP (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let anon: TestClient;

  const avail = (code: string, query: string) => anon.get<Availability>(`/api/offices/${code}/availability?${query}`);
  const byDate = (r: Availability) => new Map(r.days.map((d) => [d.date, d]));
  /** Books every place of `code`'s sessions on `dates` (the counters the booking hook guards). */
  const fill = async (code: string, dates: string[], kind: 'regular' | 'express' = 'regular', leave = 0) => {
    const office = (await anon.get<Office>(`/api/offices/${code}`)).body;
    for (const date of dates) {
      for (const s of sessionCapacities(office, kind)) {
        await srv.deps.sql.run(
          'INSERT INTO "SlotCounter" ("officeCode", "date", "session", "kind", "capacity", "booked") VALUES (?, ?, ?, ?, ?, ?)',
          [code, date, s.id, kind, s.capacity, s.capacity - leave],
        );
      }
    }
  };

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    srv.deps.clock = { now: () => PINNED_NOW };
    anon = srv.client();
  });
  afterAll(() => srv?.close());

  it('keeps the list as it was', async () => {
    const r = await anon.get<Record<string, unknown>[]>('/api/offices');
    expect(r.status).toBe(200);
    expect(r.body.map((o) => o.code)).toEqual(['AMQ', 'ATB', 'DPS', 'JAP', 'JKS', 'KPG', 'MDN']);
    expect(Object.keys(r.body[0]!).sort()).toEqual(['address', 'city', 'code', 'lat', 'lon', 'name', 'province', 'sessions', 'timeZone']);
  });

  it("gives each office's public street address (or area, city and province where no street is known)", async () => {
    const r = await anon.get<{ code: string; address: string }[]>('/api/offices');
    const byCode = Object.fromEntries(r.body.map((o) => [o.code, o.address]));
    expect(byCode.JKS).toBe('Jl. Warung Buncit Raya No. 207, Mampang Prapatan, Jakarta Selatan, DKI Jakarta');
    expect(byCode.ATB).toBe('Atambua, Kabupaten Belu, Nusa Tenggara Timur');
    expect((await anon.get<{ address: string }>('/api/offices/MDN')).body.address).toBe('Jl. Gatot Subroto Km 6,2 No. 268 A, Medan, Sumatera Utara');
  });

  it('one office: sessions with capacities that add up to the daily quota (56 at Atambua)', async () => {
    const r = await anon.get<Omit<Office, 'sessions'> & { sessions: { id: string; capacity: number; expressCapacity: number }[] }>('/api/offices/ATB');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 'ATB', timeZone: 'Asia/Makassar', dailyQuota: 56, expressQuota: 10 });
    expect(r.body.sessions.map((s) => [s.id, s.capacity, s.expressCapacity])).toEqual([
      ['pagi', 28, 5],
      ['siang', 28, 5],
    ]);
    expect(r.body.sessions.reduce((a, s) => a + s.capacity, 0)).toBe(56);
    expect((await anon.get<Problem>('/api/offices/XXX')).status).toBe(404);
    expect((await anon.get<Problem>('/api/offices/atb')).status).toBe(404);
  });

  it('Atambua around Christmas: holidays with names, the weekend closed, open days with 28 + 28 free', async () => {
    const r = await avail('ATB', 'from=2026-12-21&to=2026-12-29');
    expect(r.status).toBe(200);
    expect(r.body.office).toEqual({ code: 'ATB', name: 'Kantor Imigrasi Kelas II TPI Atambua', address: expect.any(String), timeZone: 'Asia/Makassar' });
    expect(r.body.today).toBe('2026-12-01');
    expect(r.body.days.map((d) => [d.date, d.open, d.reason ?? null])).toEqual([
      ['2026-12-21', true, null],
      ['2026-12-22', true, null],
      ['2026-12-23', true, null],
      ['2026-12-24', false, 'holiday'],
      ['2026-12-25', false, 'holiday'],
      ['2026-12-26', false, 'closed'],
      ['2026-12-27', false, 'closed'],
      ['2026-12-28', true, null],
      ['2026-12-29', true, null],
    ]);
    const days = byDate(r.body);
    expect(days.get('2026-12-25')!.holidayName).toEqual({ id: 'Kelahiran Yesus Kristus (Natal)', en: 'Christmas Day' });
    expect(days.get('2026-12-24')!.holidayName!.en).toBe('Collective leave, Christmas');
    expect(days.get('2026-12-21')!.sessions).toEqual([
      { id: 'pagi', start: '08:00', end: '12:00', capacity: 28, free: 28 },
      { id: 'siang', start: '13:00', end: '15:00', capacity: 28, free: 28 },
    ]);
    expect(days.get('2026-12-26')!.sessions.every((s) => s.free === 0 && s.reason === 'closed')).toBe(true);
    expect(days.get('2026-12-24')!.sessions.every((s) => s.reason === 'holiday')).toBe(true);
    expect(r.body.warnings).toBeUndefined();
    expect(r.body.nearest).toBeUndefined();
  });

  it('today (in the office time zone) is included', async () => {
    const r = await avail('ATB', 'from=2026-12-01&to=2026-12-01');
    expect(r.status).toBe(200);
    expect(r.body.days).toMatchObject([{ date: '2026-12-01', open: true }]);
  });

  it('from before today → 422 /from; 32 days → 422 /to; bad dates and reversed ranges', async () => {
    const pointers = async (q: string) => {
      const r = await avail('ATB', q);
      expect(r.status).toBe(422);
      expect(r.contentType).toContain('application/problem+json');
      return r.body as unknown as Problem;
    };
    const past = await pointers('from=2026-11-30&to=2026-12-05');
    expect(past.errors!.map((e) => e.pointer)).toEqual(['/from']);
    expect(past.errors![0]!.message).toMatch(/2026-12-01/);
    const long = await pointers('from=2026-12-01&to=2027-01-01&lang=en');
    expect(long.errors!.map((e) => e.pointer)).toEqual(['/to']);
    expect(long.errors![0]!.message).toMatch(/31 days/);
    expect((await pointers('from=2026-12-05&to=2026-12-04')).errors!.map((e) => e.pointer)).toEqual(['/to']);
    expect((await pointers('from=2026-02-30&to=soon')).errors!.map((e) => e.pointer)).toEqual(['/from', '/to']);
    expect((await pointers('to=2026-12-04')).errors!.map((e) => e.pointer)).toEqual(['/from']);
    expect((await pointers('from=2026-12-01&to=2026-12-04&passportType=diplomatic&flow=nope')).errors!.map((e) => e.pointer)).toEqual(['/passportType', '/flow']);
    expect((await pointers('from=2026-11-30&to=2026-12-04&passportType=diplomatic')).errors!.map((e) => e.pointer)).toEqual(['/from', '/passportType']);
    expect((await avail('XXX', 'from=2026-12-01&to=2026-12-04')).status).toBe(404);
    // 31 days, both ends included, is fine; a range into a year without holidays warns
    const ok = await avail('ATB', 'from=2026-12-05&to=2027-01-04');
    expect(ok.status).toBe(200);
    expect(ok.body.days).toHaveLength(31);
    expect(ok.body.warnings).toEqual([{ code: 'holidaysMissing', years: [2027], message: { id: expect.stringContaining('2027'), en: expect.stringContaining('2027') } }]);
    expect(byDate(ok.body).get('2027-01-01')!.open).toBe(true); // not entered yet: only weekends close
  });

  it('a day with every place booked is full; a session with one place left is not', async () => {
    await fill('ATB', ['2026-12-15']);
    await fill('ATB', ['2026-12-16'], 'regular', 1);
    const r = await avail('ATB', 'from=2026-12-14&to=2026-12-16');
    const days = byDate(r.body);
    expect(days.get('2026-12-14')!.open).toBe(true);
    expect(days.get('2026-12-15')).toMatchObject({ open: false, reason: 'full' });
    expect(days.get('2026-12-15')!.sessions.map((s) => [s.capacity, s.free, s.reason])).toEqual([
      [28, 0, 'full'],
      [28, 0, 'full'],
    ]);
    expect(days.get('2026-12-16')).toMatchObject({ open: true });
    expect(days.get('2026-12-16')!.sessions.map((s) => s.free)).toEqual([1, 1]);
    expect(r.body.nearest).toBeUndefined(); // other days are open
  });

  it('Jayapura has no e-passport books: electronic → noStock with the reason, not "full"; ordinary is open', async () => {
    const r = await avail('JAP', 'from=2026-12-07&to=2026-12-13&passportType=electronic');
    expect(r.status).toBe(200);
    expect(r.body.days.map((d) => d.reason)).toEqual(['noStock', 'noStock', 'noStock', 'noStock', 'noStock', 'closed', 'closed']);
    expect(r.body.days[0]!.sessions.every((s) => s.reason === 'noStock')).toBe(true);
    const w = r.body.warnings!.find((x) => x.code === 'noStock')!;
    expect(w.passportType).toBe('electronic');
    expect(w.message.en).toMatch(/Jayapura has run out of electronic passport books/);
    expect(w.message.en).toMatch(/not full/);
    expect(w.message.id).toMatch(/blangko paspor elektronik/);
    // nowhere to book here: the nearest offices with e-passport books and places
    expect(r.body.nearest!.map((n) => n.code)).toEqual(['AMQ', 'ATB', 'KPG']);

    const ordinary = await avail('JAP', 'from=2026-12-07&to=2026-12-13&passportType=ordinary');
    expect(ordinary.body.days[0]).toMatchObject({ open: true });
    expect(ordinary.body.warnings).toBeUndefined();
  });

  it('a full week at Atambua lists the nearest offices with places, by distance, Kupang first', async () => {
    const week = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
    await fill('ATB', week);
    await fill('KPG', ['2026-12-07']); // Kupang's first free day is then the 8th
    const r = await avail('ATB', 'from=2026-12-07&to=2026-12-13');
    expect(r.body.days.map((d) => d.reason)).toEqual(['full', 'full', 'full', 'full', 'full', 'closed', 'closed']);
    expect(r.body.nearest).toEqual([
      expect.objectContaining({ code: 'KPG', firstFreeDate: '2026-12-08', name: 'Kantor Imigrasi Kelas I TPI Kupang', timeZone: 'Asia/Makassar' }),
      expect.objectContaining({ code: 'AMQ', firstFreeDate: '2026-12-07' }),
      expect.objectContaining({ code: 'DPS', firstFreeDate: '2026-12-07' }),
    ]);
    const km = r.body.nearest!.map((n) => n.distanceKm);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(km[0]).toBeCloseTo(184.5, 0);

    // Kupang full all week too: the next by distance takes its place
    await fill('KPG', week.slice(1));
    const again = await avail('ATB', 'from=2026-12-07&to=2026-12-13');
    expect(again.body.nearest!.map((n) => n.code)).toEqual(['AMQ', 'DPS', 'JAP']);
  });

  it('flow policy: express counts the express quota, minLeadDays closes the first days as tooSoon, bookingHorizonDays the last as notYetOpen', async () => {
    const policy = srv.client();
    await policy.loginAs('policy');
    const draft = await policy.post<{ version: number; definition: { policy: Record<string, unknown> } }>('/api/flows/test-chain/drafts', {});
    expect(draft.status).toBe(201);
    const definition = { ...draft.body.definition, policy: { ...draft.body.definition.policy, express: true, minLeadDays: 2, bookingHorizonDays: 9 } };
    expect((await policy.put(`/api/flows/test-chain/versions/${draft.body.version}`, { definition })).status).toBe(200);
    expect((await policy.post(`/api/flows/test-chain/versions/${draft.body.version}/publish`)).status).toBe(200);

    const r = await avail('ATB', 'from=2026-12-01&to=2026-12-04&flow=test-chain');
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe('express');
    expect(r.body.days.map((d) => [d.date, d.reason ?? null])).toEqual([
      ['2026-12-01', 'tooSoon'],
      ['2026-12-02', 'tooSoon'],
      ['2026-12-03', null],
      ['2026-12-04', null],
    ]);
    expect(r.body.days[2]!.sessions.map((s) => [s.capacity, s.free])).toEqual([
      [5, 5],
      [5, 5],
    ]);
    // bookingHorizonDays 9: from Tuesday 1 December, the 10th is the last bookable day
    const later = await avail('ATB', 'from=2026-12-09&to=2026-12-11&flow=test-chain');
    expect(later.body.days.map((d) => [d.date, d.reason ?? null])).toEqual([
      ['2026-12-09', null],
      ['2026-12-10', null],
      ['2026-12-11', 'notYetOpen'],
    ]);
    // the regular flow (no express, no lead time) on the same days
    const regular = await avail('ATB', 'from=2026-12-01&to=2026-12-04&flow=test-permit');
    expect(regular.body.kind).toBe('regular');
    expect(regular.body.days.every((d) => d.open)).toBe(true);
  });
});
