-- AlterTable
ALTER TABLE "Event" ADD COLUMN "facts" TEXT;

-- CreateTable
CREATE TABLE "SlotCounter" (
    "officeCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("officeCode", "date", "session", "kind")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "officeCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL,
    "releasedAt" TEXT
);

-- CreateTable
CREATE TABLE "Payment" (
    "billingCode" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "expiresAt" TEXT NOT NULL,
    "paidAt" TEXT,
    "providerRef" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdAt" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "PaymentNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "providerRef" TEXT NOT NULL,
    "billingCode" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "body" TEXT NOT NULL,
    "receivedAt" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "QueueCounter" (
    "officeCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("officeCode", "date")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mime" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Booking_applicationId_status_idx" ON "Booking"("applicationId", "status");

-- CreateIndex
CREATE INDEX "Booking_officeCode_date_idx" ON "Booking"("officeCode", "date");

-- CreateIndex
CREATE INDEX "Payment_applicationId_idx" ON "Payment"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentNotice_providerRef_key" ON "PaymentNotice"("providerRef");

-- CreateIndex
CREATE INDEX "PaymentNotice_billingCode_idx" ON "PaymentNotice"("billingCode");

-- CreateIndex
CREATE INDEX "Document_applicationId_kind_idx" ON "Document"("applicationId", "kind");
