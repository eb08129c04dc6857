// CLI-only driver adapters for `prisma migrate` with Prisma 6.19: each subclass works around
// an adapter bug (see ../shared/anchors/toolchain.md). The application uses the stock adapters.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

// (1) The SQLite shadow database runs migration.sql through prepare(): multi-statement SQL fails.
export class SQLiteForMigrate extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const shadow = await super.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (q) => {
      if (q.args.length > 0) return executeRaw(q);
      await shadow.executeScript(q.sql);
      return 0;
    };
    return shadow;
  }
}

// (2) prisma/orm#27403: adapter-pg cannot map the catalog types name (19) and "char" (18): report them as text.
type WithFields = { fields?: { dataTypeID: number }[] };
const asText = <T extends WithFields>(res: T): T => {
  for (const f of res?.fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
  return res;
};
class CatalogSafeClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const cb = typeof args.at(-1) === 'function' ? args.pop() : undefined;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const query = super.query as (...a: any[]) => any;
    if (cb) return query.call(this, ...args, (err: unknown, res: WithFields) => cb(err, err ? res : asText(res)));
    const r = query.apply(this, args);
    return r && typeof r.then === 'function' ? r.then(asText) : r;
  }
}

// (3)+(4) The stock shadow database is dropped while its pool is still connected, and pg lets the
// connection string override `database`, so a stock shadow would point at the main database.
export class PgForMigrate extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url, Client: CatalogSafeClient, allowExitOnIdle: true } as pg.PoolConfig);
  }
  override async connectToShadowDb() {
    const admin = await this.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const u = new URL(this.url);
    u.pathname = `/${name}`;
    const shadow = await new PgForMigrate(u.toString()).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    };
    return shadow;
  }
}
