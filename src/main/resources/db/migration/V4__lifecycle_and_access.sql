-- Publishing lifecycle: versions, validity intervals (revision history), scheduled releases
-- (embargo), withdrawal; users with roles; audit log. See docs/storage.md.

-- Each observation row is one value of one key over a validity interval:
--   valid_from NULL                      a draft value, not published
--   valid_from <= now < valid_to (NULL)  the published value now
--   valid_from > now                     scheduled (embargoed) until valid_from
ALTER TABLE observation ADD COLUMN version integer;
ALTER TABLE observation ADD COLUMN valid_from timestamptz;
ALTER TABLE observation ADD COLUMN valid_to timestamptz;

ALTER TABLE dataset ADD COLUMN version integer NOT NULL DEFAULT 0;          -- last published version
ALTER TABLE dataset ADD COLUMN released_at timestamptz;                     -- when that version is (or was) released
ALTER TABLE dataset ADD COLUMN first_released_at timestamptz;               -- the dataset is public from then on
ALTER TABLE dataset ADD COLUMN draft_replaces boolean NOT NULL DEFAULT false; -- the draft is the whole next content
ALTER TABLE dataset ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE dataset ADD COLUMN withdrawal_reason text;
ALTER TABLE dataset DROP CONSTRAINT dataset_status_check;
ALTER TABLE dataset ADD CONSTRAINT dataset_status_check CHECK (status IN ('DRAFT', 'PUBLISHED', 'WITHDRAWN'));

UPDATE dataset SET version = 1, released_at = published_at, first_released_at = published_at
 WHERE status = 'PUBLISHED';
UPDATE observation o SET version = 1, valid_from = d.published_at
  FROM dataset d WHERE d.id = o.dataset_id AND d.status = 'PUBLISHED';

DROP INDEX observation_dataset_key;
CREATE UNIQUE INDEX observation_draft_key ON observation
    (dataset_id, ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period)
    WHERE valid_from IS NULL;
CREATE UNIQUE INDEX observation_open_key ON observation
    (dataset_id, ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period)
    WHERE valid_from IS NOT NULL AND valid_to IS NULL;
CREATE INDEX observation_changes ON observation (valid_from);
CREATE INDEX observation_closed ON observation (valid_to) WHERE valid_to IS NOT NULL;

-- Every publication, scheduled release and withdrawal; the newest effective one dates the data
-- (Last-Modified, ETag) without revealing a release that is still embargoed.
CREATE TABLE data_change (
    id           bigserial PRIMARY KEY,
    dataset_id   bigint      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    provider_id  text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('PUBLISH', 'WITHDRAW')),
    version      integer     NOT NULL,
    effective_at timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_change_effective ON data_change (effective_at);
INSERT INTO data_change (dataset_id, provider_id, kind, version, effective_at)
SELECT id, provider_id, 'PUBLISH', 1, published_at FROM dataset WHERE status = 'PUBLISHED';

CREATE TABLE app_user (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,                 -- bcrypt, Modular Crypt Format
    roles         text        NOT NULL,                 -- comma-separated: submitter, publisher, admin
    provider_id   text REFERENCES provider (id),
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_event (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    provider_id text,
    dataset_id  bigint,
    detail      text
);
CREATE INDEX audit_event_provider ON audit_event (provider_id, id);
