-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Definition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "title" JSONB NOT NULL,
    "json" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,
    "publishedAt" DATETIME,
    "publishedBy" TEXT
);
INSERT INTO "new_Definition" ("checksum", "createdAt", "createdBy", "id", "json", "key", "publishedAt", "publishedBy", "status", "title", "version") SELECT "checksum", "createdAt", "createdBy", "id", "json", "key", "publishedAt", "publishedBy", "status", "title", "version" FROM "Definition";
DROP TABLE "Definition";
ALTER TABLE "new_Definition" RENAME TO "Definition";
CREATE INDEX "Definition_key_status_idx" ON "Definition"("key", "status");
CREATE UNIQUE INDEX "Definition_key_version_key" ON "Definition"("key", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
