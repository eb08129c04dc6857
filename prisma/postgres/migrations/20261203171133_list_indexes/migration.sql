-- DropIndex
DROP INDEX "Application_lookupCode_idx";

-- DropIndex
DROP INDEX "Application_officeCode_scheduledDate_idx";

-- DropIndex
DROP INDEX "Application_ownerId_idx";

-- DropIndex
DROP INDEX "Application_status_idx";

-- DropIndex
DROP INDEX "Awaiting_role_grp_since_idx";

-- CreateIndex
CREATE INDEX "Application_updatedAt_id_createdAt_idx" ON "Application"("updatedAt", "id", "createdAt");

-- CreateIndex
CREATE INDEX "Application_ownerId_updatedAt_id_idx" ON "Application"("ownerId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_officeCode_updatedAt_id_idx" ON "Application"("officeCode", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_officeCode_scheduledDate_updatedAt_id_idx" ON "Application"("officeCode", "scheduledDate", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_status_updatedAt_id_idx" ON "Application"("status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_officeCode_status_updatedAt_id_idx" ON "Application"("officeCode", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_lookupCode_updatedAt_id_idx" ON "Application"("lookupCode", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_flowKey_updatedAt_id_idx" ON "Application"("flowKey", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_flowKey_status_updatedAt_id_idx" ON "Application"("flowKey", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Application_flowKey_flowVersion_updatedAt_id_createdAt_idx" ON "Application"("flowKey", "flowVersion", "updatedAt", "id", "createdAt");

-- CreateIndex
CREATE INDEX "Awaiting_role_grp_since_applicationId_idx" ON "Awaiting"("role", "grp", "since", "applicationId");

-- CreateIndex
CREATE INDEX "Awaiting_role_grp_officeCode_since_applicationId_idx" ON "Awaiting"("role", "grp", "officeCode", "since", "applicationId");
