-- CreateTable
CREATE TABLE "Draw" (
    "officeCode" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "opensAt" TEXT NOT NULL,
    "closesAt" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "seedHash" TEXT NOT NULL,
    "priorityPercent" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "places" INTEGER,
    "priorityPlaces" INTEGER,
    "resultHash" TEXT,
    "createdAt" TEXT NOT NULL,
    "drawnAt" TEXT,

    CONSTRAINT "Draw_pkey" PRIMARY KEY ("officeCode","id")
);

-- CreateTable
CREATE TABLE "DrawEntry" (
    "officeCode" TEXT NOT NULL,
    "drawId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "priority" TEXT,
    "createdAt" TEXT NOT NULL,
    "rank" INTEGER,
    "outcome" TEXT,
    "settledAt" TEXT,

    CONSTRAINT "DrawEntry_pkey" PRIMARY KEY ("officeCode","drawId","entryId")
);

-- CreateIndex
CREATE INDEX "Draw_status_closesAt_idx" ON "Draw"("status", "closesAt");

-- CreateIndex
CREATE INDEX "DrawEntry_applicationId_idx" ON "DrawEntry"("applicationId");

-- CreateIndex
CREATE INDEX "DrawEntry_officeCode_drawId_outcome_settledAt_idx" ON "DrawEntry"("officeCode", "drawId", "outcome", "settledAt");

-- CreateIndex
CREATE UNIQUE INDEX "DrawEntry_officeCode_drawId_identity_key" ON "DrawEntry"("officeCode", "drawId", "identity");
