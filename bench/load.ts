/** A bounded HTTP load loop: `concurrency` workers POST for `durationMs` (and at most `maxRequests`). */
import http from 'node:http';

export type LoadResult = { ok: number; failed: number; seconds: number; perSecond: number; p50: number; p99: number; statuses: Record<number, number> };

export type Target = { port: number; path: (worker: number, i: number) => string; body: (worker: number, i: number) => string; headers: Record<string, string> };

function post(agent: http.Agent, t: Target, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...t.headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runLoad(t: Target, opts: { concurrency: number; durationMs: number; maxRequests: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let sent = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async (w: number) => {
    for (let i = 0; performance.now() < deadline && sent < opts.maxRequests; i++) {
      sent++;
      const t0 = performance.now();
      const status = await post(agent, t, t.path(w, i), t.body(w, i)).catch(() => 0);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((n, [s, c]) => n + (Number(s) >= 200 && Number(s) < 300 ? c : 0), 0);
  return { ok, failed: sent - ok, seconds, perSecond: ok / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), statuses };
}
