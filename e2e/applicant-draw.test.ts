/**
 * The draw for places in the browser (README "How places open"): passport-new with
 * `policy.placesOpen.mode = "draw"`, the built client served by a real server on SQLite, Debian's
 * Chromium. Four applications enter the draw for Atambua's 3 morning places through the API
 * within the window (clock pinned to Atambua time); the applicant's page then says honestly where
 * they stand (date, session, office, places, entries, the result time in WITA, the entry number),
 * in the words of the pack's dictionary. After the draw, the applicant not drawn is offered the
 * nearest free places in words.
 *
 * Without /usr/bin/chromium the file is skipped with a message, except under CI (`CI` set).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passportText } from '#client/domain/passport/texts.ts';
import { startTestServer, TEST_PASSWORD, type TestClient } from '#server/testing/harness.ts';
import { atbTime, atbToday, clockTo, plusDays, viewOf, waitFor, walkToSchedule, type FullView, type Server } from '#server/domain/passport/testing/acceptance.ts';
import { identity, SHIPPED } from '#server/domain/passport/testing/passport.ts';
import { escapeRegExp, logIn } from './support/applicant.ts';
import { chromiumMissing, launchChromium, openTab } from './support/browser.ts';
import { buildClient, type BuiltClient } from './support/build-client.ts';

const missing = chromiumMissing();
const skip = missing !== null && !process.env.CI;
if (skip) console.warn(`\n[e2e] draw browser test SKIPPED: ${missing}. Under CI this fails.\n`);

const HORIZON = 60;
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
const dayMonthId = (date: string) => new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

describe.skipIf(skip)('the draw in Chromium (e2e)', () => {
  let client: BuiltClient | undefined;
  let srv: Server | undefined;
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    if (missing) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'alur-draw-e2e-'));
    const def = JSON.parse(readFileSync(path.join(SHIPPED.DEFINITIONS_DIR, 'passport-new.json'), 'utf8')) as { policy: Record<string, unknown> };
    def.policy.placesOpen = { mode: 'draw', drawWindow: 'PT15M', openTime: '08:00', priorityPercent: 0, elderlyAge: 60 };
    writeFileSync(path.join(dir, 'passport-new.json'), JSON.stringify(def));
    client = await buildClient();
    [srv, browser] = await Promise.all([
      startTestServer({ provider: 'sqlite', env: { DEFINITIONS_DIR: dir, FORMS_DIR: SHIPPED.FORMS_DIR, CLIENT_DIR: client.dir } }),
      launchChromium(),
    ]);
    await srv.deps.sql.run('UPDATE "Office" SET "dailyQuota" = ? WHERE "code" = ?', [6, 'ATB']);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await client?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows where the applicant stands in the draw, then the places offered when not drawn', async () => {
    const email = `e2e-draw-${process.pid}@example.id`;
    const api: TestClient = srv!.client();
    await api.signUp(email, undefined, identity.fullName);
    let date = plusDays(await atbToday(api), HORIZON + 2);
    while (isWeekend(date)) date = plusDays(date, 1);
    const opensOn = plusDays(date, -HORIZON);

    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await walkToSchedule(api, { flow: 'passport-new' }, { nik: `530401410190000${i}` })).id);
    await clockTo(srv!, api, atbTime(opensOn, '08:02'));
    for (const id of ids) {
      const r = await api.post<FullView>(`/api/applications/${id}/events`, { type: 'SUBMIT', data: { officeCode: 'ATB', date, session: 'pagi' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.state).toBe('inDraw');
    }
    const entered = (await viewOf(api, ids[0]!)) as FullView & { draw: { entryId: string; officeName: string } };

    const { page, errors, close } = await openTab(browser!, srv!.url);
    try {
      await logIn(page, email, TEST_PASSWORD);
      await page.goto(`/applications/${ids[0]}`);
      const standing = passportText('id', 'draw.standing', {
        date: dayMonthId(date),
        session: 'pagi',
        office: entered.draw.officeName,
        places: '3',
        entries: '4',
        resultAt: '08:15 WITA',
      });
      expect(standing).toMatch(/^Anda ikut undian untuk \d+ \w+, pagi, di Kantor Imigrasi .+: 3 tempat, 4 peserta; hasil pukul 08:15 WITA\.$/);
      await page.getByText(standing, { exact: true }).first().waitFor();
      await page.getByText(passportText('id', 'draw.odds', { places: '3', entries: '4', pct: '75' }), { exact: true }).first().waitFor();
      await page.getByText(entered.draw.entryId, { exact: true }).first().waitFor();

      // The window closes: the draw is made; the one not drawn sees the nearest free places in words.
      await clockTo(srv!, api, atbTime(opensOn, '08:16'));
      await api.post('/api/dev/draws/run', {});
      const views = await waitFor(
        () => Promise.all(ids.map((id) => viewOf(api, id))),
        (vs) => vs.every((v) => v.state !== 'inDraw'),
      );
      const loser = views.find((v) => v.state === 'schedule') as (FullView & { draw: { offersText: { id: string } } }) | undefined;
      expect(loser).toBeDefined();
      await page.goto(`/applications/${loser!.id}`);
      await page.getByText(new RegExp(`^${escapeRegExp(passportText('id', 'draw.lost', { date: dayMonthId(date), session: 'pagi', office: entered.draw.officeName }))}$`)).first().waitFor();
      expect(loser!.draw.offersText.id).toMatch(/sesi siang \(mulai 13:00\): 3 tempat/);
      await page.getByText(loser!.draw.offersText.id, { exact: true }).first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);
});
