-- DropIndex
DROP INDEX "Event_at_idx";

-- CreateIndex
CREATE INDEX "Event_at_applicationId_seq_idx" ON "Event"("at", "applicationId", "seq");
