-- Chunked loads in linear time, and publishing near COPY speed (issue #14, items 4-5).
--
-- A draft is found by key only through an index on the key, but a unique b-tree on the key kept up
-- row by row made COPY of 1,538,627 draft rows cost 7.5-7.9 s of PostgreSQL CPU instead of 1.6 s
-- (bench/RESULTS.md): a first upload would have paid five times its storage for merges it may
-- never need. So each dataset's draft is a partition of its own (observation_draft_<id>, attached
-- by the upload that first writes it, ObservationStaging.ensureDraftTable): a first or replacing
-- upload copies into a partition without the key index, and the first merge into a draft with rows
-- builds the index on that partition alone (once, proportional to the draft; later merges probe it
-- per staged row, proportional to the chunk). Readers keep naming observation_draft with the
-- dataset, which prunes to the partition.
ALTER TABLE observation_draft RENAME TO observation_draft_v15;
ALTER INDEX observation_draft_dataset RENAME TO observation_draft_v15_dataset;
CREATE TABLE observation_draft (LIKE observation_draft_v15 INCLUDING DEFAULTS)
    PARTITION BY LIST (dataset_id);

DO $$
DECLARE
    d bigint;
BEGIN
    FOR d IN SELECT DISTINCT dataset_id FROM observation_draft_v15 LOOP
        EXECUTE format('CREATE TABLE observation_draft_%s (LIKE observation_draft INCLUDING DEFAULTS)', d);
        EXECUTE format('ALTER TABLE observation_draft ATTACH PARTITION observation_draft_%s FOR VALUES IN (%s)', d, d);
    END LOOP;
END $$;

INSERT INTO observation_draft SELECT * FROM observation_draft_v15;
DROP TABLE observation_draft_v15;

-- The foreign key from observation to dataset checked every published row on its own: 40 of the
-- 104 s of a 1,538,627-row publish on a loaded machine (EXPLAIN ANALYZE: "Trigger for constraint
-- observation_dataset_id_fkey: calls=1538627"). Rows enter observation only by publishing a
-- dataset's draft under that dataset's row lock (ObservationLifecycle.release), so the dataset is
-- there; what the key still did is the cascade when a dataset is deleted, which this trigger does.
ALTER TABLE observation DROP CONSTRAINT observation_dataset_id_fkey;

CREATE FUNCTION delete_dataset_observations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM observation WHERE dataset_id = OLD.id;
    RETURN OLD;
END $$;

CREATE TRIGGER dataset_observations AFTER DELETE ON dataset
    FOR EACH ROW EXECUTE FUNCTION delete_dataset_observations();
