/**
 * A draw instead of first-click-wins (README "How places open"), on passport-new with
 * `policy.placesOpen.mode = "draw"`, on SQLite and PostgreSQL, with the manual clock pinned to
 * Atambua wall-clock times: before the window the date is not open; within it every SUBMIT
 * enters the draw (one entry per NIK: a second is 409 in words); at the window's end the draw,
 * with a fixed seed, gives exactly the places there are (a priority place to the elderly
 * applicant), the winners a booking and a bill, the others the nearest free places in words;
 * the published draw is recomputed by the verifier (the pure function and the command); the
 * places left after the draw are first-come.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../config.ts';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import { DRAW_ALGORITHM, seedHashOf, verifyPublishedDraw, type PublishedDraw } from './lottery.ts';
import { atbTime, atbToday, clockTo, emailsAbout, plusDays, viewOf, waitFor, walkToSchedule, type FullView, type Server } from './testing/acceptance.ts';
import { identity, SHIPPED, type Problem } from './testing/passport.ts';

const SEED = 'c0ffee'.repeat(10) + 'beef';
const HORIZON = 60;
const PLACES = 3; // ATB's daily quota set to 6 below: 3 pagi, 3 siang
const ENTRANTS = 8;

type DrawView = FullView & {
  draw?: { status: string; id: string; entryId: string; outcome: string | null; places: number; resultAtLocal: string; offers: { date: string; session: string; free: number }[] | null; offersText: { id: string; en: string } | null };
};
type I18nProblem = Problem & { i18n: { detail: { id: string; en: string } } };
type Published = PublishedDraw & { id: string; status: string; entriesCount: number; date: string; session: string; resultAtLocal: string };

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
const nik = (i: number) => `530401410190${String(10000 + i).slice(1)}`;

describe.each(providers())('a draw for the places of a session (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let dir: string;
  const email = `draw-${provider}@example.id`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'alur-draw-defs-'));
    const def = JSON.parse(readFileSync(path.join(SHIPPED.DEFINITIONS_DIR, 'passport-new.json'), 'utf8')) as { policy: Record<string, unknown> };
    def.policy.placesOpen = { mode: 'draw', drawWindow: 'PT15M', openTime: '08:00', priorityPercent: 67, elderlyAge: 60 };
    writeFileSync(path.join(dir, 'passport-new.json'), JSON.stringify(def));
    srv = await startTestServer({ provider, env: { DEFINITIONS_DIR: dir, FORMS_DIR: SHIPPED.FORMS_DIR } });
    await srv.deps.sql.run('UPDATE "Office" SET "dailyQuota" = ? WHERE "code" = ?', [PLACES * 2, 'ATB']);
    applicant = srv.client();
    await applicant.signUp(email, undefined, identity.fullName);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enters, draws once with a fixed seed, books the winners, offers the others, verifies, then is first-come', async () => {
    let date = plusDays(await atbToday(applicant), HORIZON + 2);
    while (isWeekend(date)) date = plusDays(date, 1);
    const opensOn = plusDays(date, -HORIZON);
    const drawId = `${date}-pagi-regular`;
    const drawUrl = `/api/offices/ATB/draws/${drawId}`;

    // Nine applications at the schedule step: eight people, one elderly, one who declared a disability in the identity form; the ninth repeats the first one's NIK.
    const apps: string[] = [];
    for (let i = 0; i < ENTRANTS + 1; i++) {
      const who = {
        nik: nik(i === ENTRANTS ? 0 : i),
        fullName: `Pemohon Undian ${'ABCDEFGHIJ'[i]}`,
        ...(i === 3 ? { birthDate: '1950-05-05' } : {}),
        ...(i === 5 ? { disability: true } : {}),
      };
      apps.push((await walkToSchedule(applicant, { flow: 'passport-new' }, who)).id);
    }
    const submit = (id: string, session = 'pagi') => applicant.post<DrawView & I18nProblem>(`/api/applications/${id}/events`, { type: 'SUBMIT', data: { officeCode: 'ATB', date, session } });

    // Before the window: the date is not open yet, and says when it opens (office time).
    await clockTo(srv, applicant, atbTime(opensOn, '07:00'));
    const early = await submit(apps[0]!);
    expect(early.status, JSON.stringify(early.body)).toBe(422);
    expect(JSON.stringify(early.body)).toContain('08:00');

    // The draw exists before its window opens: its seed hash is public, its seed is not. (The test fixes the seed.)
    expect((await applicant.post('/api/dev/draws/run', {})).status).toBe(200);
    const listed = await applicant.getOk<{ draws: { id: string; seedHash: string; status: string }[] }>('/api/offices/ATB/draws');
    expect(listed.draws.map((d) => d.id)).toContain(drawId);
    await srv.deps.sql.run('UPDATE "Draw" SET "seed" = ?, "seedHash" = ? WHERE "officeCode" = ? AND "id" = ?', [SEED, seedHashOf(SEED), 'ATB', drawId]);
    const before = await applicant.getOk<Published>(drawUrl);
    expect(before).toMatchObject({ algorithm: DRAW_ALGORITHM, status: 'open', seed: null, seedHash: seedHashOf(SEED), places: PLACES, entriesCount: 0, resultHash: null, resultAtLocal: '08:15 WITA' });

    // The schedule picker says how places open, in words; not yet that a draw is open.
    type Notice = { placesOpen?: { mode: string; message: { id: string; en: string } } };
    const picker = () => applicant.getOk<Notice>(`/api/offices/ATB/availability?from=${opensOn}&to=${plusDays(opensOn, 6)}&flow=passport-new`);
    const notice = (await picker()).placesOpen;
    expect(notice?.mode).toBe('draw');
    expect(notice?.message.en).toBe(
      'Places at this office open by draw. The places of a date open at 08:00 WITA, 60 days before; every request within the first 15 minutes enters the draw (once per NIK per session) and the result is announced at 08:15 WITA. Places left after the draw can be booked directly.',
    );
    expect(notice?.message.id).toMatch(/^Tempat di kantor ini dibuka dengan undian\. Tempat untuk satu tanggal dibuka pukul 08:00 WITA, 60 hari sebelumnya; semua permintaan dalam 15 menit pertama ikut undian/);

    // Within the window: every SUBMIT is an entry, not a place.
    await clockTo(srv, applicant, atbTime(opensOn, '08:01'));
    expect((await picker()).placesOpen?.message.en).toMatch(/ The draw for \d+ \w+ \d{4} is open until 08:15 WITA\.$/);
    const entries: Record<string, string> = {};
    for (const id of apps.slice(0, ENTRANTS)) {
      const r = await submit(id);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ state: 'inDraw', status: 'inDraw', draw: { status: 'entered', id: drawId, places: PLACES, resultAtLocal: '08:15 WITA' } });
      expect(r.body.appointment).toBeUndefined();
      expect(r.body.payment).toBeUndefined();
      entries[id] = r.body.draw!.entryId;
    }
    // One entry per NIK: the ninth application (the first one's NIK) is refused in words, nothing written.
    const dup = await submit(apps[ENTRANTS]!);
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/draw-duplicate/);
    expect(dup.body.i18n.detail.en).toMatch(/^NIK 5304…0000 is already in the draw for \d+ \w+ \d{4}, session pagi, at Kantor Imigrasi .*Atambua\. A person can enter once per session/);
    expect(dup.body.i18n.detail.id).toMatch(/^NIK 5304…0000 sudah terdaftar dalam undian untuk \d+ \w+ \d{4}, sesi pagi, di Kantor Imigrasi/);
    expect((await viewOf(applicant, apps[ENTRANTS]!)).state).toBe('schedule');
    expect((await applicant.getOk<Published>(drawUrl)).entriesCount).toBe(ENTRANTS);
    expect(await emailsAbout(applicant, email, apps[0]!, /undian|draw/i)).toHaveLength(1);

    // The window closes: the draw is made once, and every entrant is moved.
    await clockTo(srv, applicant, atbTime(opensOn, '08:16'));
    await applicant.post('/api/dev/draws/run', {});
    const views = await waitFor(
      () => Promise.all(apps.slice(0, ENTRANTS).map((id) => viewOf(applicant, id) as Promise<DrawView>)),
      (vs) => vs.every((v) => v.state !== 'inDraw'),
    );
    const won = views.filter((v) => v.status === 'awaitingPayment');
    const lost = views.filter((v) => v.state === 'schedule');
    expect(won).toHaveLength(PLACES);
    expect(lost).toHaveLength(ENTRANTS - PLACES);
    for (const v of won) {
      expect(v.appointment).toMatchObject({ officeCode: 'ATB', date, session: 'pagi' });
      expect(v.payment!.billingCode).toMatch(/^\d{15}$/);
      expect(v.draw).toMatchObject({ outcome: 'won' });
    }
    // The priority places (67% of 3 → 2) went to the two priority entrants: the elderly one and the one with a disability.
    expect(won.map((v) => v.id)).toEqual(expect.arrayContaining([apps[3], apps[5]]));
    for (const v of lost) {
      expect(v.draw).toMatchObject({ outcome: 'lost' });
      expect(v.draw!.offers![0]).toMatchObject({ date, session: 'siang', free: PLACES });
      expect(v.draw!.offersText!.en).toMatch(/^The nearest free places at .+: \d+ \w+ \d{4}, session siang \(from 13:00\): 3 places/);
      expect(v.draw!.offersText!.id).toMatch(/^Tempat kosong terdekat di .+sesi siang \(mulai 13:00\): 3 tempat/);
    }
    const lostMail = await emailsAbout(applicant, email, lost[0]!.id, /not drawn|belum terpilih/i);
    expect(lostMail).toHaveLength(1);
    expect(lostMail[0]!.text).toMatch(/session siang|sesi siang/);

    // Exactly the places there are: the counter, the held bookings.
    const counter = await srv.deps.sql.get<{ booked: number }>('SELECT "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "date" = ? AND "session" = ?', ['ATB', date, 'pagi']);
    expect(Number(counter!.booked)).toBe(PLACES);
    const held = await srv.deps.sql.all<{ applicationId: string }>('SELECT "applicationId" FROM "Booking" WHERE "date" = ? AND "session" = ? AND "status" = ?', [date, 'pagi', 'held']);
    expect(held.map((b) => b.applicationId).sort()).toEqual(won.map((v) => v.id).sort());

    // Published and recomputed: the fixed seed, the entries, the winners, the result hash.
    const after = await applicant.getOk<Published>(drawUrl);
    expect(after).toMatchObject({ status: 'drawn', seed: SEED, seedHash: seedHashOf(SEED), places: PLACES, priorityPlaces: 2, entriesCount: ENTRANTS });
    expect(verifyPublishedDraw(after)).toEqual([]);
    expect([...after.winners!].sort()).toEqual(won.map((v) => entries[v.id]).sort());
    const file = path.join(dir, 'draw.json');
    writeFileSync(file, JSON.stringify(after));
    const verifier = (f: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-draw.ts', '--file', f], { cwd: REPO_ROOT, encoding: 'utf8' });
    const good = verifier(file);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('checks out');
    writeFileSync(file, JSON.stringify({ ...after, winners: [...after.winners!].reverse() }));
    expect(verifier(file).status).toBe(1);

    // Drawing again does nothing: the draw is made once.
    expect((await applicant.post<{ drawn: number; settled: number }>('/api/dev/draws/run', {})).body).toEqual({ drawn: 0, settled: 0 });

    // After the draw, the places left are first-come: the full session refuses, the other takes a place at once.
    const full = await submit(lost[0]!.id, 'pagi');
    expect(full.status).toBe(409);
    expect(full.body.type).toMatch(/slot-full/);
    const taken = await submit(lost[0]!.id, 'siang');
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ status: 'awaitingPayment', appointment: { date, session: 'siang' } });
  }, 240_000);
});
