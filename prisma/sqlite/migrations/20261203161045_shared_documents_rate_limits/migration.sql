-- CreateTable
CREATE TABLE "DocumentContent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "blobId" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "chunkSize" INTEGER NOT NULL,
    "createdAt" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "DocumentChunk" (
    "blobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("blobId", "seq")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "hits" INTEGER NOT NULL,
    "resetAt" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "DocumentContent_blobId_key" ON "DocumentContent"("blobId");

-- CreateIndex
CREATE INDEX "RateLimit_resetAt_idx" ON "RateLimit"("resetAt");
