import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '#machines/build.ts';
import type { DocumentKindDefinition } from '#machines/types.ts';
import { DomainError, ValidationError } from '../errors.ts';
import { providers } from '../testing/databases.ts';
import { openTestDb, type TestDb } from '../testing/harness.ts';
import {
  checkDocumentReferences,
  cleanFilename,
  declaredKind,
  detectDocumentType,
  documentPath,
  DOCUMENT_MAX_BYTES,
  getDocument,
  listDocuments,
  missingDocuments,
  storeDocument,
  type DocumentDeps,
} from './documents.ts';
import { DiskDocumentStorage } from './storage.ts';

const ANY_TYPE = ['image/jpeg', 'image/png', 'application/pdf'];
const kind = (id: string, en: string, extra: Partial<DocumentKindDefinition> = {}): DocumentKindDefinition => ({
  title: { id, en },
  types: ANY_TYPE,
  maxBytes: 2 * 1024 * 1024,
  uploadedBy: ['applicant'],
  ...extra,
});
/** A flow declaring its document kinds (only the definition's `documents` is read here). */
const flow = {
  bundle: {
    definition: {
      documents: {
        idCard: kind('Kartu identitas', 'ID card'),
        familyCard: kind('Kartu Keluarga (KK)', 'family card (KK)'),
        diploma: kind('Ijazah', 'diploma'),
        photo: kind('Foto', 'photo', { types: ['image/jpeg', 'image/png'], maxBytes: 500, uploadedBy: ['officer'] }),
      },
    },
  },
} as unknown as Flow;
type Kind = 'idCard' | 'familyCard' | 'diploma' | 'photo';

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

  it('caps any document at 20 MiB unless the deployment says less; a flow declares its kinds', () => {
    expect(DOCUMENT_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(declaredKind(flow, 'photo')?.types).toEqual(['image/jpeg', 'image/png']);
    expect(declaredKind(flow, 'passport')).toBeUndefined();
    expect(declaredKind(flow, 'toString')).toBeUndefined();
  });
});

