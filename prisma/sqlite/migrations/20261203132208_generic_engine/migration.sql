-- Written by hand (Prisma's diff would rebuild "Application" and drop the renamed columns' data).

-- The application's lookup columns get generic names: a flow's staff.lookup says what fills them.
ALTER TABLE "Application" RENAME COLUMN "appointmentDate" TO "scheduledDate";
ALTER TABLE "Application" RENAME COLUMN "queueCode" TO "lookupCode";
DROP INDEX "Application_officeCode_appointmentDate_idx";
DROP INDEX "Application_queueCode_idx";
CREATE INDEX "Application_officeCode_scheduledDate_idx" ON "Application"("officeCode", "scheduledDate");
CREATE INDEX "Application_lookupCode_idx" ON "Application"("lookupCode");

-- Staff groups.
ALTER TABLE "User" ADD COLUMN "groups" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "Awaiting" (
    "applicationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "grp" TEXT NOT NULL,
    "officeCode" TEXT,
    "since" TEXT NOT NULL,

    PRIMARY KEY ("applicationId", "role", "grp")
);

-- CreateTable
CREATE TABLE "StaffChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Awaiting_role_grp_since_idx" ON "Awaiting"("role", "grp", "since");

-- CreateIndex
CREATE INDEX "StaffChange_userId_at_idx" ON "StaffChange"("userId", "at");
