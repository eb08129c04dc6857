import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '../errors.ts';
import { providers } from '../testing/databases.ts';
import { openTestDb, type TestDb } from '../testing/harness.ts';
import {
  cleanFilename,
  detectDocumentType,
  documentPath,
  DOCUMENT_KINDS,
  DOCUMENT_MAX_BYTES,
  getDocument,
  listDocuments,
  missingDocuments,
  storeDocument,
  type DocumentDeps,
} from './documents.ts';

const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpeg = (n = 64) => Buffer.concat([Buffer.from(JPEG), randomBytes(n)]);
const png = (n = 64) => Buffer.concat([Buffer.from(PNG), randomBytes(n)]);
const pdf = () => Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const NOW = new Date('2026-03-02T01:02:03.000Z');

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('detectDocumentType, cleanFilename, documentPath', () => {
  it('tells JPEG, PNG and PDF by their first bytes only', () => {
    expect(detectDocumentType(jpeg())?.mime).toBe('image/jpeg');
    expect(detectDocumentType(png())?.mime).toBe('image/png');
    expect(detectDocumentType(pdf())?.mime).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from('hello, I am a .jpg'))).toBeNull();
    expect(detectDocumentType(Buffer.from([0xff, 0xd8]))).toBeNull(); // too short
    expect(detectDocumentType(Buffer.from('GIF89a...'))).toBeNull();
    expect(detectDocumentType(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(detectDocumentType(Buffer.alloc(0))).toBeNull();
  });

  it('keeps only a harmless label of the client’s file name', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\maria\\ktp scan.jpg')).toBe('ktp scan.jpg');
    expect(cleanFilename('a\u0000b\r\nc\u202egpj.exe')).toBe('abcgpj.exe');
    expect([...cleanFilename('x'.repeat(500))]).toHaveLength(200);
  });

  it('builds storage paths from hex digests only', () => {
    const h = sha(Buffer.from('x'));
    expect(documentPath('/data', h)).toBe(path.join('/data', 'documents', h.slice(0, 2), h));
    expect(() => documentPath('/data', '../../etc/passwd')).toThrow();
    expect(() => documentPath('/data', h.toUpperCase())).toThrow();
  });

  it('has the documented kinds and limit', () => {
    expect(DOCUMENT_KINDS).toEqual(['ktp', 'kk', 'birthProof', 'oldPassport', 'parentKtp', 'photo']);
    expect(DOCUMENT_MAX_BYTES).toBe(2 * 1024 * 1024);
  });
});

