import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { enqueueEmail } from './outbox.ts';

type OutboxRow = {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  payload: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  applicationId: string | null;
};

describe.each(providers())('outbox (%s)', (provider) => {
  let t: TestServer;
  beforeEach(async () => {
    // No workers: the dispatcher would send what these tests expect to find pending.
    t = await startTestServer({ provider, workers: false });
  });
  afterEach(async () => {
    await t.close();
  });

  it('enqueueEmail writes a pending row inside a transaction, and nothing when it rolls back', async () => {
    const now = new Date('2026-03-02T01:02:03.456Z');
    const id = await t.deps.sql.transaction((tx) =>
      enqueueEmail(tx, { to: 'a@example.id', subject: 'Hai', text: 'Isi', html: '<p>Isi</p>', applicationId: 'app-1' }, now),
    );
    const rows = await t.deps.sql.all<OutboxRow>('SELECT * FROM "Outbox"');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      kind: 'email',
      recipient: 'a@example.id',
      subject: 'Hai',
      body: 'Isi',
      status: 'pending',
      nextAttemptAt: now.toISOString(),
      createdAt: now.toISOString(),
      applicationId: 'app-1',
    });
    expect(Number(rows[0]!.attempts)).toBe(0);
    expect(JSON.parse(rows[0]!.payload)).toEqual({ html: '<p>Isi</p>' });

    await expect(
      t.deps.sql.transaction(async (tx) => {
        await enqueueEmail(tx, { to: 'b@example.id', subject: 'x', text: 'y' }, now);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.deps.sql.all('SELECT "id" FROM "Outbox"')).toHaveLength(1);

    // Outside a transaction, on the driver itself, too.
    await enqueueEmail(t.deps.sql, { to: 'c@example.id', subject: 'x', text: 'y' }, now);
    const c = await t.deps.sql.get<OutboxRow>('SELECT * FROM "Outbox" WHERE "recipient" = ?', ['c@example.id']);
    expect(JSON.parse(c!.payload)).toEqual({});
  });

  it('GET /api/dev/outbox lists emails newest first, filtered by recipient case-insensitively', async () => {
    const base = Date.parse('2026-03-02T00:00:00.000Z');
    await enqueueEmail(t.deps.sql, { to: 'Rina@Example.id', subject: 'satu', text: 'kode 111111' }, new Date(base));
    await enqueueEmail(t.deps.sql, { to: 'other@example.id', subject: 'lain', text: 'x' }, new Date(base + 1000));
    await enqueueEmail(t.deps.sql, { to: 'rina@example.id', subject: 'dua', text: 'kode 222222', html: '<b>222222</b>' }, new Date(base + 2000));

    const c = t.client();
    const r = await c.get<{ messages: Record<string, unknown>[] }>('/api/dev/outbox?to=RINA@example.ID');
    expect(r.status).toBe(200);
    expect(r.body.messages.map((m) => m.subject)).toEqual(['dua', 'satu']);
    expect(r.body.messages[0]).toMatchObject({
      to: 'rina@example.id',
      subject: 'dua',
      text: 'kode 222222',
      html: '<b>222222</b>',
      status: 'pending',
      attempts: 0,
      createdAt: new Date(base + 2000).toISOString(),
      sentAt: null,
    });
    expect(typeof r.body.messages[0]!.id).toBe('string');

    const all = await c.get<{ messages: { subject: string }[] }>('/api/dev/outbox');
    expect(all.body.messages.map((m) => m.subject)).toEqual(['dua', 'lain', 'satu']);
    expect((await c.get<{ messages: unknown[] }>('/api/dev/outbox?to=nobody@example.id')).body.messages).toEqual([]);
    expect((await c.get<{ messages: unknown[] }>('/api/dev/outbox?limit=1')).body.messages).toHaveLength(1);
    const bad = await c.get('/api/dev/outbox?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
