-- CreateTable
CREATE TABLE "DocumentContent" (
    "key" TEXT NOT NULL,
    "blobId" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "chunkSize" INTEGER NOT NULL,
    "createdAt" TEXT NOT NULL,

    CONSTRAINT "DocumentContent_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "DocumentChunk" (
    "blobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "DocumentChunk_pkey" PRIMARY KEY ("blobId","seq")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "resetAt" TEXT NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "DocumentContent_blobId_key" ON "DocumentContent"("blobId");

-- CreateIndex
CREATE INDEX "RateLimit_resetAt_idx" ON "RateLimit"("resetAt");

-- Document content is JPEG, PNG or PDF: already compressed, so TOAST stores it out of line without trying to compress it.
ALTER TABLE "DocumentChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;
