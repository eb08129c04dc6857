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
});