describe.each(providers())('documents storage and missingDocuments (%s)', (provider) => {
  let db: TestDb;
  let dataDir: string;
  let deps: DocumentDeps;

  beforeAll(async () => {
    db = await openTestDb(provider);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-docs-'));
    deps = { config: { dataDir, documentMaxBytes: 1000 }, sql: db.sql };
  });
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const store = (applicationId: string, kind: (typeof DOCUMENT_KINDS)[number], buffer: Buffer, originalName = 'scan.jpg') =>
    storeDocument(deps, { applicationId, kind, buffer, originalName, uploadedBy: 'user-1' }, NOW);

  it('stores the content under its sha256 and a row that lists and reads back', async () => {
    const appId = randomUUID();
    const bytes = png(200);
    const doc = await store(appId, 'kk', bytes, '../Kartu Keluarga.png');
    expect(doc).toEqual({ id: expect.any(String), kind: 'kk', size: bytes.length, sha256: sha(bytes), mime: 'image/png', createdAt: NOW.toISOString() });
    const file = documentPath(dataDir, doc.sha256);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const row = await getDocument(db.sql, doc.id);
    expect(row).toMatchObject({ applicationId: appId, kind: 'kk', filename: 'Kartu Keluarga.png', uploadedBy: 'user-1', size: bytes.length });
    expect((await listDocuments(db.sql, appId)).map((d) => d.id)).toEqual([doc.id]);
    expect(await getDocument(db.sql, randomUUID())).toBeUndefined();
  });

  it('stores the same content once however often it is uploaded, leaving no temporary files', async () => {
    const bytes = pdf();
    const before = filesUnder(path.join(dataDir, 'documents')).length;
    const [a, b, c] = await Promise.all([store(randomUUID(), 'ktp', bytes), store(randomUUID(), 'ktp', bytes), store(randomUUID(), 'birthProof', bytes)]);
    expect(new Set([a!.id, b!.id, c!.id]).size).toBe(3);
    expect(new Set([a!.sha256, b!.sha256, c!.sha256])).toEqual(new Set([sha(bytes)]));
    const after = filesUnder(path.join(dataDir, 'documents'));
    expect(after.length).toBe(before + 1);
    expect(after.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses content over the configured limit (413), not JPEG/PNG/PDF (415) and empty files (422); nothing is stored', async () => {
    const appId = randomUUID();
    const before = filesUnder(path.join(dataDir, 'documents')).length;
    const atLimit = jpeg(1000 - JPEG.length);
    expect((await store(appId, 'ktp', atLimit)).size).toBe(1000);
    const big = await rejection(store(appId, 'ktp', jpeg(1000 - JPEG.length + 1)));
    expect([big.status, big.code, big.extensions.maxBytes]).toEqual([413, 'file-too-large', 1000]);
    const text = await rejection(store(appId, 'ktp', Buffer.from('just text, named scan.jpg'), 'scan.jpg'));
    expect([text.status, text.code]).toEqual([415, 'unsupported-file-type']);
    expect(text.detail?.id).toContain('JPEG, PNG atau PDF');
    expect(text.detail?.en).toContain('JPEG, PNG or PDF');
    expect(text.extensions.allowed).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
    const empty = await rejection(store(appId, 'ktp', Buffer.alloc(0)));
    expect(empty).toBeInstanceOf(ValidationError);
    expect(empty.status).toBe(422);
    expect(filesUnder(path.join(dataDir, 'documents')).length).toBe(before + 1);
    expect((await listDocuments(db.sql, appId)).length).toBe(1);
  });

  describe('missingDocuments', () => {
    let appId: string;
    let ktp: string;
    let kk: string;
    let othersKtp: string;

    beforeAll(async () => {
      appId = randomUUID();
      ktp = (await store(appId, 'ktp', jpeg())).id;
      kk = (await store(appId, 'kk', png())).id;
      othersKtp = (await store(randomUUID(), 'ktp', jpeg())).id;
    });

    it('is empty when every required kind names a document of this application with that kind', async () => {
      expect(await missingDocuments(db.sql, appId, { ktp, kk, other: 'x' }, ['ktp', 'kk'])).toEqual([]);
      expect(await missingDocuments(db.sql, appId, {}, [])).toEqual([]);
    });

    it('reports a missing kind at /<kind>, in both languages', async () => {
      const errors = await missingDocuments(db.sql, appId, { ktp }, ['ktp', 'kk', 'birthProof']);
      expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
        ['/kk', 'required'],
        ['/birthProof', 'required'],
      ]);
      expect(errors[0]!.messages?.id).toContain('Kartu Keluarga');
      expect(errors[0]!.messages?.en).toContain('family card');
      expect(errors[0]!.message).toBe(errors[0]!.messages?.en);
    });

    it('treats empty strings and non-strings as missing', async () => {
      const errors = await missingDocuments(db.sql, appId, { ktp: '', kk: 42 }, ['ktp', 'kk']);
      expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
        ['/ktp', 'required'],
        ['/kk', 'required'],
      ]);
    });

    it('rejects an id of another application’s document or of no document as not found', async () => {
      const errors = await missingDocuments(db.sql, appId, { ktp: othersKtp, kk: randomUUID() }, ['ktp', 'kk']);
      expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
        ['/ktp', 'documentNotFound'],
        ['/kk', 'documentNotFound'],
      ]);
      expect(errors[0]!.messages?.id).toMatch(/tidak ditemukan/);
    });

    it('rejects a document of this application with another kind', async () => {
      const errors = await missingDocuments(db.sql, appId, { ktp: kk, kk }, ['ktp', 'kk', 'ktp']);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ pointer: '/ktp', keyword: 'documentKind' });
      expect(errors[0]!.messages?.en).toContain('not the ID card (KTP)');
    });
  });
});
