-- COOP_INDICATORS: the indicators as an SDMX dataflow of their own (issue #15, item 3). A derived
-- structure: no storage_table, so no tables and no uploads; its data is computed from released
-- COOP_STATS and CONTEXT values when asked for (GET /sdmx/v2.1/data/COOP_INDICATORS/...). Its code
-- lists are taken from the indicator table: an indicator added later adds its code here too.
INSERT INTO code_list (id, agency, version, name_en, name_fr, name_es, description) VALUES
    ('CL_INDICATOR', 'COOPSTATS', '1.0', 'Indicator', 'Indicateur', 'Indicador',
     'Indicators derived from statistics of cooperatives and reference figures (GET /api/v1/indicators defines each).'),
    ('CL_INDICATOR_UNIT', 'COOPSTATS', '1.0', 'Unit of an indicator', 'Unité d''un indicateur', 'Unidad de un indicador',
     'What an indicator''s value counts.');

INSERT INTO code (code_list_id, id, name_en, name_fr, name_es, parent_id, sort_order)
SELECT 'CL_INDICATOR', id, name_en, name_fr, name_es, NULL, position FROM indicator;

INSERT INTO code (code_list_id, id, name_en, name_fr, name_es, parent_id, sort_order) VALUES
    ('CL_INDICATOR_UNIT', 'PERCENT', 'Percent', 'Pour cent', 'Por ciento', NULL, 1),
    ('CL_INDICATOR_UNIT', 'MEMBERSHIPS_PER_COOP', 'Memberships per cooperative', 'Adhésions par coopérative', 'Membresías por cooperativa', NULL, 2),
    ('CL_INDICATOR_UNIT', 'PERSONS_PER_COOP', 'Persons per cooperative', 'Personnes par coopérative', 'Personas por cooperativa', NULL, 3),
    ('CL_INDICATOR_UNIT', 'PER_100_EMPLOYED', 'Per 100 employed persons', 'Pour 100 personnes en emploi', 'Por cada 100 personas ocupadas', NULL, 4),
    ('CL_INDICATOR_UNIT', 'PER_100000_INHABITANTS', 'Per 100,000 inhabitants', 'Pour 100 000 habitants', 'Por cada 100 000 habitantes', NULL, 5);

-- Every unit an indicator names is in the code list (a unit added later adds its code here too).
ALTER TABLE indicator ADD CONSTRAINT indicator_unit_coded CHECK (unit ~ '^[A-Z][A-Z0-9_]*$');
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM indicator i WHERE NOT EXISTS
               (SELECT 1 FROM code c WHERE c.code_list_id = 'CL_INDICATOR_UNIT' AND c.id = i.unit)) THEN
        RAISE EXCEPTION 'An indicator''s unit is missing from CL_INDICATOR_UNIT';
    END IF;
END $$;

INSERT INTO data_structure (id, agency, version, name_en, description) VALUES
('COOP_INDICATORS', 'COOPSTATS', '1.0', 'Indicators on cooperatives',
 'Derived indicators (members per cooperative, cooperatives per 100,000 inhabitants ...), computed from the released COOP_STATS and CONTEXT data; COMMENT_OBS names the numerator and the denominator of each value.');

INSERT INTO dimension (structure_id, id, position, code_list_id, time_dimension, applies_to_all, name_en, description) VALUES
('COOP_INDICATORS', 'INDICATOR',   1, 'CL_INDICATOR', false, true, 'Indicator', 'Which indicator (GET /api/v1/indicators).'),
('COOP_INDICATORS', 'REF_AREA',    2, 'CL_AREA',      false, true, 'Reference area', 'Country (ISO 3166-1 alpha-3) or subnational region (ISO 3166-2).'),
('COOP_INDICATORS', 'TIME_PERIOD', 3, NULL,           true,  true, 'Reference period', 'YYYY (annual), YYYY-Qn (quarterly) or YYYY-MM (monthly).');

INSERT INTO attribute (structure_id, id, position, code_list_id, required, default_value, name_en, description) VALUES
('COOP_INDICATORS', 'OBS_STATUS',   1, 'CL_OBS_STATUS',     true,  'A',  'Observation status', 'A, or the status an estimated or provisional input passes on.'),
('COOP_INDICATORS', 'CONF_STATUS',  2, 'CL_CONF_STATUS',    true,  'F',  'Confidentiality status', 'F: nothing is derived from a confidential input.'),
('COOP_INDICATORS', 'UNIT_MEASURE', 3, 'CL_INDICATOR_UNIT', true,  NULL, 'Unit of measure', 'What the value counts.'),
('COOP_INDICATORS', 'UNIT_MULT',    4, 'CL_UNIT_MULT',      true,  '0',  'Unit multiplier', 'Always 0: the value is in the unit itself.'),
('COOP_INDICATORS', 'COMMENT_OBS',  5, NULL,                false, NULL, 'Comment', 'The numerator and the denominator, with the dataset and version of each.');
