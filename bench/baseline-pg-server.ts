/**
 * The PostgreSQL baseline of bench:events: the minimal event path on the same stack — Express +
 * a raw `pg` pool (10 connections, as Alur's driver): in one transaction read the row (FOR
 * UPDATE), update it with a version check, insert an event row. Several processes may share one
 * database (the tables are created if missing). Prints `LISTENING <port>` when ready.
 */
import { once } from 'node:events';
import express from 'express';
import pg from 'pg';

const url = process.argv[2];
if (!url) throw new Error('usage: baseline-pg-server.ts <postgresql url>');
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS app (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, data TEXT NOT NULL);
                  CREATE TABLE IF NOT EXISTS event (app_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (app_id, seq));`);

async function applyEvent(id: string, type: string, data: unknown) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query<{ version: number; state: string; data: string }>({ name: 'read', text: 'SELECT version, state, data FROM app WHERE id = $1 FOR UPDATE', values: [id] });
    const row = rows[0];
    if (!row) {
      await c.query('ROLLBACK');
      return null;
    }
    const next = row.state === 'a' ? 'b' : 'a';
    const merged = JSON.stringify({ ...(JSON.parse(row.data) as object), ...(data as object) });
    const up = await c.query({ name: 'update', text: 'UPDATE app SET version = version + 1, state = $1, data = $2 WHERE id = $3 AND version = $4', values: [next, merged, id, row.version] });
    if (up.rowCount !== 1) {
      await c.query('ROLLBACK');
      return null;
    }
    await c.query({ name: 'insert', text: 'INSERT INTO event (app_id, seq, type, data) VALUES ($1, $2, $3, $4)', values: [id, row.version + 1, type, JSON.stringify(data)] });
    await c.query('COMMIT');
    return { id, state: next, version: row.version + 1 };
  } catch (error) {
    await c.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    c.release();
  }
}

const app = express();
app.use(express.json());
app.post('/apps/:id', async (req, res) => {
  await pool.query("INSERT INTO app (id, version, state, data) VALUES ($1, 1, 'a', '{}') ON CONFLICT (id) DO NOTHING", [req.params.id]);
  res.status(201).json({ id: req.params.id });
});
app.post('/apps/:id/events', async (req, res) => {
  const out = await applyEvent(req.params.id, String(req.body?.type), req.body?.data ?? {});
  if (!out) res.status(409).json({ error: 'conflict' });
  else res.json(out);
});
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
console.log(`LISTENING ${(server.address() as { port: number }).port}`);
const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
