import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/harness.ts';

type Problem = { type: string; title: string; status: number; detail?: string; errors?: { pointer: string; message: string }[]; allowed?: string[]; maxBytes?: number };
type Uploaded = { id: string; kind: string; size: number; sha256: string; mime: string };
type Listed = Uploaded & { filename: string; createdAt: string };

const MiB = 1024 * 1024;
const jpeg = (n = 256) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(n)]);
const png = (n = 256) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(n)]);
const pdf = () => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${randomUUID()}\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A buffer of exactly `size` bytes that starts like a JPEG. */
const jpegOfSize = (size: number) => {
  const b = Buffer.alloc(size, 0x20);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};

function form(fields: { kind?: string; file?: Buffer; name?: string; type?: string; fileField?: string; extraFile?: Buffer }): FormData {
  const f = new FormData();
  if (fields.kind !== undefined) f.append('kind', fields.kind);
  if (fields.file) f.append(fields.fileField ?? 'file', new Blob([new Uint8Array(fields.file)], { type: fields.type ?? 'application/octet-stream' }), fields.name ?? 'scan.bin');
  if (fields.extraFile) f.append('file', new Blob([new Uint8Array(fields.extraFile)]), 'second.jpg');
  return f;
}

/** The keys (sha256) of every content the server's document storage holds: files on disk (SQLite) or rows (PostgreSQL). */
async function storedContents(deps: TestServer['deps']): Promise<string[]> {
  if (deps.documents.kind === 'database') return (await deps.sql.all<{ key: string }>('SELECT "key" FROM "DocumentContent"')).map((r) => r.key);
  try {
    return readdirSync(path.join(deps.config.dataDir, 'documents'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

describe.each(providers())('documents over HTTP (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let owner: TestClient;
  let stranger: TestClient;
  let officer: TestClient;
  let auditor: TestClient;
  /** The owner's application, submitted to Atambua (the demo officer's office). */
  let atb: string;
  /** The owner's application, submitted to Kupang (not the demo officer's). */
  let kpg: string;

  const upload = (as: TestClient, appId: string, fields: Parameters<typeof form>[0], query = '') =>
    as.request<Uploaded & Problem>('POST', `/api/applications/${appId}/documents${query}`, undefined, { raw: form(fields) });

  /** A download as raw bytes (the harness client reads bodies as text). */
  async function download(as: TestClient, id: string, headers: Record<string, string> = {}) {
    const cookie = [...as.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${srv.url}/api/documents/${id}`, { headers: cookie ? { cookie, ...headers } : headers });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  async function newApplication(officeCode?: string): Promise<string> {
    const created = await owner.post<{ id: string }>('/api/applications', { flow: 'test-permit' });
    expect(created.status).toBe(201);
    if (officeCode) {
      const sent = await owner.post(`/api/applications/${created.body.id}/events`, {
        type: 'SUBMIT',
        data: { fullName: 'Maria Da Costa', age: 34, email: 'maria@example.id', officeCode },
      });
      expect(sent.status).toBe(200);
    }
    return created.body.id;
  }

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    owner = srv.client();
    await owner.signUp(`owner-${provider}@example.id`);
    stranger = srv.client();
    await stranger.signUp(`stranger-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
    auditor = srv.client();
    await auditor.loginAs('auditor');
    atb = await newApplication('ATB');
    kpg = await newApplication('KPG');
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('accepts a JPEG, a PNG and a PDF: 201 with size, sha256 and the type told by the content', async () => {
    const app = await newApplication();
    const cases = [
      { kind: 'idCard', file: jpeg(), name: 'id-card.jpg', mime: 'image/jpeg' },
      { kind: 'familyCard', file: png(), name: 'family.PNG', mime: 'image/png' },
      // A PDF named and declared as something else is still a PDF.
      { kind: 'diploma', file: pdf(), name: 'akta.jpeg', type: 'image/jpeg', mime: 'application/pdf' },
    ];
    const ids: string[] = [];
    for (const c of cases) {
      const r = await upload(owner, app, c);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: c.kind, size: c.file.length, sha256: sha(c.file), mime: c.mime });
      expect(r.headers.get('location')).toBe(`/api/documents/${r.body.id}`);
      ids.push(r.body.id);
    }
    const list = await owner.get<Listed[]>(`/api/applications/${app}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(list.body.find((d) => d.kind === 'familyCard')).toMatchObject({ filename: 'family.PNG', mime: 'image/png' });
  });

  it('refuses a text file named .jpg with 415 problem+json in both languages', async () => {
    const file = Buffer.from('this is not a picture\n');
    const r = await upload(owner, atb, { kind: 'idCard', file, name: 'id-card.jpg', type: 'image/jpeg' });
    expect(r.status).toBe(415);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.type).toMatch(/\/unsupported-file-type$/);
    expect(r.body.detail).toContain('JPEG, PNG atau PDF');
    expect(r.body.allowed).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
    const en = await upload(owner, atb, { kind: 'idCard', file, name: 'id-card.jpg', type: 'image/jpeg' }, '?lang=en');
    expect(en.body.detail).toContain('JPEG, PNG or PDF');
  });

  it('refuses a 3 MB file with 413 problem+json and keeps serving', async () => {
    const r = await upload(owner, atb, { kind: 'idCard', file: jpegOfSize(3 * MiB), name: 'big.jpg' });
    expect(r.status).toBe(413);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.type).toMatch(/\/file-too-large$/);
    expect(r.body.maxBytes).toBe(2 * MiB);
    expect(r.body.detail).toContain('2 MB');
    expect((await owner.get('/api/health')).status).toBe(200);
    const small = await upload(owner, atb, { kind: 'idCard', file: jpeg(), name: 'id-card.jpg' });
    expect(small.status).toBe(201);
  });

  it('takes exactly 2 MiB and refuses one byte more', async () => {
    const ok = await upload(owner, atb, { kind: 'idCard', file: jpegOfSize(2 * MiB), name: 'max.jpg' });
    expect(ok.status).toBe(201);
    expect(ok.body.size).toBe(2 * MiB);
    const over = await upload(owner, atb, { kind: 'idCard', file: jpegOfSize(2 * MiB + 1), name: 'over.jpg' });
    expect(over.status).toBe(413);
    expect(over.body.type).toMatch(/\/file-too-large$/);
  });

  it('answers a missing file, an unknown kind and bad multipart with 4xx problems, never 500', async () => {
    const noFile = await upload(owner, atb, { kind: 'idCard' });
    expect(noFile.status).toBe(422);
    expect(noFile.body.errors?.map((e) => e.pointer)).toEqual(['/file']);
    const badKind = await upload(owner, atb, { kind: 'selfie', file: jpeg() });
    expect(badKind.status).toBe(422);
    expect(badKind.body.errors?.map((e) => e.pointer)).toEqual(['/kind']);
    const neither = await upload(owner, atb, {});
    expect(neither.body.errors?.map((e) => e.pointer)).toEqual(['/kind', '/file']);
    const json = await owner.post<Problem>(`/api/applications/${atb}/documents`, { kind: 'idCard' });
    expect(json.status).toBe(422);
    expect(json.body.errors?.map((e) => e.pointer)).toEqual(['/file']);

    const twoFiles = await upload(owner, atb, { kind: 'idCard', file: jpeg(), extraFile: jpeg() });
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.contentType).toContain('application/problem+json');
    const otherField = await upload(owner, atb, { kind: 'idCard', file: jpeg(), fileField: 'upload' });
    expect(otherField.status).toBe(400);
    const longKind = await upload(owner, atb, { kind: 'k'.repeat(1000), file: jpeg() });
    expect(longKind.status).toBe(400);
    const garbage = await owner.request<Problem>('POST', `/api/applications/${atb}/documents`, undefined, {
      raw: '--xyz\r\nContent-Disposition: form-data; name="kind"\r\n\r\nidCard\r\n--xyz\r\nbroken',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.body.type).toMatch(/\/malformed-multipart$/);
    const noBoundary = await owner.request<Problem>('POST', `/api/applications/${atb}/documents`, undefined, {
      raw: 'abc',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.status).toBe(400);
  });

  it('lets the owner download the exact bytes as an attachment with nosniff', async () => {
    const bytes = png(5000);
    const up = await upload(owner, atb, { kind: 'familyCard', file: bytes, name: '"><script>alert(1)</script>.html' });
    expect(up.status).toBe(201);
    const r = await download(owner, up.body.id);
    expect(r.status).toBe(200);
    expect(r.bytes.equals(bytes)).toBe(true);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="familyCard-${up.body.id.slice(0, 8)}.png"`);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(r.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('stores content in the database on PostgreSQL and on disk beside SQLite, and serves byte ranges', async () => {
    expect(srv.deps.documents.kind).toBe(provider === 'postgres' ? 'database' : 'disk');
    // Over 256 KiB: several chunks in the database.
    const bytes = jpeg(700 * 1024);
    const up = await upload(owner, atb, { kind: 'idCard', file: bytes });
    expect(up.status).toBe(201);
    expect(await storedContents(srv.deps)).toContain(sha(bytes));
    expect((await download(owner, up.body.id)).bytes.equals(bytes)).toBe(true);
    const middle = await download(owner, up.body.id, { range: 'bytes=262140-524300' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 262140-524300/${bytes.length}`);
    expect(middle.bytes.equals(bytes.subarray(262140, 524301))).toBe(true);
    const tail = await download(owner, up.body.id, { range: 'bytes=-10' });
    expect([tail.status, tail.bytes.equals(bytes.subarray(-10))]).toEqual([206, true]);
    const beyond = await download(owner, up.body.id, { range: `bytes=${bytes.length}-` });
    expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, `bytes */${bytes.length}`]);
  });

  it('hides another applicant’s application and documents (404) and takes no upload to it', async () => {
    const up = await upload(owner, atb, { kind: 'idCard', file: jpeg() });
    expect(up.status).toBe(201);
    const before = (await storedContents(srv.deps)).length;
    const attempt = await upload(stranger, atb, { kind: 'idCard', file: jpeg() });
    expect(attempt.status).toBe(404);
    expect(attempt.contentType).toContain('application/problem+json');
    // Refused before the body is read; a large body is drained and the connection stays usable.
    const big = await upload(stranger, atb, { kind: 'idCard', file: jpegOfSize(3 * MiB) });
    expect(big.status).toBe(404);
    expect((await stranger.get('/api/health')).status).toBe(200);
    expect((await storedContents(srv.deps)).length).toBe(before);
    expect((await download(stranger, up.body.id)).status).toBe(404);
    expect((await stranger.get(`/api/applications/${atb}/documents`)).status).toBe(404);
    expect((await download(srv.client(), up.body.id)).status).toBe(401);
    expect((await download(owner, randomUUID())).status).toBe(404);
    expect((await download(owner, 'not-a-uuid')).status).toBe(404);
    expect((await upload(owner, randomUUID(), { kind: 'idCard', file: jpeg() })).status).toBe(404);
  });

  it('lets staff who see the application download; an officer of another office gets 404', async () => {
    const here = await upload(owner, atb, { kind: 'idCard', file: jpeg() });
    const there = await upload(owner, kpg, { kind: 'idCard', file: jpeg() });
    expect([here.status, there.status]).toEqual([201, 201]);
    expect((await download(officer, here.body.id)).status).toBe(200);
    expect((await download(auditor, there.body.id)).status).toBe(200);
    expect((await download(officer, there.body.id)).status).toBe(404);
    expect((await officer.get(`/api/applications/${kpg}/documents`)).status).toBe(404);
    expect((await upload(officer, kpg, { kind: 'photo', file: jpeg() })).status).toBe(404);
  });

  it('takes the photo from an officer of the office only, and the other kinds from the owner only', async () => {
    const photo = await upload(officer, atb, { kind: 'photo', file: jpeg() });
    expect(photo.status).toBe(201);
    expect((await download(owner, photo.body.id)).status).toBe(200);
    expect((await upload(officer, atb, { kind: 'idCard', file: jpeg() })).status).toBe(403);
    expect((await upload(owner, atb, { kind: 'photo', file: jpeg() })).status).toBe(403);
    expect((await upload(auditor, atb, { kind: 'idCard', file: jpeg() })).status).toBe(403);
  });

  it('answers 404, not 500, when a document’s content is missing from the storage', async () => {
    const bytes = jpeg();
    const up = await upload(owner, atb, { kind: 'idCard', file: bytes });
    await srv.deps.documents.delete(up.body.sha256);
    const r = await owner.get<Problem>(`/api/documents/${up.body.id}`);
    expect(r.status).toBe(404);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.headers.get('content-disposition')).toBeNull();
  });

  it('stores the same content once', async () => {
    const bytes = pdf();
    const before = (await storedContents(srv.deps)).length;
    const a = await upload(owner, atb, { kind: 'idCard', file: bytes, name: 'a.pdf' });
    const b = await upload(owner, kpg, { kind: 'diploma', file: bytes, name: 'b.pdf' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.sha256).toBe(b.body.sha256);
    const after = await storedContents(srv.deps);
    expect(after.length).toBe(before + 1);
    expect(after.filter((n) => n === sha(bytes))).toHaveLength(1);
    expect((await download(owner, b.body.id)).bytes.equals(bytes)).toBe(true);
  });
});
