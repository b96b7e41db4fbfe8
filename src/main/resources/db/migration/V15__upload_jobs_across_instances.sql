-- Jobs shared by several instances on one database. The instance that runs a job owns it and
-- heartbeats it; another instance recovers a job only when its owner's heartbeat is stale. A
-- cancel is recorded here (from any instance) and honoured by the owner; settled_at is the
-- owner's decision to store (after it a cancel is refused), stored_at is written in the
-- storing transaction itself, so a recovering instance can tell whether the rows were stored.
ALTER TABLE upload_job
    ADD COLUMN owner_instance      text,
    ADD COLUMN heartbeat_at        timestamptz,
    ADD COLUMN phase               text NOT NULL DEFAULT 'queued',
    ADD COLUMN cancel_requested_at timestamptz,
    ADD COLUMN settled_at          timestamptz,
    ADD COLUMN stored_at           timestamptz;
-- Jobs left by an older version have no heartbeat: the first recovery treats them as stale.
UPDATE upload_job SET phase = 'done' WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED');
CREATE INDEX upload_job_unfinished ON upload_job (owner_instance) WHERE status IN ('QUEUED', 'RUNNING');
