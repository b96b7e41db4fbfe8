-- While a revision is scheduled, the public still sees the dataset as it was before: the release
-- time, status and withdrawal of the version out now. The dataset row itself already describes the
-- scheduled version, so the public state is kept beside it (null when no release is pending).
ALTER TABLE dataset
    ADD COLUMN public_released_at       timestamptz,
    ADD COLUMN public_status            text,
    ADD COLUMN public_withdrawn_at      timestamptz,
    ADD COLUMN public_withdrawal_reason text;

-- Revisions already scheduled: the previous version's release and any withdrawal of it (its reason
-- was not kept).
UPDATE dataset d
SET public_released_at  = (SELECT max(c.effective_at) FROM data_change c
                           WHERE c.dataset_id = d.id AND c.kind = 'PUBLISH' AND c.version = d.version - 1),
    public_withdrawn_at = (SELECT max(c.effective_at) FROM data_change c
                           WHERE c.dataset_id = d.id AND c.kind = 'WITHDRAW' AND c.version = d.version - 1),
    public_status       = CASE WHEN EXISTS (SELECT 1 FROM data_change c WHERE c.dataset_id = d.id
                                            AND c.kind = 'WITHDRAW' AND c.version = d.version - 1)
                               THEN 'WITHDRAWN' ELSE 'PUBLISHED' END
WHERE d.released_at > now() AND d.first_released_at <= now();
