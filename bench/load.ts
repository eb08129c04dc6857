/**
 * A bounded HTTP load loop: `concurrency` workers POST for `durationMs` (and at most `maxRequests`).
 * With several ports (several server processes), worker `w` keeps to `ports[w % ports.length]`:
 * a round robin by connection, as a simple balancer in front of the processes would do.
 */
import http from 'node:http';

export type LoadResult = {
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
  /** Mean size of a response body on the wire, bytes. */
  meanBytes: number;
};

export type Target = {
  ports: number[];
  path: (worker: number, i: number) => string;
  body: (worker: number, i: number) => string;
  headers: Record<string, string>;
  /** Told each answer's status (0: no answer), e.g. to choose the next event from where the application is now. */
  done?: (worker: number, i: number, status: number) => void;
};

function post(agent: http.Agent, port: number, t: Target, path: string, body: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...t.headers } },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runLoad(t: Target, opts: { concurrency: number; durationMs: number; maxRequests: number }): Promise<LoadResult> {
  const agents = t.ports.map(() => new http.Agent({ keepAlive: true, maxSockets: opts.concurrency }));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let sent = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async (w: number) => {
    const k = w % t.ports.length;
    for (let i = 0; performance.now() < deadline && sent < opts.maxRequests; i++) {
      sent++;
      const t0 = performance.now();
      const r = await post(agents[k]!, t.ports[k]!, t, t.path(w, i), t.body(w, i)).catch(() => ({ status: 0, bytes: 0 }));
      latencies.push(performance.now() - t0);
      t.done?.(w, i, r.status);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      bytes += r.bytes;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  for (const a of agents) a.destroy();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((n, [s, c]) => n + (Number(s) >= 200 && Number(s) < 300 ? c : 0), 0);
  return { ok, failed: sent - ok, seconds, perSecond: ok / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), statuses, meanBytes: sent ? bytes / sent : 0 };
}
