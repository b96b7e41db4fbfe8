-- Tables as data (issue #15, item 2): the Guidelines' core tables of COOP_STATS (domain file,
-- section 8), each a grid of released observations served by GET /api/v1/tables/{id}/data.
--
-- row_dimensions and column_dimensions are JSON arrays of axes, outermost first, each
--   {"dimension": "COOP_TYPE"}                         every code of its code list but _Z,
--                                                      in code-list order
--   {"dimension": "SEX", "codes": ["_T", "F", "M"]}    these codes, in this order
--   {"dimension": "REF_AREA", "codes": "children"}     the REF_AREA asked for, then its children
--   {"dimension": "MEASURE"}                           the table's measures, in their order
--   {"dimension": "TIME_PERIOD"}                       the periods that have data, oldest first
-- A dimension on no axis is fixed: to its code in fixed_filters, else to _T; for a measure it
-- does not apply to, to _Z. A table without MEASURE on an axis has one measure.
CREATE TABLE table_definition (
    id                text PRIMARY KEY,
    structure_id      text    NOT NULL REFERENCES data_structure (id),
    title_en          text    NOT NULL,
    title_fr          text,
    title_es          text,
    measures          text[]  NOT NULL CHECK (cardinality(measures) >= 1),
    row_dimensions    jsonb   NOT NULL CHECK (jsonb_typeof(row_dimensions) = 'array'),
    column_dimensions jsonb   NOT NULL CHECK (jsonb_typeof(column_dimensions) = 'array'),
    fixed_filters     jsonb   NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fixed_filters) = 'object'),
    notes             text,
    sort_order        integer NOT NULL DEFAULT 0
);

INSERT INTO table_definition (id, structure_id, title_en, title_fr, title_es, measures,
                              row_dimensions, column_dimensions, fixed_filters, notes, sort_order) VALUES
('COOPS_BY_TYPE_ACTIVITY', 'COOP_STATS',
 'Active cooperatives by type and economic activity',
 'Coopératives actives par type et activité économique',
 'Cooperativas activas por tipo y actividad económica',
 '{COOPS}', '[{"dimension": "ACTIVITY"}]', '[{"dimension": "COOP_TYPE"}]', '{}',
 'Cooperatives of all levels. A total the provider did not report is the sum of its children (ISIC sections, or types) when every child is reported.',
 1),
('COOPS_BY_LEVEL', 'COOP_STATS',
 'Cooperatives and memberships by level',
 'Coopératives et adhésions par niveau',
 'Cooperativas y membresías por nivel',
 '{COOPS_REG,COOPS,MEMBERS}', '[{"dimension": "COOP_LEVEL"}]', '[{"dimension": "MEASURE"}]', '{}',
 'Memberships are counted, not persons, and never add across levels: the members of secondary and tertiary cooperatives are cooperatives. A total of memberships over all levels is shown only where the provider reported it.',
 2),
('COOPS_BY_REGION', 'COOP_STATS',
 'Cooperatives by region',
 'Coopératives par région',
 'Cooperativas por región',
 '{COOPS,COOPS_REG}', '[{"dimension": "REF_AREA", "codes": "children"}]', '[{"dimension": "MEASURE"}]', '{}',
 'The area asked for, then its regions (ISO 3166-2). The area''s figure, where the provider did not report it, is the sum of its regions only when every region is reported.',
 3),
('COOPS_OVER_TIME', 'COOP_STATS',
 'Registered, active, new and closed cooperatives over time',
 'Coopératives enregistrées, actives, nouvelles et dissoutes dans le temps',
 'Cooperativas registradas, activas, nuevas y disueltas en el tiempo',
 '{COOPS_REG,COOPS,COOPS_NEW,COOPS_CLOSED}', '[{"dimension": "TIME_PERIOD"}]', '[{"dimension": "MEASURE"}]', '{}',
 'Registered and active cooperatives are counted at the end of each period; new and closed ones during it. Periods never add up.',
 4),
('MEMBERS_BY_TYPE_KIND_SEX', 'COOP_STATS',
 'Memberships of primary cooperatives by type, kind of member and sex',
 'Adhésions aux coopératives primaires par type, nature des membres et sexe',
 'Membresías de cooperativas primarias por tipo, tipo de socio y sexo',
 '{MEMBERS}', '[{"dimension": "COOP_TYPE"}]',
 '[{"dimension": "MEMBER_KIND"}, {"dimension": "SEX", "codes": ["_T", "F", "M", "_U"]}]',
 '{"COOP_LEVEL": "PRIM"}',
 'Memberships, not persons: a person who belongs to two cooperatives is counted twice. Natural-person memberships come from primary cooperatives only; sex applies to natural persons only.',
 5),
('WORK_BY_CATEGORY_SEX_TYPE', 'COOP_STATS',
 'Work in and within the scope of cooperatives by category, sex and type',
 'Travail dans les coopératives et dans leur champ par catégorie, sexe et type',
 'Trabajo en las cooperativas y en su ámbito por categoría, sexo y tipo',
 '{WORKERS}', '[{"dimension": "WORK_CAT"}]',
 '[{"dimension": "COOP_TYPE"}, {"dimension": "SEX", "codes": ["_T", "F", "M", "_U"]}]', '{}',
 'Persons working (headcount). Work in cooperatives (employment, volunteers, unpaid trainees) and work within their scope (producer-members and the people working in their units) are told apart; a total of a category is the sum of its sub-categories when every one is reported.',
 6),
('MONEY_BY_TYPE_ACTIVITY', 'COOP_STATS',
 'Turnover, value added, wages, surplus and assets by type and economic activity',
 'Chiffre d''affaires, valeur ajoutée, salaires, excédent et actifs par type et activité économique',
 'Ventas, valor agregado, salarios, excedente y activos por tipo y actividad económica',
 '{TURNOVER,VALUE_ADDED,WAGES,SURPLUS,ASSETS}', '[{"dimension": "MEASURE"}, {"dimension": "ACTIVITY"}]',
 '[{"dimension": "COOP_TYPE"}]', '{}',
 'Money adds only in one currency and one unit multiplier: a total whose parts differ in either is not computed.',
 7);
