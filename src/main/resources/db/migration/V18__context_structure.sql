-- CONTEXT: the reference figures indicators divide by (issue #15, item 1): population, total
-- employment, GDP at current prices in national currency, and the number of enterprises, by area
-- and period. Its source (a national statistical office, ILOSTAT …) is each dataset's metadata.
-- A structure added by data alone: code lists, definitions, then its storage.

INSERT INTO code_list (id, agency, version, name_en, name_fr, name_es, description) VALUES
    ('CL_CONTEXT_MEASURE', 'COOPSTATS', '1.0', 'Reference measure', 'Mesure de référence', 'Medida de referencia',
     'Figures on the whole economy and population that indicators on cooperatives are related to.');

INSERT INTO code (code_list_id, id, name_en, name_fr, name_es, parent_id, sort_order) VALUES
    ('CL_CONTEXT_MEASURE', 'POP', 'Population', 'Population', 'Población', NULL, 1),
    ('CL_CONTEXT_MEASURE', 'EMP', 'Total employment', 'Emploi total', 'Empleo total', NULL, 2),
    ('CL_CONTEXT_MEASURE', 'GDP', 'Gross domestic product, current prices', 'Produit intérieur brut, prix courants', 'Producto interno bruto, precios corrientes', NULL, 3),
    ('CL_CONTEXT_MEASURE', 'ENTERPRISES', 'Enterprises', 'Entreprises', 'Empresas', NULL, 4);

INSERT INTO data_structure (id, agency, version, name_en, description) VALUES
('CONTEXT', 'COOPSTATS', '1.0', 'Reference figures',
 'Population, total employment, GDP and the number of enterprises by area and period: the denominators of indicators on cooperatives.');

INSERT INTO dimension (structure_id, id, position, code_list_id, time_dimension, applies_to_all, name_en, description) VALUES
('CONTEXT', 'REF_AREA',    1, 'CL_AREA',            false, true,  'Reference area', 'Country (ISO 3166-1 alpha-3) or subnational region (ISO 3166-2).'),
('CONTEXT', 'MEASURE',     2, 'CL_CONTEXT_MEASURE', false, true,  'Measure', 'What is counted or valued.'),
('CONTEXT', 'SEX',         3, 'CL_SEX',             false, false, 'Sex', 'Sex of persons; only for population and employment, otherwise _Z.'),
('CONTEXT', 'TIME_PERIOD', 4, NULL,                 true,  true,  'Reference period', 'YYYY (annual), YYYY-Qn (quarterly) or YYYY-MM (monthly).');

INSERT INTO attribute (structure_id, id, position, code_list_id, required, default_value, name_en, description) VALUES
('CONTEXT', 'OBS_STATUS',   1, 'CL_OBS_STATUS',   true,  'A',  'Observation status', 'SDMX observation status; A (normal) when omitted.'),
('CONTEXT', 'CONF_STATUS',  2, 'CL_CONF_STATUS',  true,  'F',  'Confidentiality status', 'SDMX confidentiality status; F (free) when omitted.'),
('CONTEXT', 'UNIT_MEASURE', 3, 'CL_UNIT_MEASURE', true,  NULL, 'Unit of measure', 'PERSONS or NUMBER for counts, an ISO 4217 currency for GDP.'),
('CONTEXT', 'UNIT_MULT',    4, 'CL_UNIT_MULT',    true,  '0',  'Unit multiplier', 'Power of ten the value is expressed in: 0, 3, 6 or 9.'),
('CONTEXT', 'COMMENT_OBS',  5, NULL,              false, NULL, 'Comment', 'Free text, e.g. the source table.');

INSERT INTO measure (id, value_type, quantity, temporality, allows_negative, default_unit, unit_code_list, allowed_units, max_magnitude) VALUES
('POP',         'INTEGER', 'COUNT', 'STOCK', false, 'PERSONS', 'CL_UNIT_MEASURE', '{PERSONS}', 1e15),
('EMP',         'INTEGER', 'COUNT', 'STOCK', false, 'PERSONS', 'CL_UNIT_MEASURE', '{PERSONS}', 1e15),
('GDP',         'DECIMAL', 'MONEY', 'FLOW',  true,  NULL,      'CL_CURRENCY',     NULL,        1e21),
('ENTERPRISES', 'INTEGER', 'COUNT', 'STOCK', false, 'NUMBER',  'CL_UNIT_MEASURE', '{NUMBER}',  1e15);

INSERT INTO measure_dimension (measure_id, dimension_id, condition_dimension, condition_code) VALUES
('POP', 'SEX', NULL, NULL),
('EMP', 'SEX', NULL, NULL);

SELECT create_observation_storage('CONTEXT');

-- Who produced a dataset's figures (a national statistical office, ILOSTAT …): CONTEXT data is
-- mostly taken from others, and an indicator names the origin of each of its inputs.
ALTER TABLE dataset ADD COLUMN source text;
