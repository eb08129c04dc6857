// `node --import tsx scripts/pg-cluster.ts`: starts a throwaway PostgreSQL 15 cluster, prints its
// superuser URL, and stops and deletes it on Ctrl-C / SIGTERM. For manual work, e.g.
//   PG_ADMIN_URL=<url> npm run db:migration <name>
//   DATABASE_URL=<url> npm run db:deploy
import { startPgCluster } from '../server/testing/pg-cluster.ts';

const cluster = await startPgCluster();
console.log(cluster.adminUrl);
console.error(`PostgreSQL is running (data in ${cluster.dir}); Ctrl-C stops it and deletes everything.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  console.error('stopped');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
setInterval(() => {}, 1 << 30); // stay alive until a signal
