import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';

type Holiday = { date: string; year: number; kind: string; name: { id: string; en: string } };
type Warnings = { missingYears: number[]; warnings: { code: string; year: number; message: { id: string; en: string } }[] };
type Problem = { status: number; type: string; errors?: { pointer: string }[] };
type Day = { date: string; open: boolean; reason?: string; holidayName?: { id: string; en: string } };

/** "This year" comes from the routes' clock: pinned to 1 December 2026 so that 2026 is seeded and 2027 is not. */
const PINNED_NOW = new Date('2026-12-01T01:00:00Z');

describe.each(providers())('admin: holidays and calendar warnings over HTTP (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let admin: TestClient;
  let applicant: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    srv.deps.clock = { now: () => PINNED_NOW };
    admin = srv.client();
    await admin.loginAs('admin');
    applicant = srv.client();
    await applicant.loginAs('applicant');
  });
  afterAll(() => srv?.close());

  const newYear = { date: '2027-01-01', kind: 'national', name: { id: 'Tahun Baru 2027 Masehi', en: "New Year's Day" } };

  it('only admins: an applicant gets 403, nobody logged in 401', async () => {
    expect((await applicant.get<Problem>('/api/admin/holidays?year=2026')).status).toBe(403);
    expect((await applicant.post<Problem>('/api/admin/holidays', newYear)).status).toBe(403);
    expect((await applicant.request<Problem>('DELETE', '/api/admin/holidays/2026-12-25')).status).toBe(403);
    expect((await applicant.get<Problem>('/api/admin/calendar/warnings')).status).toBe(403);
    const anon = srv.client();
    expect((await anon.get<Problem>('/api/admin/holidays')).status).toBe(401);
    // nothing changed
    expect((await admin.get<Holiday[]>('/api/admin/holidays?year=2026')).body.some((h) => h.date === '2026-12-25')).toBe(true);
  });

  it('lists a year’s holidays by date (default: this year)', async () => {
    const r = await admin.get<Holiday[]>('/api/admin/holidays?year=2026');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(25);
    expect(r.body[0]).toEqual({ date: '2026-01-01', year: 2026, kind: 'national', name: { id: 'Tahun Baru 2026 Masehi', en: "New Year's Day" } });
    expect((await admin.get<Holiday[]>('/api/admin/holidays')).body).toEqual(r.body);
    expect((await admin.get<Holiday[]>('/api/admin/holidays?year=2027')).body).toEqual([]);
    expect((await admin.get<Problem>('/api/admin/holidays?year=next')).status).toBe(422);
  });

  it('warns about a missing year; creating, refusing a duplicate and deleting a holiday moves the warning and availability', async () => {
    const before = await admin.get<Warnings>('/api/admin/calendar/warnings');
    expect(before.status).toBe(200);
    expect(before.body.missingYears).toEqual([2027]);
    expect(before.body.warnings).toEqual([{ code: 'holidaysMissing', year: 2027, message: { id: expect.stringContaining('2027'), en: expect.stringContaining('2027') } }]);

    const created = await admin.post<Holiday>('/api/admin/holidays', newYear);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...newYear, year: 2027 });
    const dup = await admin.post<Problem>('/api/admin/holidays', { ...newYear, kind: 'collective' });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/holiday-exists$/);
    expect((await admin.get<Warnings>('/api/admin/calendar/warnings')).body).toEqual({ missingYears: [], warnings: [] });

    const days = async () =>
      new Map((await srv.client().get<{ days: Day[] }>('/api/offices/ATB/availability?from=2026-12-30&to=2027-01-04')).body.days.map((d) => [d.date, d]));
    expect((await days()).get('2027-01-01')).toMatchObject({ open: false, reason: 'holiday', holidayName: newYear.name });

    const del = await admin.request('DELETE', '/api/admin/holidays/2027-01-01');
    expect(del.status).toBe(204);
    expect((await admin.request<Problem>('DELETE', '/api/admin/holidays/2027-01-01')).status).toBe(404);
    expect((await admin.request<Problem>('DELETE', '/api/admin/holidays/yesterday')).status).toBe(404);
    expect((await admin.get<Warnings>('/api/admin/calendar/warnings')).body.missingYears).toEqual([2027]);
    expect((await days()).get('2027-01-01')).toMatchObject({ open: true });
  });

  it('deleting a seeded holiday opens the day', async () => {
    expect((await admin.request('DELETE', '/api/admin/holidays/2026-12-24')).status).toBe(204);
    const r = await srv.client().get<{ days: Day[] }>('/api/offices/ATB/availability?from=2026-12-24&to=2026-12-25');
    expect(r.body.days.map((d) => [d.date, d.open])).toEqual([
      ['2026-12-24', true],
      ['2026-12-25', false],
    ]);
  });

  it('422 with pointers for a bad holiday', async () => {
    const r = await admin.post<Problem>('/api/admin/holidays', { date: '2027-02-30', kind: 'regional', name: { id: 'x', en: ' ' } });
    expect(r.status).toBe(422);
    expect(r.body.errors!.map((e) => e.pointer)).toEqual(['/date', '/kind', '/name/en']);
    const noName = await admin.post<Problem>('/api/admin/holidays', { date: '2027-03-01', kind: 'national' });
    expect(noName.body.errors!.map((e) => e.pointer)).toEqual(['/name']);
  });
});
