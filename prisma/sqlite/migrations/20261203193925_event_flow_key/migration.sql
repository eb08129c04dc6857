-- AlterTable
ALTER TABLE "Event" ADD COLUMN "flowKey" TEXT NOT NULL DEFAULT '';

-- Each event gets its application's flow (by hand: the column is new, every row needs it, and a log whose application row is gone keeps '').
UPDATE "Event" SET "flowKey" = COALESCE((SELECT a."flowKey" FROM "Application" a WHERE a."id" = "Event"."applicationId"), '');

-- CreateIndex
CREATE INDEX "Event_flowKey_at_applicationId_seq_idx" ON "Event"("flowKey", "at", "applicationId", "seq");
