import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { openTestDb, type TestDb } from '../testing/harness.ts';
import { DatabaseDocumentStorage, DiskDocumentStorage, documentStorage, type DocumentStorage } from './storage.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `bytes` in pieces of `size` (not the storage's chunk size: puts must re-cut them). */
async function* pieces(bytes: Buffer, size = 777) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function* failingAfter(bytes: Buffer) {
  yield bytes;
  throw new Error('client went away');
}

async function read(stream: Readable | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

const filesUnder = (dir: string) => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
};

describe.each(providers())('document storage (%s)', (provider) => {
  let db: TestDb;
  let dataDir: string;
  const stores: Record<'disk' | 'database', () => DocumentStorage> = {
    disk: () => new DiskDocumentStorage(dataDir),
    // Small chunks, so a few kilobytes make many of them.
    database: () => new DatabaseDocumentStorage(db.sql, { chunkBytes: 1000 }),
  };

  beforeAll(async () => {
    db = await openTestDb(provider);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-storage-'));
  });
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is chosen by the database: rows on PostgreSQL, files beside SQLite', () => {
    expect(documentStorage(db.sql, dataDir).kind).toBe(provider === 'postgres' ? 'database' : 'disk');
  });

  describe.each(['disk', 'database'] as const)('%s', (kind) => {
    it('stores content under its sha256 and gives back the bytes, whole or any range', async () => {
      const storage = stores[kind]();
      const bytes = randomBytes(5_432);
      const put = await storage.put(pieces(bytes));
      expect(put).toEqual({ key: sha(bytes), size: bytes.length });
      expect(await storage.size(put.key)).toBe(bytes.length);
      expect((await read(await storage.get(put.key)))!.equals(bytes)).toBe(true);
      for (const [start, end] of [
        [0, 0],
        [999, 1000],
        [1000, 1999],
        [1500, 4321],
        [5_000, 5_431],
      ] as const) {
        expect((await read(await storage.get(put.key, { start, end })))!.equals(bytes.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
      }
    });

    it('keeps one copy of equal content, also when it is stored twice at once', async () => {
      const storage = stores[kind]();
      const bytes = randomBytes(3_100);
      const [a, b, c] = await Promise.all([storage.put(pieces(bytes)), storage.put(pieces(bytes, 50)), storage.put(pieces(bytes, 4096))]);
      expect(new Set([a!.key, b!.key, c!.key])).toEqual(new Set([sha(bytes)]));
      if (kind === 'database') {
        const rows = await db.sql.all<{ blobId: string }>('SELECT "blobId" FROM "DocumentContent" WHERE "key" = ?', [sha(bytes)]);
        expect(rows).toHaveLength(1);
        const chunks = await db.sql.all('SELECT "seq" FROM "DocumentChunk" WHERE "blobId" = ?', [rows[0]!.blobId]);
        expect(chunks).toHaveLength(4);
      } else {
        expect(filesUnder(path.join(dataDir, 'documents')).filter((f) => f === sha(bytes))).toHaveLength(1);
      }
      expect((await read(await storage.get(sha(bytes))))!.equals(bytes)).toBe(true);
    });

    it('leaves nothing behind when the content stream fails half-way', async () => {
      const storage = stores[kind]();
      const countChunks = () => db.sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "DocumentChunk"');
      const before = await countChunks();
      await expect(storage.put(failingAfter(randomBytes(2_500)))).rejects.toThrow('client went away');
      expect(await countChunks()).toEqual(before);
      expect(filesUnder(path.join(dataDir, 'documents')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it('deletes content; unknown and malformed keys are none', async () => {
      const storage = stores[kind]();
      const bytes = randomBytes(2_001);
      const { key } = await storage.put(pieces(bytes));
      await storage.delete(key);
      expect(await storage.size(key)).toBeUndefined();
      expect(await storage.get(key)).toBeUndefined();
      await storage.delete(key);
      expect(await storage.size('../../etc/passwd')).toBeUndefined();
      expect(await storage.get(sha(bytes).toUpperCase())).toBeUndefined();
      if (kind === 'database') expect(await db.sql.all('SELECT "seq" FROM "DocumentChunk" WHERE "blobId" NOT IN (SELECT "blobId" FROM "DocumentContent")')).toEqual([]);
    });
  });

  it('reads content stored on disk before the move to the database (the fallback)', async () => {
    const disk = new DiskDocumentStorage(dataDir);
    const storage = new DatabaseDocumentStorage(db.sql, { fallback: disk });
    const bytes = randomBytes(1_234);
    const { key } = await disk.put(pieces(bytes));
    expect(await storage.size(key)).toBe(bytes.length);
    expect((await read(await storage.get(key, { start: 10, end: 19 })))!.equals(bytes.subarray(10, 20))).toBe(true);
  });
});
