-- SSE_STATS: entities of the social and solidarity economy (issue #15, item 1), the shape of
-- COOP_STATS with an ENTITY_TYPE dimension in place of the cooperative's type and level. The proof
-- that a structure is added by a migration alone: nothing in the code names it.

INSERT INTO code_list (id, agency, version, name_en, name_fr, name_es, description) VALUES
    ('CL_ENTITY_TYPE', 'COOPSTATS', '1.0', 'Type of SSE entity', 'Type d''entité de l''ESS', 'Tipo de entidad de la ESS',
     'Entities of the social and solidarity economy, by legal and organisational form.'),
    ('CL_SSE_MEASURE', 'COOPSTATS', '1.0', 'Measure (SSE)', 'Mesure (ESS)', 'Medida (ESS)',
     'What is counted or valued about entities of the social and solidarity economy.');

INSERT INTO code (code_list_id, id, name_en, name_fr, name_es, parent_id, sort_order) VALUES
    ('CL_ENTITY_TYPE', '_T', 'All SSE entities', 'Toutes les entités de l''ESS', 'Todas las entidades de la ESS', NULL, 1),
    ('CL_ENTITY_TYPE', 'COOP', 'Cooperatives', 'Coopératives', 'Cooperativas', '_T', 2),
    ('CL_ENTITY_TYPE', 'MUTUAL', 'Mutual societies', 'Mutuelles', 'Mutuales', '_T', 3),
    ('CL_ENTITY_TYPE', 'ASSOC', 'Associations', 'Associations', 'Asociaciones', '_T', 4),
    ('CL_ENTITY_TYPE', 'FOUND', 'Foundations', 'Fondations', 'Fundaciones', '_T', 5),
    ('CL_ENTITY_TYPE', 'SOC_ENT', 'Social enterprises', 'Entreprises sociales', 'Empresas sociales', '_T', 6),
    ('CL_ENTITY_TYPE', '_U', 'Unknown', 'Inconnu', 'Desconocido', '_T', 7),
    ('CL_SSE_MEASURE', 'ENTITIES', 'Active entities at period end', 'Entités actives en fin de période', 'Entidades activas al final del período', NULL, 1),
    ('CL_SSE_MEASURE', 'MEMBERS', 'Memberships at period end', 'Adhésions en fin de période', 'Membresías al final del período', NULL, 2),
    ('CL_SSE_MEASURE', 'WORKERS', 'Persons working (headcount)', 'Personnes occupées (effectif)', 'Personas ocupadas (número)', NULL, 3),
    ('CL_SSE_MEASURE', 'FTE', 'Full-time equivalents', 'Équivalents temps plein', 'Equivalentes a tiempo completo', NULL, 4),
    ('CL_SSE_MEASURE', 'TURNOVER', 'Turnover', 'Chiffre d''affaires', 'Volumen de negocios', NULL, 5),
    ('CL_SSE_MEASURE', 'VALUE_ADDED', 'Gross value added', 'Valeur ajoutée brute', 'Valor añadido bruto', NULL, 6),
    ('CL_SSE_MEASURE', 'WAGES', 'Wages and salaries', 'Salaires et traitements', 'Sueldos y salarios', NULL, 7);

INSERT INTO data_structure (id, agency, version, name_en, description) VALUES
('SSE_STATS', 'COOPSTATS', '1.0', 'Statistics of the social and solidarity economy',
 'Entities of the social and solidarity economy, their members, work and economic figures, by type of entity.');

INSERT INTO dimension (structure_id, id, position, code_list_id, time_dimension, applies_to_all, name_en, description) VALUES
('SSE_STATS', 'REF_AREA',    1, 'CL_AREA',        false, true,  'Reference area', 'Country (ISO 3166-1 alpha-3) or subnational region (ISO 3166-2).'),
('SSE_STATS', 'MEASURE',     2, 'CL_SSE_MEASURE', false, true,  'Measure', 'What is counted or valued.'),
('SSE_STATS', 'ENTITY_TYPE', 3, 'CL_ENTITY_TYPE', false, true,  'Type of entity', 'Cooperative, mutual society, association, foundation or social enterprise.'),
('SSE_STATS', 'ACTIVITY',    4, 'CL_ACTIVITY',    false, true,  'Economic activity', 'ISIC Rev.4 section of the entity''s own activity.'),
('SSE_STATS', 'SEX',         5, 'CL_SEX',         false, false, 'Sex', 'Sex of persons; only for counts of persons, otherwise _Z.'),
('SSE_STATS', 'MEMBER_KIND', 6, 'CL_MEMBER_KIND', false, false, 'Kind of member', 'Nature of the members; only for MEMBERS, otherwise _Z.'),
('SSE_STATS', 'WORK_CAT',    7, 'CL_WORK_CAT',    false, false, 'Category of work', 'Only for WORKERS and FTE, otherwise _Z.'),
('SSE_STATS', 'TIME_PERIOD', 8, NULL,             true,  true,  'Reference period', 'YYYY (annual), YYYY-Qn (quarterly) or YYYY-MM (monthly).');

INSERT INTO attribute (structure_id, id, position, code_list_id, required, default_value, name_en, description) VALUES
('SSE_STATS', 'OBS_STATUS',   1, 'CL_OBS_STATUS',   true,  'A',  'Observation status', 'SDMX observation status; A (normal) when omitted.'),
('SSE_STATS', 'CONF_STATUS',  2, 'CL_CONF_STATUS',  true,  'F',  'Confidentiality status', 'SDMX confidentiality status; F (free) when omitted.'),
('SSE_STATS', 'UNIT_MEASURE', 3, 'CL_UNIT_MEASURE', true,  NULL, 'Unit of measure', 'NUMBER, PERSONS, FTE or an ISO 4217 currency.'),
('SSE_STATS', 'UNIT_MULT',    4, 'CL_UNIT_MULT',    true,  '0',  'Unit multiplier', 'Power of ten the value is expressed in: 0, 3, 6 or 9.'),
('SSE_STATS', 'COMMENT_OBS',  5, NULL,              false, NULL, 'Comment', 'Free text, e.g. the national legal form.');

-- MEMBERS, WORKERS, FTE and the money measures are COOP_STATS's, with their applicability.
INSERT INTO measure (id, value_type, quantity, temporality, allows_negative, default_unit, unit_code_list, allowed_units, max_magnitude) VALUES
('ENTITIES', 'INTEGER', 'COUNT', 'STOCK', false, 'NUMBER', 'CL_UNIT_MEASURE', '{NUMBER}', 1e15);

SELECT create_observation_storage('SSE_STATS');
