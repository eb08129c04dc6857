import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';
import { Scheduler } from './scheduler.ts';

type View = {
  id: string;
  state: string;
  status: string;
  version: number;
  final: boolean;
  form: { id: string } | null;
  events: { type: string }[];
  data: Record<string, unknown>;
};
type Problem = { type: string; title: string; status: number; detail?: string; errors?: { pointer: string; message: string }[]; allowed?: string[] };
type HistoryEntry = { seq: number; type: string; actor: string; at: string; from: string | null; to: string; data: unknown };

const goodData = { fullName: 'Maria Da Costa', age: 34, email: 'maria@example.id', officeCode: 'ATB' };

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(providers())('the event path over HTTP (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  let officer: TestClient;
  let n = 0;

  const newApplication = async (flow = 'test-permit', as: TestClient = applicant) => {
    const r = await as.post<View>('/api/applications', { flow });
    expect(r.status).toBe(201);
    return r.body;
  };
  const send = (id: string, type: string, data?: unknown, headers?: Record<string, string>, as: TestClient = applicant) =>
    as.post<View & Problem>(`/api/applications/${id}/events`, { type, data }, headers);
  const history = async (id: string, as: TestClient = applicant) => (await as.get<HistoryEntry[]>(`/api/applications/${id}/history`)).body;

  beforeAll(async () => {
    srv = await startTestServer({ provider });
    applicant = srv.client();
    await applicant.signUp(`a-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('lists the published fixture flows', async () => {
    const r = await srv.client().get<{ key: string; version: number }[]>('/api/flows');
    expect(r.status).toBe(200);
    expect(r.body.map((f) => f.key)).toEqual(expect.arrayContaining(['test-permit', 'test-chain']));
    expect(r.body.every((f) => f.version === 1)).toBe(true);
  });

  it('drives the happy path: form, guard, officer decision, final state, emails, history', async () => {
    const app = await newApplication();
    expect(app.state).toBe('draft');
    expect(app.form?.id).toBe('test-details');
    expect(app.events.map((e) => e.type).sort()).toEqual(['CANCEL', 'SUBMIT']);

    const submitted = await send(app.id, 'SUBMIT', goodData);
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('review');
    expect(submitted.body.status).toBe('inReview');
    expect(submitted.body.data).toMatchObject(goodData);
    expect(submitted.body.events).toEqual([]); // the applicant has nothing to do while an officer reviews

    const mail = await applicant.get<{ messages: { subject: string; text: string }[] }>(`/api/dev/outbox?to=a-${provider}@example.id`);
    expect(mail.body.messages.some((m) => m.text.includes('Maria Da Costa'))).toBe(true);

    const seen = await officer.get<View>(`/api/applications/${app.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.events.map((e) => e.type).sort()).toEqual(['APPROVE', 'REJECT']);
    const approved = await send(app.id, 'APPROVE', undefined, undefined, officer);
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.final).toBe(true);

    const h = await history(app.id);
    expect(h.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(h.map((e) => e.type)).toEqual(['START', 'SUBMIT', 'APPROVE']);
    expect(h[2]).toMatchObject({ from: 'review', to: 'approved' });
  });

  it('takes the guard\'s other branch when the data says so', async () => {
    const app = await newApplication();
    const r = await send(app.id, 'SUBMIT', { ...goodData, age: 12 });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('tooYoung');
    expect(r.body.final).toBe(true);
  });

  it('rejects invalid data with 422 and a pointer per field, and changes nothing', async () => {
    const app = await newApplication();
    const r = await send(app.id, 'SUBMIT', { fullName: 'M', age: 'old', email: 'not-an-email' });
    expect(r.status).toBe(422);
    expect(r.contentType).toContain('application/problem+json');
    const pointers = r.body.errors!.map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/age', '/email', '/fullName', '/officeCode']);
    expect(r.body.errors!.every((e) => e.message.length > 0)).toBe(true);
    const after = await applicant.get<View>(`/api/applications/${app.id}`);
    expect(after.body.state).toBe('draft');
    expect(after.body.version).toBe(app.version);
    expect(await history(app.id)).toHaveLength(1);
  });

  it('answers 422 in English when asked', async () => {
    const app = await newApplication();
    const r = await send(app.id, 'SUBMIT', { ...goodData, age: -1 }, { 'accept-language': 'en' });
    expect(r.status).toBe(422);
    expect(r.body.title).toBe('Invalid data');
    const id = await send(app.id, 'SUBMIT', { ...goodData, age: -1 });
    expect(id.body.title).toBe('Data tidak valid');
  });

  it('answers 409 naming the events the state accepts', async () => {
    const app = await newApplication();
    const r = await send(app.id, 'APPROVE');
    expect(r.status).toBe(409);
    expect(r.body.allowed!.sort()).toEqual(['CANCEL', 'SUBMIT']);
    expect(r.body.detail).toContain('SUBMIT');
  });

  it('answers 403 when the role may not send the event', async () => {
    const app = await newApplication();
    await send(app.id, 'SUBMIT', goodData);
    const r = await send(app.id, 'APPROVE');
    expect(r.status).toBe(403);
    expect(r.body.type).toMatch(/wrong-role$/);
  });

  it('lets exactly one of 20 concurrent events with the same If-Match through, with no gap in seq', async () => {
    const app = await newApplication('test-chain');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(app.id, 'NEXT', { note: `n${i}` }, { 'if-match': String(app.version) })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const h = await history(app.id);
    expect(h.map((e) => e.seq)).toEqual([1, 2]);
    // and without If-Match all 20 go through, one after another
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => send(app.id, 'NEXT', { note: `m${i}` })));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect((await history(app.id)).map((e) => e.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('answers a stale If-Match with 409 before looking at the data', async () => {
    const app = await newApplication();
    const r = await send(app.id, 'SUBMIT', { nonsense: true }, { 'if-match': String(app.version + 5) });
    expect(r.status).toBe(409);
    expect(r.body.type).toMatch(/version-conflict$/);
  });

  it('replays the same Idempotency-Key with the same answer and one event row', async () => {
    const app = await newApplication();
    const key = `key-${++n}-${provider}`;
    const first = await send(app.id, 'SUBMIT', goodData, { 'idempotency-key': key });
    const again = await send(app.id, 'SUBMIT', goodData, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect((await history(app.id)).filter((e) => e.type === 'SUBMIT')).toHaveLength(1);
  });

  it("gives every form of the application's flow version, the events' too, to whoever sees it (others: 404)", async () => {
    const app = await newApplication();
    const r = await applicant.get<{ id: string; title?: unknown; schema: unknown }[]>(`/api/applications/${app.id}/forms`);
    expect(r.status).toBe(200);
    expect(r.body.map((f) => f.id).sort()).toEqual(['test-details', 'test-reject']);
    expect(r.body.find((f) => f.id === 'test-reject')?.schema).toMatchObject({ type: 'object', required: ['reason'] });
    const stranger = srv.client();
    await stranger.signUp(`forms-stranger-${provider}-${++n}@example.id`);
    expect((await stranger.get(`/api/applications/${app.id}/forms`)).status).toBe(404);
  });

  it('hides an application from other applicants (404)', async () => {
    const app = await newApplication();
    const other = srv.client();
    await other.signUp(`b-${provider}@example.id`);
    expect((await other.get<Problem>(`/api/applications/${app.id}`)).status).toBe(404);
    expect((await other.post<Problem>(`/api/applications/${app.id}/events`, { type: 'CANCEL' })).status).toBe(404);
    expect((await other.get<Problem>(`/api/applications/${app.id}/history`)).status).toBe(404);
    const mine = await other.get<{ items: { id: string }[] }>('/api/applications');
    expect(mine.body.items.map((i) => i.id)).not.toContain(app.id);
  });

  it('fires an after-timer once, when the manual clock passes it', async () => {
    const app = await newApplication();
    await send(app.id, 'SUBMIT', goodData);
    await applicant.post('/api/dev/clock', { advance: 'PT1H' });
    await srv.deps.scheduler.tick();
    expect((await applicant.get<View>(`/api/applications/${app.id}`)).body.state).toBe('review');
    await applicant.post('/api/dev/clock', { advance: 'PT1H1M' });
    const v = await waitFor(() => applicant.get<View>(`/api/applications/${app.id}`), (r) => r.body.state === 'expired');
    expect(v.body.state).toBe('expired');
    expect(v.body.status).toBe('expired');
    const h = await history(app.id);
    expect(h.filter((e) => e.actor === 'system')).toHaveLength(1);
  });

  it('fires a timer once when two schedulers race for it', async () => {
    const apps = [];
    for (let i = 0; i < 5; i++) {
      const app = await newApplication();
      await send(app.id, 'SUBMIT', goodData);
      apps.push(app);
    }
    const { deps } = srv;
    await deps.scheduler.stop();
    const a = new Scheduler(deps, { intervalMs: 1000, leaseMs: 30_000 });
    const b = new Scheduler(deps, { intervalMs: 1000, leaseMs: 30_000 });
    await deps.manualClock!.advance(3 * 3600_000);
    const fired = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(fired.reduce((x, y) => x + y, 0)).toBe(5);
    for (const app of apps) {
      const h = await history(app.id);
      expect(h.filter((e) => e.actor === 'system')).toHaveLength(1);
      expect(h.at(-1)!.to).toBe('expired');
    }
    deps.scheduler.start();
  });

  it('rejects malformed input with 4xx problem+json and keeps serving', async () => {
    const c = applicant;
    const app = await newApplication();
    const malformed = await c.request<Problem>('POST', `/api/applications/${app.id}/events`, undefined, { raw: '{"type": "SUB', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
    const wrongType = await c.request<Problem>('POST', `/api/applications/${app.id}/events`, undefined, { raw: 'type=SUBMIT', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.contentType).toContain('application/problem+json');
    const huge = await c.request<Problem>('POST', `/api/applications/${app.id}/events`, { type: 'SUBMIT', data: { fullName: 'x'.repeat(400_000) } });
    expect(huge.status).toBe(413);
    expect(huge.contentType).toContain('application/problem+json');
    const unknown = await c.get<Problem>('/api/nope/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    const badId = await c.get<Problem>('/api/applications/not-an-id');
    expect(badId.status).toBe(404);
    expect(badId.contentType).toContain('application/problem+json');
    const badType = await c.post<Problem>(`/api/applications/${app.id}/events`, { type: 42 });
    expect(badType.status).toBe(422);
    const badIfMatch = await send(app.id, 'SUBMIT', goodData, { 'if-match': 'yesterday' });
    expect(badIfMatch.status).toBe(400);
    const noFlow = await c.post<Problem>('/api/applications', { flow: 'no-such-flow' });
    expect(noFlow.status).toBe(404);
    const arrayBody = await c.post<Problem>('/api/applications', [1, 2]);
    expect(arrayBody.status).toBeGreaterThanOrEqual(400);
    expect(arrayBody.status).toBeLessThan(500);
    const ok = await send(app.id, 'SUBMIT', goodData);
    expect(ok.status).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const app = await newApplication();
    const r = await applicant.request<Problem>('POST', `/api/applications/${app.id}/events`, { type: 'CANCEL' }, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body.type).toMatch(/csrf$/);
  });

  it('replays every log to its stored snapshot, and reports an edited event row', async () => {
    const auditor = srv.client();
    await auditor.loginAs('auditor');
    const clean = await auditor.post<{ checked: number; mismatches: unknown[] }>('/api/audit/verify', {});
    expect(clean.status).toBe(200);
    expect(clean.body.checked).toBeGreaterThan(5);
    expect(clean.body.mismatches).toEqual([]);

    const app = await newApplication();
    await send(app.id, 'SUBMIT', goodData);
    await srv.deps.sql.run('UPDATE "Event" SET "data" = ? WHERE "applicationId" = ? AND "seq" = 2', [JSON.stringify({ ...goodData, age: 99 }), app.id]);
    const tampered = await auditor.post<{ mismatches: { applicationId: string; seq?: number; problem: string }[] }>('/api/audit/verify', { applicationId: app.id });
    expect(tampered.body.mismatches.length).toBeGreaterThan(0);
    expect(tampered.body.mismatches[0]).toMatchObject({ applicationId: app.id, seq: 2 });
    expect((await applicant.post<Problem>('/api/audit/verify', {})).status).toBe(403);
  });
});

describe.each(providers())('restarts (%s)', (provider) => {
  it('keeps every application and fires a timer armed before the restart', async () => {
    const first = await startTestServer({ provider });
    const c = first.client();
    await c.signUp(`r-${provider}@example.id`);
    const created = await c.post<View>('/api/applications', { flow: 'test-permit' });
    const id = created.body.id;
    await c.post(`/api/applications/${id}/events`, { type: 'SUBMIT', data: goodData });
    const other = (await c.post<View>('/api/applications', { flow: 'test-chain' })).body.id;
    await first.stop();

    const second = await startTestServer({ provider, databaseUrl: first.databaseUrl });
    try {
      const c2 = second.client();
      await c2.login(`r-${provider}@example.id`, 'rahasia-123456');
      const list = await c2.get<{ items: { id: string }[] }>('/api/applications');
      expect(list.body.items.map((i) => i.id).sort()).toEqual([id, other].sort());
      expect((await c2.get<View>(`/api/applications/${id}`)).body.state).toBe('review');
      await c2.post('/api/dev/clock', { advance: 'PT3H' });
      const v = await waitFor(() => c2.get<View>(`/api/applications/${id}`), (r) => r.body.state === 'expired');
      expect(v.body.state).toBe('expired');
    } finally {
      await second.stop();
      await first.dropDatabase();
    }
  });
});