describe.each(providers())('documents storage and missingDocuments (%s)', (provider) => {
  let db: TestDb;
  let dataDir: string;
  let deps: DocumentDeps;

  beforeAll(async () => {
    db = await openTestDb(provider);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-docs-'));
    // The disk storage on both databases (storage.test.ts covers the database storage).
    deps = { config: { documentMaxBytes: 1000 }, sql: db.sql, documents: new DiskDocumentStorage(dataDir) };
  });
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const store = (applicationId: string, kind: Kind, buffer: Buffer, originalName = 'scan.jpg') =>
    storeDocument(deps, { applicationId, kind, declaration: declaredKind(flow, kind)!, buffer, originalName, uploadedBy: 'user-1' }, NOW);

  it('stores the content under its sha256 and a row that lists and reads back', async () => {
    const appId = randomUUID();
    const bytes = png(200);
    const doc = await store(appId, 'familyCard', bytes, '../Kartu Keluarga.png');
    expect(doc).toEqual({ id: expect.any(String), kind: 'familyCard', size: bytes.length, sha256: sha(bytes), mime: 'image/png', createdAt: NOW.toISOString() });
    const file = documentPath(dataDir, doc.sha256);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const row = await getDocument(db.sql, doc.id);
    expect(row).toMatchObject({ applicationId: appId, kind: 'familyCard', filename: 'Kartu Keluarga.png', uploadedBy: 'user-1', size: bytes.length });
    expect((await listDocuments(db.sql, appId)).map((d) => d.id)).toEqual([doc.id]);
    expect(await getDocument(db.sql, randomUUID())).toBeUndefined();
  });

  it('stores the same content once however often it is uploaded, leaving no temporary files', async () => {
    const bytes = pdf();
    const before = filesUnder(path.join(dataDir, 'documents')).length;
    const [a, b, c] = await Promise.all([store(randomUUID(), 'idCard', bytes), store(randomUUID(), 'idCard', bytes), store(randomUUID(), 'diploma', bytes)]);
    expect(new Set([a!.id, b!.id, c!.id]).size).toBe(3);
    expect(new Set([a!.sha256, b!.sha256, c!.sha256])).toEqual(new Set([sha(bytes)]));
    const after = filesUnder(path.join(dataDir, 'documents'));
    expect(after.length).toBe(before + 1);
    expect(after.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("refuses a file over the kind's own limit (413) or of a type the kind does not take (415), naming what it takes", async () => {
    const appId = randomUUID();
    const big = await rejection(store(appId, 'photo', jpeg(501 - JPEG.length)));
    expect([big.status, big.code, big.extensions.maxBytes]).toEqual([413, 'file-too-large', 500]);
    const scan = await rejection(store(appId, 'photo', pdf()));
    expect([scan.status, scan.code, scan.extensions.allowed]).toEqual([415, 'unsupported-file-type', ['image/jpeg', 'image/png']]);
    expect(scan.detail?.id).toContain('JPEG atau PNG');
    expect(scan.detail?.en).toContain('JPEG or PNG');
    expect((await store(appId, 'photo', png(100))).mime).toBe('image/png');
  });

  it('refuses content over the configured limit (413), not JPEG/PNG/PDF (415) and empty files (422); nothing is stored', async () => {
    const appId = randomUUID();
    const before = filesUnder(path.join(dataDir, 'documents')).length;
    const atLimit = jpeg(1000 - JPEG.length);
    expect((await store(appId, 'idCard', atLimit)).size).toBe(1000);
    const big = await rejection(store(appId, 'idCard', jpeg(1000 - JPEG.length + 1)));
    expect([big.status, big.code, big.extensions.maxBytes]).toEqual([413, 'file-too-large', 1000]);
    const text = await rejection(store(appId, 'idCard', Buffer.from('just text, named scan.jpg'), 'scan.jpg'));
    expect([text.status, text.code]).toEqual([415, 'unsupported-file-type']);
    expect(text.detail?.id).toContain('JPEG, PNG atau PDF');
    expect(text.detail?.en).toContain('JPEG, PNG or PDF');
    expect(text.extensions.allowed).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
    const empty = await rejection(store(appId, 'idCard', Buffer.alloc(0)));
    expect(empty).toBeInstanceOf(ValidationError);
    expect(empty.status).toBe(422);
    expect(filesUnder(path.join(dataDir, 'documents')).length).toBe(before + 1);
    expect((await listDocuments(db.sql, appId)).length).toBe(1);
  });

  describe('missingDocuments', () => {
    let appId: string;
    let idCard: string;
    let familyCard: string;
    let othersIdCard: string;

    beforeAll(async () => {
      appId = randomUUID();
      idCard = (await store(appId, 'idCard', jpeg())).id;
      familyCard = (await store(appId, 'familyCard', png())).id;
      othersIdCard = (await store(randomUUID(), 'idCard', jpeg())).id;
    });

    it('is empty when every required kind names a document of this application with that kind', async () => {
      expect(await missingDocuments(db.sql, flow, appId, { idCard, familyCard, other: 'x' }, ['idCard', 'familyCard'])).toEqual([]);
      expect(await missingDocuments(db.sql, flow, appId, {}, [])).toEqual([]);
    });

    it('reports a missing kind at /<kind>, in both languages', async () => {
      const errors = await missingDocuments(db.sql, flow, appId, { idCard }, ['idCard', 'familyCard', 'diploma']);
      expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
        ['/familyCard', 'required'],
        ['/diploma', 'required'],
      ]);
      expect(errors[0]!.messages?.id).toContain('Kartu Keluarga');
      expect(errors[0]!.messages?.en).toContain('family card');
      expect(errors[0]!.message).toBe(errors[0]!.messages?.en);
    });

    it('treats empty strings and non-strings as missing', async () => {
      const errors = await missingDocuments(db.sql, flow, appId, { idCard: '', familyCard: 42 }, ['idCard', 'familyCard']);
      expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
        ['/idCard', 'required'],
        ['/familyCard', 'required'],
      ]);
    });

    it('rejects an id of another application’s document or of no document as not found', async () => {
      const errors = await missingDocuments(db.sql, flow, appId, { idCard: othersIdCard, familyCard: randomUUID() }, ['idCard', 'familyCard']);
      expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
        ['/idCard', 'documentNotFound'],
        ['/familyCard', 'documentNotFound'],
      ]);
      expect(errors[0]!.messages?.id).toMatch(/tidak ditemukan/);
    });

    it('rejects a document of this application with another kind', async () => {
      const errors = await missingDocuments(db.sql, flow, appId, { idCard: familyCard, familyCard }, ['idCard', 'familyCard', 'idCard']);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ pointer: '/idCard', keyword: 'documentKind' });
      expect(errors[0]!.messages?.en).toContain('This document is the family card (KK), not the ID card');
    });
  });

  it('checks every field named after a declared kind: it must hold a document of this application of that kind', async () => {
    const appId = randomUUID();
    const card = (await store(appId, 'idCard', jpeg())).id;
    const diploma = (await store(appId, 'diploma', pdf())).id;
    const elsewhere = (await store(randomUUID(), 'familyCard', png())).id;
    expect(await checkDocumentReferences(db.sql, flow, appId, { idCard: card, note: 'x', count: 3 })).toEqual([]);
    expect(await checkDocumentReferences(db.sql, flow, appId, { idCard: '' })).toEqual([]); // the form says whether it is required
    const errors = await checkDocumentReferences(db.sql, flow, appId, { idCard: diploma, familyCard: elsewhere, passport: 'whatever' });
    expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/idCard', 'documentKind'],
      ['/familyCard', 'documentNotFound'],
    ]);
  });
});
