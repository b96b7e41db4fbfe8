-- Consistency rules R05-R10 and the record of accepted submissions with their warnings.

-- Dimensions across which a measure's values must not be added up (R05 skips them, R06):
-- memberships of primary, secondary and tertiary cooperatives count different members.
ALTER TABLE measure ADD COLUMN non_additive_dimensions text[] NOT NULL DEFAULT '{}';
UPDATE measure SET non_additive_dimensions = '{COOP_LEVEL}' WHERE id = 'MEMBERS';

CREATE TABLE submission (
    id              bigserial PRIMARY KEY,
    dataset_id      bigint      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    actor           text        NOT NULL,
    format          text        NOT NULL,
    mode            text        NOT NULL,
    rows_read       bigint      NOT NULL,
    inserted        bigint      NOT NULL,
    updated         bigint      NOT NULL,
    deleted         bigint      NOT NULL,
    warning_count   integer     NOT NULL,
    idempotency_key text,
    body_sha256     text        NOT NULL,
    UNIQUE (dataset_id, idempotency_key)
);

-- The warnings of an accepted submission (errors reject it, so none are kept).
CREATE TABLE submission_issue (
    submission_id bigint  NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    seq           integer NOT NULL,
    rule          text    NOT NULL,
    severity      text    NOT NULL,
    line          bigint,
    idx           bigint,
    column_name   text,
    value         text,
    series_key    text,
    period        text,
    expected      numeric,
    found         numeric,
    message       text    NOT NULL,
    PRIMARY KEY (submission_id, seq)
);
