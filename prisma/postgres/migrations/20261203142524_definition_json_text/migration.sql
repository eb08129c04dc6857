-- A definition is stored as the JSON text it was written as: jsonb sorts an object's keys, and the
-- order of a machine's states and events and of a form's fields is meaningful. (Definitions
-- stored before this keep the order jsonb gave them.)
-- AlterTable
ALTER TABLE "Definition" ALTER COLUMN "json" SET DATA TYPE TEXT;
