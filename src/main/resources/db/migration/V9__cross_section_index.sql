-- One area's values for a period range (a cross-section: every series of an area in one year).
-- The series index starts with the area but has the period in ninth place, so such a query read
-- every index entry of the area (bench finding 6: 5 x the rows it returned). Only released rows
-- are queried this way, so draft rows stay out of it and uploads do not pay for it.
CREATE INDEX observation_area_period ON observation (ref_area, period_start)
    WHERE valid_from IS NOT NULL;
