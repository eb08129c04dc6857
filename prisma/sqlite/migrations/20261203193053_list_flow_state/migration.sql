-- CreateIndex
CREATE INDEX "Application_flowKey_state_updatedAt_id_idx" ON "Application"("flowKey", "state", "updatedAt", "id");
