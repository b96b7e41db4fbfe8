\timing on
DROP TABLE IF EXISTS observation_draft;
CREATE TABLE observation_draft (
    dataset_id bigint NOT NULL, ref_area text NOT NULL, measure text NOT NULL, coop_type text NOT NULL,
    coop_level text NOT NULL, activity text NOT NULL, sex text NOT NULL, member_kind text NOT NULL,
    work_cat text NOT NULL, time_period text NOT NULL, obs_value numeric, obs_status text NOT NULL,
    conf_status text NOT NULL, unit_measure text NOT NULL, unit_mult smallint NOT NULL,
    comment_obs text, deleted boolean NOT NULL DEFAULT false)
  WITH (autovacuum_enabled = off);
CREATE INDEX observation_draft_dataset ON observation_draft USING brin (dataset_id)
    WITH (pages_per_range = 32, autosummarize = on);
-- dataset 1: a 1,000,000-row draft, analysed, then published (moved out)
INSERT INTO observation_draft SELECT 1, 'A'||(i%200), 'M'||(i/200%50), '_T','_T','_T','_T','_T','_T',
  (2000 + i/10000)::text, i, 'A','F','PS',0,NULL,false FROM generate_series(0,999999) i;
ANALYZE observation_draft;
DELETE FROM observation_draft WHERE dataset_id = 1;
-- dataset 2: a fresh 1,000,000-row draft written by COPY, no analyse since
INSERT INTO observation_draft SELECT 2, 'A'||(i%200), 'M'||(i/200%50), '_T','_T','_T','_T','_T','_T',
  (2000 + i/10000)::text, i, 'A','F','PS',0,NULL,false FROM generate_series(0,999999) i;
-- the merge upload: 20,000 staged rows, all keys already in the draft
CREATE TEMP TABLE staging (LIKE observation_draft);
INSERT INTO staging SELECT * FROM observation_draft WHERE dataset_id = 2 AND obs_value < 20000;
UPDATE staging SET obs_value = obs_value + 1;
ANALYZE staging;
SET work_mem = '64MB';
SET statement_timeout = '60s';
\echo '--- as before: planner free to pick a nested loop'
EXPLAIN UPDATE observation_draft d SET obs_value = s.obs_value FROM staging s
 WHERE d.dataset_id = 2 AND d.ref_area = s.ref_area AND d.measure = s.measure AND d.coop_type = s.coop_type
   AND d.coop_level = s.coop_level AND d.activity = s.activity AND d.sex = s.sex
   AND d.member_kind = s.member_kind AND d.work_cat = s.work_cat AND d.time_period = s.time_period;
BEGIN;
UPDATE observation_draft d SET obs_value = s.obs_value FROM staging s
 WHERE d.dataset_id = 2 AND d.ref_area = s.ref_area AND d.measure = s.measure AND d.coop_type = s.coop_type
   AND d.coop_level = s.coop_level AND d.activity = s.activity AND d.sex = s.sex
   AND d.member_kind = s.member_kind AND d.work_cat = s.work_cat AND d.time_period = s.time_period;
ROLLBACK;
\echo '--- with SET LOCAL enable_nestloop = off'
BEGIN;
SET LOCAL enable_nestloop = off;
EXPLAIN UPDATE observation_draft d SET obs_value = s.obs_value FROM staging s
 WHERE d.dataset_id = 2 AND d.ref_area = s.ref_area AND d.measure = s.measure AND d.coop_type = s.coop_type
   AND d.coop_level = s.coop_level AND d.activity = s.activity AND d.sex = s.sex
   AND d.member_kind = s.member_kind AND d.work_cat = s.work_cat AND d.time_period = s.time_period;
UPDATE observation_draft d SET obs_value = s.obs_value FROM staging s
 WHERE d.dataset_id = 2 AND d.ref_area = s.ref_area AND d.measure = s.measure AND d.coop_type = s.coop_type
   AND d.coop_level = s.coop_level AND d.activity = s.activity AND d.sex = s.sex
   AND d.member_kind = s.member_kind AND d.work_cat = s.work_cat AND d.time_period = s.time_period;
EXPLAIN INSERT INTO observation_draft SELECT * FROM staging s WHERE NOT EXISTS (SELECT 1 FROM observation_draft d
 WHERE d.dataset_id = 2 AND d.ref_area = s.ref_area AND d.measure = s.measure AND d.coop_type = s.coop_type
   AND d.coop_level = s.coop_level AND d.activity = s.activity AND d.sex = s.sex
   AND d.member_kind = s.member_kind AND d.work_cat = s.work_cat AND d.time_period = s.time_period);
INSERT INTO observation_draft SELECT * FROM staging s WHERE NOT EXISTS (SELECT 1 FROM observation_draft d
 WHERE d.dataset_id = 2 AND d.ref_area = s.ref_area AND d.measure = s.measure AND d.coop_type = s.coop_type
   AND d.coop_level = s.coop_level AND d.activity = s.activity AND d.sex = s.sex
   AND d.member_kind = s.member_kind AND d.work_cat = s.work_cat AND d.time_period = s.time_period);
ROLLBACK;
