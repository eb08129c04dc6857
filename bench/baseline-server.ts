/**
 * The baseline of bench:events: the minimal event path on the same stack — Express +
 * better-sqlite3 (WAL, synchronous=NORMAL): read the row, update it with a version check, insert
 * an event row, one transaction. Prints `LISTENING <port>` when ready.
 */
import { once } from 'node:events';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';

const dir = process.argv[2];
if (!dir) throw new Error('usage: baseline-server.ts <dir>');
const db = new Database(path.join(dir, 'baseline.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS app (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, data TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS event (app_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (app_id, seq));`);
const read = db.prepare('SELECT id, version, state, data FROM app WHERE id = ?');
const update = db.prepare('UPDATE app SET version = version + 1, state = ?, data = ? WHERE id = ? AND version = ?');
const insert = db.prepare('INSERT INTO event (app_id, seq, type, data) VALUES (?, ?, ?, ?)');
const create = db.prepare("INSERT OR IGNORE INTO app (id, version, state, data) VALUES (?, 1, 'a', '{}')");

const applyEvent = db.transaction((id: string, type: string, data: unknown) => {
  const row = read.get(id) as { version: number; state: string; data: string } | undefined;
  if (!row) return null;
  const next = row.state === 'a' ? 'b' : 'a';
  const merged = JSON.stringify({ ...JSON.parse(row.data), ...(data as object) });
  if (update.run(next, merged, id, row.version).changes !== 1) return null;
  insert.run(id, row.version + 1, type, JSON.stringify(data));
  return { id, state: next, version: row.version + 1 };
});
const app = express();
app.use(express.json());
app.post('/apps/:id', (req, res) => {
  create.run(req.params.id);
  res.status(201).json({ id: req.params.id });
});
app.post('/apps/:id/events', (req, res) => {
  const out = applyEvent.immediate(req.params.id, String(req.body?.type), req.body?.data ?? {});
  if (!out) res.status(409).json({ error: 'conflict' });
  else res.json(out);
});
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
console.log(`LISTENING ${(server.address() as { port: number }).port}`);
