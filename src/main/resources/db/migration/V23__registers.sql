-- Registers of cooperatives: one record per cooperative and reference period (a snapshot at the
-- period's end), confidential for ever. Only the provider's submitters read or write the records;
-- what is published is derived from them by a tabulation, protected by disclosure control.
-- See docs/registers.md.
CREATE TABLE register (
    id            bigserial PRIMARY KEY,
    provider_id   text        NOT NULL REFERENCES provider (id),
    name          text        NOT NULL,
    description   text,
    -- the disclosure-control rules, per register (safe defaults; docs/registers.md)
    min_frequency           integer          NOT NULL DEFAULT 3   CHECK (min_frequency BETWEEN 1 AND 100),
    dominance_n             integer          NOT NULL DEFAULT 1   CHECK (dominance_n BETWEEN 1 AND 10),
    dominance_k             double precision NOT NULL DEFAULT 85  CHECK (dominance_k > 0 AND dominance_k <= 100),
    p_percent               double precision NOT NULL DEFAULT 10  CHECK (p_percent >= 0 AND p_percent <= 100),
    protection_percent      double precision NOT NULL DEFAULT 10  CHECK (protection_percent >= 0 AND protection_percent <= 100),
    protect_unit_counts     boolean          NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX register_provider ON register (provider_id, id);

-- Counts are bigint, money numeric; a column is NULL where the record does not give it.
-- Members by kind: natural persons by sex (f, m, u = sex unknown), legal entities, cooperatives.
-- Workers by the leaf work categories of CL_WORK_CAT, each by sex (f, m, u).
CREATE TABLE register_unit (
    register_id   bigint  NOT NULL REFERENCES register (id) ON DELETE CASCADE,
    time_period   text    NOT NULL,
    unit_id       text    NOT NULL,
    ref_area      text    NOT NULL,
    coop_type     text    NOT NULL,
    coop_level    text    NOT NULL,
    activity      text    NOT NULL,
    status        text    NOT NULL CHECK (status IN ('ACTIVE', 'DORMANT', 'DISSOLVED')),
    registered_on date,
    dissolved_on  date,
    members_np_f  bigint, members_np_m bigint, members_np_u bigint,
    members_le    bigint, members_co   bigint,
    in_emp_nm_f bigint, in_emp_nm_m bigint, in_emp_nm_u bigint,
    in_emp_wm_f bigint, in_emp_wm_m bigint, in_emp_wm_u bigint,
    in_emp_om_f bigint, in_emp_om_m bigint, in_emp_om_u bigint,
    in_vol_f    bigint, in_vol_m    bigint, in_vol_u    bigint,
    in_utr_f    bigint, in_utr_m    bigint, in_utr_u    bigint,
    ws_pm_f     bigint, ws_pm_m     bigint, ws_pm_u     bigint,
    ws_emp_f    bigint, ws_emp_m    bigint, ws_emp_u    bigint,
    ws_cfw_f    bigint, ws_cfw_m    bigint, ws_cfw_u    bigint,
    turnover      numeric, value_added numeric, wages  numeric, surplus        numeric,
    assets        numeric, liabilities numeric, equity numeric, member_capital numeric,
    currency      text,
    national_type text,
    PRIMARY KEY (register_id, time_period, unit_id)
);

-- Each tabulation of a register's period into a dataset, with the records it read (a copy: the
-- register may change afterwards) and the cells it wrote with their protection, so that the next
-- tabulation keeps protection consistent with what this one made public.
CREATE TABLE register_tabulation (
    id            bigserial PRIMARY KEY,
    register_id   bigint      NOT NULL REFERENCES register (id) ON DELETE CASCADE,
    dataset_id    bigint      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    time_period   text        NOT NULL,
    -- the dataset's published version when this ran: its draft becomes a later one
    base_version  integer     NOT NULL,
    actor         text        NOT NULL,
    created_at    timestamptz NOT NULL,
    units         bigint      NOT NULL,
    cells         integer     NOT NULL,
    primary_cells integer     NOT NULL,
    secondary_cells integer   NOT NULL,
    summary       text        NOT NULL   -- JSON: the protection report (no unit values)
);
CREATE INDEX register_tabulation_period ON register_tabulation (register_id, dataset_id, time_period, id);

CREATE TABLE register_tabulation_unit (LIKE register_unit);
ALTER TABLE register_tabulation_unit DROP COLUMN register_id;
ALTER TABLE register_tabulation_unit ADD COLUMN tabulation_id bigint NOT NULL REFERENCES register_tabulation (id) ON DELETE CASCADE;
ALTER TABLE register_tabulation_unit ADD PRIMARY KEY (tabulation_id, unit_id);

CREATE TABLE register_tabulation_cell (
    tabulation_id bigint  NOT NULL REFERENCES register_tabulation (id) ON DELETE CASCADE,
    series_key    text    NOT NULL,     -- the COOP_STATS key, dimension codes joined by dots
    value         numeric,              -- NULL where the cell is suppressed
    conf_status   text    NOT NULL,
    PRIMARY KEY (tabulation_id, series_key)
);
