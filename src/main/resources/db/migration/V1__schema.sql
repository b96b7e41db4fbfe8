-- CoopStats storage. See docs/storage.md for how versions, revisions and embargoes fit in.

-- Code lists are data: a new classification is rows here, not code.
CREATE TABLE code_list (
    id          text PRIMARY KEY,                 -- e.g. CL_AREA
    agency      text NOT NULL DEFAULT 'COOPSTATS',
    version     text NOT NULL DEFAULT '1.0',
    name_en     text NOT NULL,
    name_fr     text,
    name_es     text,
    description text
);

CREATE TABLE code (
    code_list_id text NOT NULL REFERENCES code_list (id),
    id           text NOT NULL,
    name_en      text NOT NULL,
    name_fr      text,
    name_es      text,
    parent_id    text,
    sort_order   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (code_list_id, id),
    FOREIGN KEY (code_list_id, parent_id) REFERENCES code (code_list_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- The data structure definition (SDMX DSD) and its components.
CREATE TABLE data_structure (
    id          text PRIMARY KEY,
    agency      text NOT NULL DEFAULT 'COOPSTATS',
    version     text NOT NULL DEFAULT '1.0',
    name_en     text NOT NULL,
    description text
);

CREATE TABLE dimension (
    structure_id   text    NOT NULL REFERENCES data_structure (id),
    id             text    NOT NULL,
    position       integer NOT NULL,
    code_list_id   text REFERENCES code_list (id),  -- NULL for TIME_PERIOD
    time_dimension boolean NOT NULL DEFAULT false,
    applies_to_all boolean NOT NULL DEFAULT true,   -- false: only for the measures in measure_dimension
    name_en        text    NOT NULL,
    description    text,
    PRIMARY KEY (structure_id, id),
    UNIQUE (structure_id, position)
);

CREATE TABLE attribute (
    structure_id  text    NOT NULL REFERENCES data_structure (id),
    id            text    NOT NULL,
    position      integer NOT NULL,
    code_list_id  text REFERENCES code_list (id),   -- NULL for free text
    required      boolean NOT NULL DEFAULT false,
    default_value text,
    name_en       text    NOT NULL,
    description   text,
    PRIMARY KEY (structure_id, id)
);

-- What each measure is: the metadata that rules R02/R03 read.
CREATE TABLE measure (
    id              text PRIMARY KEY,               -- a code of CL_MEASURE
    value_type      text    NOT NULL CHECK (value_type IN ('INTEGER', 'DECIMAL')),
    quantity        text    NOT NULL CHECK (quantity IN ('COUNT', 'FTE', 'MONEY')),
    temporality     text    NOT NULL CHECK (temporality IN ('STOCK', 'FLOW', 'AVERAGE')),
    allows_negative boolean NOT NULL DEFAULT false,
    default_unit    text,                           -- NULL: the submitter must give one
    unit_code_list  text    NOT NULL REFERENCES code_list (id), -- UNIT_MEASURE must come from here
    allowed_units   text[]                          -- NULL: any code of unit_code_list
);

-- Dimensions with applies_to_all = false apply to a measure only where listed here,
-- optionally only when another dimension has a given code (SEX for MEMBERS only when MEMBER_KIND=NP).
CREATE TABLE measure_dimension (
    measure_id          text NOT NULL REFERENCES measure (id),
    dimension_id        text NOT NULL,
    condition_dimension text,
    condition_code      text,
    PRIMARY KEY (measure_id, dimension_id)
);

CREATE TABLE provider (
    id         text PRIMARY KEY,                    -- agency id, e.g. STATCAN
    name       text        NOT NULL,
    ref_area   text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dataset (
    id            bigserial PRIMARY KEY,
    provider_id   text        NOT NULL REFERENCES provider (id),
    structure_id  text        NOT NULL REFERENCES data_structure (id),
    title         text        NOT NULL,
    source_kind   text        NOT NULL,
    period_basis  text        NOT NULL,
    methodology   text,
    status        text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX dataset_provider ON dataset (provider_id, id);

-- One row per value: series key (one column per dimension) + period + value + attributes.
-- A surrogate id keeps room for revision history (superseded values move to a history table
-- or get a validity interval) without changing the key of the current values.
CREATE TABLE observation (
    id           bigserial PRIMARY KEY,
    dataset_id   bigint   NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
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
    comment_obs  text
);
CREATE UNIQUE INDEX observation_dataset_key ON observation
    (dataset_id, ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period);
-- Serves the query endpoint: filters lead with area and measure, results come in key order.
CREATE INDEX observation_series ON observation
    (ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, period_start);
CREATE INDEX observation_measure_period ON observation (measure, period_start);
