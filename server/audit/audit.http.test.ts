import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';
import { CSV_COLUMNS } from './event-export.ts';

type Stats = {
  flow: string;
  version: number;
  applications: number;
  states: { state: string; count: number; medianAgeSeconds: number | null; visits: number; medianStaySeconds: number | null }[];
};
type Problem = { status: number; errors?: { pointer: string }[] };

const details = { fullName: 'Maria "Mia" Da Costa, S.H.', age: 34, email: 'maria@example.id', officeCode: 'ATB' };
const near = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - expected), `${actual} ≈ ${expected}`).toBeLessThan(120);
};

describe.each(providers())('audit: heatmap and event export (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  let officer: TestClient;
  let auditor: TestClient;
  const ids: string[] = [];

  const advance = async (duration: string) => expect((await officer.post('/api/dev/clock', { advance: duration })).status).toBe(200);
  const send = async (as: TestClient, id: string, type: string, data?: unknown) => {
    const r = await as.post<{ state: string }>(`/api/applications/${id}/events`, { type, data });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    applicant = srv.client();
    await applicant.signUp(`audit-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
    auditor = srv.client();
    await auditor.loginAs('auditor');
    // three applications: one left in draft, one waiting for review, one approved
    for (let i = 0; i < 3; i++) ids.push((await applicant.post<{ id: string }>('/api/applications', { flow: 'test-permit' })).body.id);
    await advance('PT1H');
    await send(applicant, ids[1]!, 'SUBMIT', details);
    await send(applicant, ids[2]!, 'SUBMIT', details);
    await advance('PT30M');
    await send(officer, ids[2]!, 'APPROVE');
  });
  afterAll(() => srv?.close());

  it('counts the applications in each state, as the database holds them, with how long they stay', async () => {
    const r = await auditor.get<Stats>('/api/audit/flows/test-permit/states?version=1');
    expect(r.status).toBe(200);
    const by = new Map(r.body.states.map((s) => [s.state, s]));
    expect(r.body).toMatchObject({ flow: 'test-permit', version: 1, applications: 3 });

    const rows = await srv.deps.sql.all<{ state: string; n: number | string }>(
      'SELECT "state", COUNT(*) AS "n" FROM "Application" WHERE "flowKey" = ? AND "flowVersion" = ? GROUP BY "state"',
      ['test-permit', 1],
    );
    expect(Object.fromEntries(r.body.states.filter((s) => s.count > 0).map((s) => [s.state, s.count]))).toEqual(
      Object.fromEntries(rows.map((x) => [x.state, Number(x.n)])),
    );

    expect(by.get('draft')).toMatchObject({ count: 1, visits: 3 });
    near(by.get('draft')?.medianStaySeconds, 3600); // two left draft after an hour
    near(by.get('draft')?.medianAgeSeconds, 5400); // one has been there an hour and a half
    expect(by.get('review')).toMatchObject({ count: 1, visits: 2 });
    near(by.get('review')?.medianStaySeconds, 1800);
    near(by.get('review')?.medianAgeSeconds, 1800);
    expect(by.get('approved')).toMatchObject({ count: 1, visits: 1, medianStaySeconds: null });
  });

  it('defaults to the latest published version and answers 404 / 422 for what does not exist', async () => {
    expect((await auditor.get<Stats>('/api/audit/flows/test-permit/states')).body.version).toBe(1);
    expect((await auditor.get('/api/audit/flows/test-permit/states?version=9')).status).toBe(404);
    expect((await auditor.get('/api/audit/flows/no-such-flow/states')).status).toBe(404);
    const bad = await auditor.get<Problem>('/api/audit/flows/test-permit/states?version=two');
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.pointer).toBe('/version');
  });

  it('exports the event log as CSV, one row per event, quoting what needs quoting', async () => {
    const r = await auditor.request<string>('GET', '/api/audit/events.csv?flow=test-permit');
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="alur-events-test-permit\.csv"/);
    const rows = parse(String(r.body), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const inDb = await srv.deps.sql.get<{ n: number | string }>(
      'SELECT COUNT(*) AS "n" FROM "Event" e JOIN "Application" a ON a."id" = e."applicationId" WHERE a."flowKey" = ?',
      ['test-permit'],
    );
    expect(rows).toHaveLength(Number(inDb?.n));
    const submit = rows.find((x) => x.applicationId === ids[1] && x.type === 'SUBMIT');
    expect(JSON.parse(submit?.data ?? '{}')).toMatchObject({ fullName: details.fullName });
    expect(submit).toMatchObject({ flow: 'test-permit', flowVersion: '1', seq: '2', fromState: 'draft', toState: 'review', actorRole: 'applicant' });
    // in time order
    const ats = rows.map((x) => x.at);
    expect([...ats].sort()).toEqual(ats);
  });

  it('filters the export by time and rejects a malformed bound', async () => {
    const none = await auditor.request<string>('GET', '/api/audit/events.csv?to=2000-01-01');
    expect(parse(String(none.body), { columns: true })).toEqual([]);
    const bad = await auditor.request<Problem>('GET', '/api/audit/events.csv?from=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.pointer).toBe('/from');
  });

  it('lets an auditor search applications by flow, version and start date', async () => {
    type Page = { items: { id: string; flowVersion: number; createdAt: string }[] };
    const found = async (q: string) => {
      const r = await auditor.get<Page>(`/api/applications?flow=test-permit&${q}`);
      expect(r.status, q).toBe(200);
      return r.body.items.map((a) => a.id).sort();
    };
    const all = await auditor.get<Page>('/api/applications');
    expect(all.status).toBe(200);
    expect(all.body.items.map((a) => a.id)).toEqual(expect.arrayContaining(ids));
    expect(await found('version=1')).toEqual([...ids].sort());
    expect(await found('version=2')).toEqual([]);
    expect(await found('from=2000-01-01&to=2999-12-31')).toEqual([...ids].sort());
    expect(await found('to=2000-01-01')).toEqual([]);
    expect(await found('state=review')).toEqual([ids[1]]);
    const bad = await auditor.get<Problem>('/api/applications?version=v1&from=soon');
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.pointer).sort()).toEqual(['/from', '/version']);
  });

  it('is for auditors: an applicant and an officer get 403', async () => {
    for (const who of [applicant, officer]) {
      expect((await who.get('/api/audit/flows/test-permit/states')).status).toBe(403);
      expect((await who.request('GET', '/api/audit/events.csv')).status).toBe(403);
    }
  });
});
