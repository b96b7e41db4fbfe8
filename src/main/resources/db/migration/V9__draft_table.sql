-- Drafts get a table of their own. In `observation` every draft row paid for the indexes of the
-- published values (primary key, two partial unique keys, the series index the queries use, the
-- measure index) and for the foreign key trigger, row by row: storing a 1,000,000-row upload took
-- 26 s, half of the upload. A draft is written many times (upload, fix, upload again) and
-- published once, so its rows now live here, and publishing moves them into `observation` (see
-- DatasetRepository.release). The one index is a BRIN on the dataset: an upload's rows are written
-- together, so block ranges find them, and it costs next to nothing to keep up (a b-tree on the
-- dataset took COPY of 1,000,000 rows from 2.0 s to 3.5 s).
--
-- One value per key and period is kept by the upload (R04 within a submission, and a merge that
-- updates the keys already in the draft) under the dataset's row lock, not by a unique index.
-- Rows go with their dataset: DatasetRepository.delete removes them (no foreign key, for the
-- per-row trigger it would fire).
CREATE TABLE observation_draft (
    dataset_id   bigint   NOT NULL,
    ref_area     text     NOT NULL,
    measure      text     NOT NULL,
    coop_type    text     NOT NULL,
    coop_level   text     NOT NULL,
    activity     text     NOT NULL,
    sex          text     NOT NULL,
    member_kind  text     NOT NULL,
    work_cat     text     NOT NULL,
    time_period  text     NOT NULL,
    period_start date     NOT NULL,
    period_end   date     NOT NULL,
    obs_value    numeric,
    obs_status   text     NOT NULL,
    conf_status  text     NOT NULL,
    unit_measure text     NOT NULL,
    unit_mult    smallint NOT NULL,
    comment_obs  text,
    deleted      boolean  NOT NULL DEFAULT false  -- SDMX-CSV ACTION D: publishing closes the key
);
CREATE INDEX observation_draft_dataset ON observation_draft USING brin (dataset_id)
    WITH (pages_per_range = 32, autosummarize = on);

INSERT INTO observation_draft (dataset_id, ref_area, measure, coop_type, coop_level, activity, sex,
                               member_kind, work_cat, time_period, period_start, period_end,
                               obs_value, obs_status, conf_status, unit_measure, unit_mult,
                               comment_obs, deleted)
SELECT dataset_id, ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat,
       time_period, period_start, period_end, obs_value, obs_status, conf_status, unit_measure,
       unit_mult, comment_obs, deleted
  FROM observation WHERE valid_from IS NULL;
DELETE FROM observation WHERE valid_from IS NULL;
DROP INDEX observation_draft_key;
-- Every row of `observation` is now published: it has a valid_from.
ALTER TABLE observation ADD CONSTRAINT observation_published CHECK (valid_from IS NOT NULL);
ALTER TABLE observation DROP COLUMN deleted;
