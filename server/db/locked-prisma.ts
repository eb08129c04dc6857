import type { Db } from './client.ts';
import type { WriteLock } from './write-lock.ts';

const WRITES = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);

/**
 * SQLite only: every Prisma write takes the process write lock shared with the event store's
 * driver (see write-lock.ts). Interactive `$transaction`s are not used with this client.
 */
export function withWriteLock(prisma: Db, lock: WriteLock): Db {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ operation, args, query }) {
          return WRITES.has(operation) ? lock.run(() => query(args)) : query(args);
        },
      },
      $executeRaw({ args, query }) {
        return lock.run(() => query(args));
      },
      $executeRawUnsafe({ args, query }) {
        return lock.run(() => query(args));
      },
    },
  }) as unknown as Db;
}
