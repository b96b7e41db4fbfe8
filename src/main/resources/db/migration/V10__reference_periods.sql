-- The first and last day of each reference period, once per period rather than on every draft row.
-- PostgreSQL parsing two dates per row was a third of the time of COPY into observation_draft
-- (1,000,000 rows: 3.3-3.5 s with the two date columns, 2.3 s without; bench/RESULTS.md). The
-- upload adds the periods it has seen, as TimePeriod reads them (one parser, in Java); publishing
-- and the queries of drafts join this table; published observations keep their own dates, which
-- their indexes and range filters use.
CREATE TABLE reference_period (
    time_period  text PRIMARY KEY,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    CHECK (period_start <= period_end)
);

INSERT INTO reference_period (time_period, period_start, period_end)
SELECT DISTINCT time_period, period_start, period_end FROM observation_draft
ON CONFLICT DO NOTHING;
INSERT INTO reference_period (time_period, period_start, period_end)
SELECT DISTINCT time_period, period_start, period_end FROM observation
ON CONFLICT DO NOTHING;

ALTER TABLE observation_draft DROP COLUMN period_start, DROP COLUMN period_end;
