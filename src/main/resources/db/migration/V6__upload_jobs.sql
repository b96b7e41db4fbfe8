-- Large uploads run as jobs: the body is spooled to a file, checked and stored in the
-- background, with progress; the result (or the problem) is kept here.
CREATE TABLE upload_job (
    id           bigserial PRIMARY KEY,
    dataset_id   bigint      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    provider_id  text        NOT NULL,
    actor        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    format       text        NOT NULL,
    mode         text        NOT NULL,
    dry_run      boolean     NOT NULL,
    bytes        bigint      NOT NULL,
    rows_read    bigint      NOT NULL DEFAULT 0,
    rows_checked bigint      NOT NULL DEFAULT 0,
    rows_stored  bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    result       text                               -- JSON: the upload result, or the problem
);
CREATE INDEX upload_job_dataset ON upload_job (dataset_id, id);
