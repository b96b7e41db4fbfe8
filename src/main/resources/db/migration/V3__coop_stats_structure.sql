-- The COOP_STATS data structure (shared/domain/icls-cooperative-statistics.md, section 6).

INSERT INTO data_structure (id, agency, version, name_en, description) VALUES
('COOP_STATS', 'COOPSTATS', '1.0', 'Statistics of cooperatives',
 'Cooperatives, members, work and economic figures, following the ILO Guidelines concerning statistics of cooperatives (20th ICLS, 2018).');

INSERT INTO dimension (structure_id, id, position, code_list_id, time_dimension, applies_to_all, name_en, description) VALUES
('COOP_STATS', 'REF_AREA',    1, 'CL_AREA',        false, true,  'Reference area', 'Country (ISO 3166-1 alpha-3) or subnational region (ISO 3166-2).'),
('COOP_STATS', 'MEASURE',     2, 'CL_MEASURE',     false, true,  'Measure', 'What is counted or valued.'),
('COOP_STATS', 'COOP_TYPE',   3, 'CL_COOP_TYPE',   false, true,  'Type of cooperative', 'ICLS type, by the main interest of the members.'),
('COOP_STATS', 'COOP_LEVEL',  4, 'CL_COOP_LEVEL',  false, true,  'Level of cooperative', 'Primary, secondary (unions, federations) or tertiary (apex).'),
('COOP_STATS', 'ACTIVITY',    5, 'CL_ACTIVITY',    false, true,  'Economic activity', 'ISIC Rev.4 section of the cooperative''s own activity.'),
('COOP_STATS', 'SEX',         6, 'CL_SEX',         false, false, 'Sex', 'Sex of persons; only for counts of persons, otherwise _Z.'),
('COOP_STATS', 'MEMBER_KIND', 7, 'CL_MEMBER_KIND', false, false, 'Kind of member', 'Nature of the members; only for MEMBERS, otherwise _Z.'),
('COOP_STATS', 'WORK_CAT',    8, 'CL_WORK_CAT',    false, false, 'Category of work', 'Work in and within the scope of cooperatives; only for WORKERS and FTE, otherwise _Z.'),
('COOP_STATS', 'TIME_PERIOD', 9, NULL,             true,  true,  'Reference period', 'YYYY (annual), YYYY-Qn (quarterly) or YYYY-MM (monthly).');

INSERT INTO attribute (structure_id, id, position, code_list_id, required, default_value, name_en, description) VALUES
('COOP_STATS', 'OBS_STATUS',   1, 'CL_OBS_STATUS',   true,  'A',  'Observation status', 'SDMX observation status; A (normal) when omitted.'),
('COOP_STATS', 'CONF_STATUS',  2, 'CL_CONF_STATUS',  true,  'F',  'Confidentiality status', 'SDMX confidentiality status; F (free) when omitted.'),
('COOP_STATS', 'UNIT_MEASURE', 3, 'CL_UNIT_MEASURE', true,  NULL, 'Unit of measure', 'NUMBER, PERSONS, FTE or an ISO 4217 currency; counts default to their unit, money must name its currency.'),
('COOP_STATS', 'UNIT_MULT',    4, 'CL_UNIT_MULT',    true,  '0',  'Unit multiplier', 'Power of ten the value is expressed in: 0, 3, 6 or 9.'),
('COOP_STATS', 'COMMENT_OBS',  5, NULL,              false, NULL, 'Comment', 'Free text, e.g. the national type label.');

INSERT INTO measure (id, value_type, quantity, temporality, allows_negative, default_unit, unit_code_list, allowed_units) VALUES
('COOPS',          'INTEGER', 'COUNT', 'STOCK',   false, 'NUMBER',  'CL_UNIT_MEASURE', '{NUMBER}'),
('COOPS_REG',      'INTEGER', 'COUNT', 'STOCK',   false, 'NUMBER',  'CL_UNIT_MEASURE', '{NUMBER}'),
('COOPS_NEW',      'INTEGER', 'COUNT', 'FLOW',    false, 'NUMBER',  'CL_UNIT_MEASURE', '{NUMBER}'),
('COOPS_CLOSED',   'INTEGER', 'COUNT', 'FLOW',    false, 'NUMBER',  'CL_UNIT_MEASURE', '{NUMBER}'),
('MEMBERS',        'INTEGER', 'COUNT', 'STOCK',   false, 'NUMBER',  'CL_UNIT_MEASURE', '{NUMBER}'),
('WORKERS',        'INTEGER', 'COUNT', 'STOCK',   false, 'PERSONS', 'CL_UNIT_MEASURE', '{PERSONS}'),
('FTE',            'DECIMAL', 'FTE',   'AVERAGE', false, 'FTE',     'CL_UNIT_MEASURE', '{FTE}'),
('TURNOVER',       'DECIMAL', 'MONEY', 'FLOW',    false, NULL,      'CL_CURRENCY',     NULL),
('VALUE_ADDED',    'DECIMAL', 'MONEY', 'FLOW',    false, NULL,      'CL_CURRENCY',     NULL),
('WAGES',          'DECIMAL', 'MONEY', 'FLOW',    false, NULL,      'CL_CURRENCY',     NULL),
('SURPLUS',        'DECIMAL', 'MONEY', 'FLOW',    true,  NULL,      'CL_CURRENCY',     NULL),
('ASSETS',         'DECIMAL', 'MONEY', 'STOCK',   false, NULL,      'CL_CURRENCY',     NULL),
('LIABILITIES',    'DECIMAL', 'MONEY', 'STOCK',   false, NULL,      'CL_CURRENCY',     NULL),
('EQUITY',         'DECIMAL', 'MONEY', 'STOCK',   false, NULL,      'CL_CURRENCY',     NULL),
('MEMBER_CAPITAL', 'DECIMAL', 'MONEY', 'STOCK',   false, NULL,      'CL_CURRENCY',     NULL);

INSERT INTO measure_dimension (measure_id, dimension_id, condition_dimension, condition_code) VALUES
('MEMBERS', 'MEMBER_KIND', NULL, NULL),
('MEMBERS', 'SEX', 'MEMBER_KIND', 'NP'),
('WORKERS', 'SEX', NULL, NULL),
('WORKERS', 'WORK_CAT', NULL, NULL),
('FTE', 'SEX', NULL, NULL),
('FTE', 'WORK_CAT', NULL, NULL);
