-- DropIndex
DROP INDEX "Application_flowKey_flowVersion_state_idx";

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "stateSince" TEXT;

-- CreateTable
CREATE TABLE "StateTally" (
    "flowKey" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "visits" INTEGER NOT NULL,

    CONSTRAINT "StateTally_pkey" PRIMARY KEY ("flowKey","flowVersion","state","shard")
);

-- CreateTable
CREATE TABLE "StayTally" (
    "flowKey" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "shard" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "StayTally_pkey" PRIMARY KEY ("flowKey","flowVersion","state","bucket","shard")
);

-- CreateTable
CREATE TABLE "AuditJob" (
    "id" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "checked" INTEGER NOT NULL,
    "events" INTEGER NOT NULL,
    "mismatches" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,
    "finishedAt" TEXT,

    CONSTRAINT "AuditJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditJob_startedAt_idx" ON "AuditJob"("startedAt");

-- CreateIndex
CREATE INDEX "Application_flowKey_flowVersion_state_stateSince_idx" ON "Application"("flowKey", "flowVersion", "state", "stateSince");

-- A database without applications has nothing to tally: mark the tallies built (an older database
-- builds them at start, server/runtime/state-tally.ts).
INSERT INTO "Setting" ("key", "value") SELECT 'state-tallies', 'built by migration' WHERE NOT EXISTS (SELECT 1 FROM "Application");
