-- Draft rows have no valid_from; indexing their NULLs only slowed every upload (one index entry
-- per staged row). Change feeds (updatedAfter, asOf) always ask for a valid_from, so a partial
-- index serves them all.
DROP INDEX observation_changes;
CREATE INDEX observation_changes ON observation (valid_from) WHERE valid_from IS NOT NULL;
