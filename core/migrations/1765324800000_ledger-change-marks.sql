-- Up Migration

-- Marks the ledger projection writes on every customer and invoice row a batch changes
-- (projections/src/ledger/ledgerProjection.ts): one value per batch, taken after the batch
-- holds its checkpoint, so a later batch always writes a larger mark. A reader that kept the
-- largest mark it has seen finds what changed since with `change_mark > seen`. Only the
-- projection (the owner) draws from it.
CREATE SEQUENCE ledger_change_marks;

-- Down Migration

DROP SEQUENCE ledger_change_marks;
