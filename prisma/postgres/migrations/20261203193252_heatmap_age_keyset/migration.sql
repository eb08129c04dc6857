-- DropIndex
DROP INDEX "Application_flowKey_flowVersion_state_stateSince_idx";

-- CreateIndex
CREATE INDEX "Application_flowKey_flowVersion_state_stateSince_id_idx" ON "Application"("flowKey", "flowVersion", "state", "stateSince", "id");
