import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

/** Phones on slow connections: text responses travel compressed when the client accepts it. */
describe('compressed responses', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ provider: 'sqlite', workers: false });
  });
  afterAll(() => srv?.close());

  it('gzips a large JSON answer for a client that accepts gzip, and the body is the same JSON', async () => {
    const plain = await fetch(`${srv.url}/api/offices`, { headers: { 'accept-encoding': 'identity' } });
    const plainText = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plainText.length).toBeGreaterThan(1024);

    // node's fetch would decompress by itself; a raw request shows what travels on the wire
    const { request } = await import('node:http');
    const wire = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request(`${srv.url}/api/offices`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(wire.encoding).toBe('gzip');
    expect(wire.body.length).toBeLessThan(plainText.length / 2);
    expect(JSON.parse(gunzipSync(wire.body).toString('utf8'))).toEqual(JSON.parse(plainText));
  });

  /** What travels on the wire for `path` with `accept-encoding` (node's fetch would decompress by itself). */
  async function wire(path: string, acceptEncoding: string) {
    const { request } = await import('node:http');
    return new Promise<{ encoding: string | undefined; vary: string | undefined; length: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request(`${srv.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary, length: res.headers['content-length'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends API answers under 1 kB as they are, even to a client that accepts gzip and brotli', async () => {
    const small = await wire('/api/health', 'gzip, deflate, br');
    expect(small.encoding).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ ok: true });
  });

  it('gzips API answers for a browser that also accepts brotli, with Vary and the compressed length', async () => {
    const r = await wire('/api/offices', 'gzip, deflate, br');
    expect(r.encoding).toBe('gzip');
    expect(r.vary).toMatch(/accept-encoding/i);
    expect(Number(r.length)).toBe(r.body.length);
    const plain = await (await fetch(`${srv.url}/api/offices`, { headers: { 'accept-encoding': 'identity' } })).json();
    expect(JSON.parse(gunzipSync(r.body).toString('utf8'))).toEqual(plain);
  });

  it('does not gzip for a client that refuses it (q=0) or accepts brotli only', async () => {
    for (const accept of ['gzip;q=0, identity', 'br']) {
      const r = await wire('/api/offices', accept);
      expect(r.encoding, accept).toBeUndefined();
      expect(JSON.parse(r.body.toString('utf8'))).toBeTruthy();
    }
  });
});
