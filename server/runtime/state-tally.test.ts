import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';
import { bucketSeconds, buildStateTallies, histogramMedian, stayBucket } from './state-tally.ts';

describe('stay buckets', () => {
  it('reads a stay back within about 2% from its bucket, from seconds to years', () => {
    for (const s of [1, 59, 3600, 5400, 86_400, 30 * 86_400, 3 * 365 * 86_400]) {
      const back = bucketSeconds(stayBucket(s));
      expect(Math.abs(back - s) / s, `${s} s read back as ${back} s`).toBeLessThan(0.025);
    }
    expect(bucketSeconds(stayBucket(0))).toBe(0);
  });

  it('takes the median of a histogram as the middle stay (the mean of the two middle ones for an even count)', () => {
    expect(histogramMedian([])).toBeNull();
    const h = (xs: number[]) => {
      const m = new Map<number, number>();
      for (const x of xs) m.set(stayBucket(x), (m.get(stayBucket(x)) ?? 0) + 1);
      return [...m].map(([bucket, n]) => ({ bucket, n }));
    };
    const near = (v: number | null, x: number) => expect(Math.abs((v ?? NaN) - x) / x).toBeLessThan(0.025);
    near(histogramMedian(h([60, 3600, 86_400])), 3600);
    near(histogramMedian(h([600, 600, 3600, 3600])), (600 + 3600) / 2);
    near(histogramMedian(h([7200])), 7200);
  });
});

type Stats = { applications: number; states: { state: string; count: number; visits: number; medianAgeSeconds: number | null; medianStaySeconds: number | null }[] };

describe.each(providers())('state tallies of a database written before them (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let auditor: TestClient;
  const details = { fullName: 'Fransiska Luan', age: 29, email: 'fransiska@example.id', officeCode: 'ATB' };

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    const applicant = srv.client();
    await applicant.signUp(`tally-${provider}@example.id`);
    const officer = srv.client();
    await officer.loginAs('officer');
    auditor = srv.client();
    await auditor.loginAs('auditor');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await applicant.post<{ id: string }>('/api/applications', { flow: 'test-permit' })).body.id);
    await officer.post('/api/dev/clock', { advance: 'PT2H' });
    for (const id of ids.slice(1)) await applicant.post(`/api/applications/${id}/events`, { type: 'SUBMIT', data: details });
    await officer.post('/api/dev/clock', { advance: 'PT45M' });
    await officer.post(`/api/applications/${ids[3]}/events`, { type: 'APPROVE' });
  });
  afterAll(() => srv?.close());

  it('answers 503 in words until they are built, then the same figures as kept per event; events meanwhile count once', async () => {
    const kept = await auditor.get<Stats>('/api/audit/flows/test-permit/states?version=1');
    expect(kept.status).toBe(200);
    expect(kept.body.applications).toBe(4);

    // As an older database: no tallies, no stateSince, no mark.
    const { sql } = srv.deps;
    await sql.run('DELETE FROM "StateTally"');
    await sql.run('DELETE FROM "StayTally"');
    await sql.run('UPDATE "Application" SET "stateSince" = NULL');
    await sql.run('DELETE FROM "Setting" WHERE "key" = ?', ['state-tallies']);
    const waiting = await auditor.get<{ status: number; type: string; detail: string }>('/api/audit/flows/test-permit/states?version=1');
    expect(waiting.status).toBe(503);
    expect(waiting.body.type).toMatch(/figures-not-ready$/);
    expect(waiting.body.detail).toMatch(/dihitung|counted/);

    // An event on an application not yet counted: the builder counts it from the log, once.
    const applicant = srv.client();
    await applicant.signUp(`tally2-${provider}@example.id`);
    const late = (await applicant.post<{ id: string }>('/api/applications', { flow: 'test-permit' })).body.id;
    expect(await buildStateTallies(sql)).toBe(4);
    expect(await buildStateTallies(sql)).toBe(0);
    const built = await auditor.get<Stats>('/api/audit/flows/test-permit/states?version=1');
    expect(built.status).toBe(200);
    expect(built.body.applications).toBe(5);
    const before = new Map(kept.body.states.map((s) => [s.state, s]));
    for (const s of built.body.states) {
      const k = before.get(s.state);
      const extra = s.state === 'draft' ? 1 : 0; // the application started after the wipe
      expect({ state: s.state, count: s.count, visits: s.visits }).toEqual({ state: s.state, count: (k?.count ?? 0) + extra, visits: (k?.visits ?? 0) + extra });
      expect(s.medianStaySeconds).toEqual(k?.medianStaySeconds ?? null);
    }
    expect(late).toBeTruthy();
  });
});
