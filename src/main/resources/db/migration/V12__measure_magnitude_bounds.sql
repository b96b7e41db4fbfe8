-- The largest absolute value each measure takes, in units (the value times 10^UNIT_MULT): rule R02
-- refuses anything larger. Before, any number was taken: 1e309 was stored as a 310-digit count.
-- The bounds are generous on purpose, far above any real figure yet far below absurd ones:
--   counts (cooperatives, members, workers) and FTE: 1e15, a hundred thousand times the world's
--   population;
--   money: 1e21, about a thousand times a whole economy's GDP in the currency with the most units
--   (Iran's, some 2e17 rials), which leaves room for hyperinflation-era series.
-- They are data, not code: a structure may change them with a migration.
ALTER TABLE measure ADD COLUMN max_magnitude numeric CHECK (max_magnitude > 0);

UPDATE measure SET max_magnitude = 1e15 WHERE quantity IN ('COUNT', 'FTE');
UPDATE measure SET max_magnitude = 1e21 WHERE quantity = 'MONEY';
