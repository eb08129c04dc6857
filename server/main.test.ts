/**
 * `npm start` as a user runs it: a fresh DATA_DIR serves /api/flows within 30 s; a second start
 * on the same data changes nothing and keeps every application.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.ts';
import { DEMO_ACCOUNTS } from './db/seed.ts';
import { freePort } from './testing/pg-cluster.ts';
import { TestClient } from './testing/harness.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-start-'));
let child: ChildProcess | null = null;

async function startServer(port: number): Promise<{ ms: number; log: () => string }> {
  const started = Date.now();
  let out = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DEFINITIONS_DIR: path.join(REPO_ROOT, 'machines/fixtures/definitions'),
      FORMS_DIR: path.join(REPO_ROOT, 'machines/fixtures/forms'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = started + 30_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/flows`);
      if (r.status === 200) return { ms: Date.now() - started, log: () => out };
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no /api/flows within 30 s:\n${out}`);
}

async function stopServer() {
  const c = child;
  child = null;
  if (!c || c.exitCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  await exited;
}

afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('starting the server', () => {
  it('serves /api/flows within 30 s on a fresh DATA_DIR, and a restart keeps everything', async () => {
    const port = await freePort();
    const first = await startServer(port);
    expect(first.ms).toBeLessThan(30_000);
    const c = new TestClient(`http://127.0.0.1:${port}`);
    const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!;
    await c.login(applicant.email, applicant.password);
    const created = await c.post<{ id: string }>('/api/applications', { flow: 'test-permit' });
    expect(created.status).toBe(201);
    const flowsBefore = (await c.get('/api/flows')).body;
    await stopServer();

    const second = await startServer(port);
    expect(second.log()).not.toMatch(/published shipped definition/);
    const c2 = new TestClient(`http://127.0.0.1:${port}`);
    await c2.login(applicant.email, applicant.password);
    expect((await c2.get('/api/flows')).body).toEqual(flowsBefore);
    const again = await c2.get<{ id: string; state: string }>(`/api/applications/${created.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('draft');
    await stopServer();
  });
});
