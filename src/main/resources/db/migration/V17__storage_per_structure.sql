-- Structures are data down to their storage (issue #15, item 1).
--
-- Each data structure keeps its values in tables of its own, with a column per dimension named as
-- the dimension (lower case): COOP_STATS in observation and observation_draft, as before; a new
-- structure in the tables create_observation_storage makes from its dimension rows. Separate tables
-- keep every structure's queries, keys and indexes its own (no structure column to filter on, no
-- other structure's rows to step over in an index), so adding a structure changes nothing for the
-- ones before it. Adding one is a migration alone: its code lists, its data_structure, dimension,
-- attribute and measure rows, then SELECT create_observation_storage('<ID>').
ALTER TABLE data_structure ADD COLUMN storage_table text UNIQUE
    CHECK (storage_table ~ '^[a-z][a-z0-9_]*$');
UPDATE data_structure SET storage_table = 'observation' WHERE id = 'COOP_STATS';

CREATE FUNCTION create_observation_storage(structure text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    published text := 'observation_' || lower(structure);
    draft text := published || '_draft';
    keys text;
    key_columns text;
    extra text;
BEGIN
    SELECT string_agg(lower(id), ', ' ORDER BY position),
           string_agg(format('%I text NOT NULL', lower(id)), ', ' ORDER BY position)
      INTO keys, key_columns
      FROM dimension WHERE structure_id = structure AND NOT time_dimension;
    IF keys IS NULL THEN
        RAISE EXCEPTION 'Structure % has no series dimension', structure;
    END IF;
    IF (SELECT count(*) FROM dimension WHERE structure_id = structure AND time_dimension) <> 1
       OR EXISTS (SELECT 1 FROM dimension WHERE structure_id = structure AND time_dimension
                  AND id <> 'TIME_PERIOD') THEN
        RAISE EXCEPTION 'Structure % needs one time dimension, TIME_PERIOD', structure;
    END IF;
    -- The standard attributes have columns of their own below; any other is a text column.
    SELECT coalesce(string_agg(format(', %I text', lower(id)), '' ORDER BY position), '')
      INTO extra FROM attribute
     WHERE structure_id = structure
       AND id NOT IN ('OBS_STATUS', 'CONF_STATUS', 'UNIT_MEASURE', 'UNIT_MULT', 'COMMENT_OBS');

    EXECUTE format(
        'CREATE TABLE %I (id bigint PRIMARY KEY DEFAULT nextval(''observation_id_seq''),'
        ' dataset_id bigint NOT NULL, %s, time_period text NOT NULL, period_start date NOT NULL,'
        ' period_end date NOT NULL, obs_value numeric, obs_status text NOT NULL,'
        ' conf_status text NOT NULL, unit_measure text NOT NULL, unit_mult smallint NOT NULL,'
        ' comment_obs text%s, version integer, valid_from timestamptz, valid_to timestamptz,'
        ' CONSTRAINT %I CHECK (valid_from IS NOT NULL))',
        published, key_columns, extra, published || '_published');
    EXECUTE format('CREATE INDEX %I ON %I (%s, period_start)', published || '_series', published, keys);
    EXECUTE format('CREATE UNIQUE INDEX %I ON %I (dataset_id, %s, time_period)'
        ' WHERE valid_from IS NOT NULL AND valid_to IS NULL', published || '_open_key', published, keys);
    EXECUTE format('CREATE INDEX %I ON %I (valid_from) WHERE valid_from IS NOT NULL',
        published || '_changes', published);
    EXECUTE format('CREATE INDEX %I ON %I (valid_to) WHERE valid_to IS NOT NULL',
        published || '_closed', published);
    EXECUTE format(
        'CREATE TABLE %I (dataset_id bigint NOT NULL, %s, time_period text NOT NULL,'
        ' obs_value numeric, obs_status text NOT NULL, conf_status text NOT NULL,'
        ' unit_measure text NOT NULL, unit_mult smallint NOT NULL, comment_obs text%s,'
        ' deleted boolean NOT NULL DEFAULT false) PARTITION BY LIST (dataset_id)',
        draft, key_columns, extra);
    UPDATE data_structure SET storage_table = published WHERE id = structure;
END $$;

-- Deleting a dataset deletes its values from its own structure's table.
CREATE OR REPLACE FUNCTION delete_dataset_observations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    published text;
BEGIN
    SELECT storage_table INTO published FROM data_structure WHERE id = OLD.structure_id;
    EXECUTE format('DELETE FROM %I WHERE dataset_id = $1', published) USING OLD.id;
    RETURN OLD;
END $$;
