import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Params, SqlDriver, SqlRunner } from './sql.ts';

// COUNT(*) and other int8 results as numbers (they stay far below 2^53 here).
pg.types.setTypeParser(20, (v) => Number(v));

/** `?` placeholders → `$1…$n` (our SQL never has `?` inside string literals). */
function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const converted = new Map<string, { text: string; name: string }>();
function statement(sql: string) {
  let s = converted.get(sql);
  if (!s) {
    s = { text: toPg(sql), name: `q${createHash('sha1').update(sql).digest('hex').slice(0, 16)}` };
    converted.set(sql, s);
  }
  return s;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function runner(q: Queryable): SqlRunner {
  const exec = (sql: string, params: Params = []) => {
    const s = statement(sql);
    // Named statements are prepared once per connection and reused.
    return q.query({ name: s.name, text: s.text, values: params as unknown[] });
  };
  return {
    all: async <T>(sql: string, params?: Params) => (await exec(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: Params) => (await exec(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: Params) => (await exec(sql, params)).rowCount ?? 0,
  };
}

/** node-postgres pool; several server processes may share the database. */
export class PgDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly direct: SqlRunner;

  constructor(url: string, max = 10) {
    this.pool = new pg.Pool({ connectionString: url, max });
    this.pool.on('error', () => {}); // an idle client dropped by the server; the pool replaces it
    this.direct = runner(this.pool);
  }

  all<T>(sql: string, params?: Params) {
    return this.direct.all<T>(sql, params);
  }
  get<T>(sql: string, params?: Params) {
    return this.direct.get<T>(sql, params);
  }
  run(sql: string, params?: Params) {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(runner(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async close() {
    await this.pool.end();
  }
}
