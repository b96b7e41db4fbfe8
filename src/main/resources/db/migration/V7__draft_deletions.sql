-- A draft row can be a deletion (SDMX-CSV ACTION D): publishing it closes the published value
-- of its key and the row goes away.
ALTER TABLE observation ADD COLUMN deleted boolean NOT NULL DEFAULT false;
