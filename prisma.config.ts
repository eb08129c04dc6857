// Prisma CLI configuration (migrate, generate). The app itself builds its clients in server/db/.
// The flavour follows DATABASE_URL: postgres(ql):// → PostgreSQL, anything else → SQLite.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PgForMigrate, SQLiteForMigrate } from './prisma/migrate-adapters.ts';

const url = (process.env.DATABASE_URL ??= 'file:./data/alur.db');
const flavor = /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', flavor, 'schema.prisma'),
  migrations: { path: path.join('prisma', flavor, 'migrations') },
  adapter: async () => (flavor === 'postgres' ? new PgForMigrate(url) : new SQLiteForMigrate({ url })),
});
