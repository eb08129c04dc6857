// Derives prisma/postgres/schema.prisma from the SQLite source schema.
// `--check` exits 1 when the derived file is out of date (CI).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const src = readFileSync('prisma/sqlite/schema.prisma', 'utf8');
const out =
  '// GENERATED from prisma/sqlite/schema.prisma by scripts/gen-pg-schema.mjs. Do not edit.\n' +
  src
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../../generated/sqlite"', 'output       = "../../generated/postgres"');
if (out === src) throw new Error('gen-pg-schema: nothing replaced; did the generator or datasource block change?');
const target = 'prisma/postgres/schema.prisma';
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== out) {
    console.error(`${target} is out of date: run node scripts/gen-pg-schema.mjs`);
    process.exit(1);
  }
} else if (!existsSync(target) || readFileSync(target, 'utf8') !== out) {
  writeFileSync(target, out);
}
