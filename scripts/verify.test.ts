/** `npm run verify` as an operator runs it, against a database with real applications in it. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/config.ts';
import { PgDriver } from '../server/db/pg-driver.ts';
import type { SqlDriver } from '../server/db/sql.ts';
import { SqliteDriver } from '../server/db/sqlite-driver.ts';
import { providers } from '../server/testing/databases.ts';
import { startTestServer } from '../server/testing/harness.ts';

function runVerify(databaseUrl: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const data = { fullName: 'Agustina Mau', age: 40, email: 'agustina@example.id', officeCode: 'ATB' };

describe.each(providers())('npm run verify (%s)', (provider) => {
  it('passes on intact logs and names the changed event and the deleted application, in one job or in parallel jobs', async () => {
    const srv = await startTestServer({ provider });
    const c = srv.client();
    await c.signUp(`v-${provider}@example.id`);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const app = (await c.post<{ id: string }>('/api/applications', { flow: 'test-permit' })).body;
      await c.post(`/api/applications/${app.id}/events`, { type: 'SUBMIT', data: { ...data, age: 30 + i } });
      ids.push(app.id);
    }
    await srv.stop();
    try {
      // In parallel: two worker threads, each with its own connections and half of the ids.
      const clean = await runVerify(srv.databaseUrl, '--jobs', '2', '--progress');
      expect(clean.out).toMatch(/verified 3 application\(s\), 6 event\(s\) in \d+ ms in 2 jobs: all logs replay/);
      expect(clean.code).toBe(0);

      const sql: SqlDriver = provider === 'postgres' ? new PgDriver(srv.databaseUrl, 1) : new SqliteDriver(srv.databaseUrl);
      await sql.run('UPDATE "Event" SET "actorRole" = ? WHERE "applicationId" = ? AND "seq" = 2', ['officer', ids[1]!]);
      await sql.run('DELETE FROM "Application" WHERE "id" = ?', [ids[2]!]);
      await sql.close();
      for (const jobs of ['1', '2']) {
        const tampered = await runVerify(srv.databaseUrl, '--jobs', jobs);
        expect(tampered.code).toBe(1);
        expect(tampered.out).toMatch(new RegExp(`verified 3 application\\(s\\), 6 event\\(s\\) in \\d+ ms in ${jobs} jobs?: 2 application\\(s\\) with \\d+ mismatch`));
        expect(tampered.out).toContain(`MISMATCH ${ids[1]} seq 2`);
        expect(tampered.out.split(`MISMATCH ${ids[2]}: the log has events but the application row is missing`)).toHaveLength(2);
      }
      expect((await runVerify(srv.databaseUrl, '--jobs', '0')).code).toBe(2);
    } finally {
      await srv.dropDatabase();
    }
  }, 240_000); // four runs of the command, each loading the server's code (in each worker too)
});
