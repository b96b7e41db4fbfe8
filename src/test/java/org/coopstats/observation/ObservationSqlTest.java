package org.coopstats.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.PageRequest;
import org.coopstats.support.TestStructure;
import org.coopstats.validation.TimePeriod;
import org.junit.jupiter.api.Test;

/** The statements on the observation tables, built from a structure's dimensions and attributes. */
class ObservationSqlTest {

  private static final DataStructure COOP_STATS = TestStructure.coopStats();
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T12:00:00.123456Z");
  private static final OffsetDateTime SINCE = OffsetDateTime.parse("2026-01-01T00:00:00Z");

  /** COOP_STATS with one more series dimension and one more (optional) attribute. */
  static DataStructure extended() {
    DataStructure base = TestStructure.coopStats();
    List<DimensionDef> dimensions = new ArrayList<>(base.seriesDimensions());
    dimensions.add(new DimensionDef("OWNERSHIP", 9, "CL_OWNERSHIP", false, true, "Owner", null));
    DimensionDef time = base.timeDimension();
    dimensions.add(
        new DimensionDef(time.id(), 10, null, true, true, time.nameEn(), time.description()));
    List<AttributeDef> attributes = new ArrayList<>(base.attributes());
    attributes.add(new AttributeDef("OBS_SOURCE", 6, null, false, null, "Source", null));
    Map<String, CodeList> lists = new HashMap<>(base.codeLists());
    lists.put("CL_OWNERSHIP", TestStructure.list("CL_OWNERSHIP", "_T", "PUB>_T", "PRIV>_T"));
    return new DataStructure(
        base.id(),
        base.agency(),
        base.version(),
        base.nameEn(),
        base.description(),
        dimensions,
        attributes,
        base.measures(),
        lists,
        base.publishedTable());
  }

  @Test
  void columnsComeFromTheStructure() {
    ObservationSql sql = new ObservationSql(extended());

    assertThat(sql.keyColumns())
        .containsExactly(
            "ref_area",
            "measure",
            "coop_type",
            "coop_level",
            "activity",
            "sex",
            "member_kind",
            "work_cat",
            "ownership");
    assertThat(sql.timeColumn()).isEqualTo("time_period");
    assertThat(sql.attributeColumns())
        .containsExactly(
            "obs_status", "conf_status", "unit_measure", "unit_mult", "comment_obs", "obs_source");
    assertThat(sql.attributeIds())
        .containsExactly(
            "OBS_STATUS", "CONF_STATUS", "UNIT_MEASURE", "UNIT_MULT", "COMMENT_OBS", "OBS_SOURCE");
  }

  @Test
  void everyStatementOnAValueNamesEveryDimensionAndAttributeColumn() {
    for (DataStructure structure : List.of(COOP_STATS, extended())) {
      ObservationSql sql = new ObservationSql(structure);
      List<String> keys = new ArrayList<>(sql.keyColumns());
      keys.add(sql.timeColumn());
      List<String> all = new ArrayList<>(keys);
      all.add("obs_value");
      all.addAll(sql.attributeColumns());

      for (String statement :
          List.of(
              sql.copyDraft(7),
              sql.copyStaging(),
              sql.mergeIntoDraft(7),
              sql.openDraft(),
              sql.select(query(Visibility.asOf(NOW))).rows(),
              sql.select(query(new Visibility(Visibility.Kind.DRAFT, NOW, null))).rows())) {
        assertNamesAll(statement, all);
      }
      List<String> valueAndAttributes = new ArrayList<>(all.subList(keys.size(), all.size()));
      assertNamesAll(sql.mergeIntoDraft(7).split(" DO UPDATE SET ")[1], valueAndAttributes);
      assertNamesAll(sql.dropUnchanged(), valueAndAttributes);
      // the statements that match a row by its key
      for (String statement :
          List.of(
              sql.mergeIntoDraft(7).split(" DO UPDATE SET ")[0],
              sql.createDraftKey(7),
              sql.closeMissing(),
              sql.dropUnchanged(),
              sql.closeChanged(),
              sql.select(query(changes())).rows(),
              sql.nonZeroPublished(structure.attribute("UNIT_MULT").orElseThrow()))) {
        assertNamesAll(statement, keys);
      }
      assertThat(sql.nonZeroPublished(structure.attribute("UNIT_MULT").orElseThrow()))
          .contains(" unit_mult,");
    }
  }

  @Test
  void theExtraColumnsTakePartInMatchingAndComparingValues() {
    ObservationSql sql = new ObservationSql(extended());

    assertThat(sql.closeChanged()).contains("d.ownership = c.ownership");
    assertThat(sql.mergeIntoDraft(7))
        .contains("obs_source = EXCLUDED.obs_source")
        .contains("work_cat, ownership, time_period) DO UPDATE");
    assertThat(sql.createDraftKey(7)).contains("work_cat, ownership, time_period)");
    // an optional attribute may be null on both sides; a required one is compared with =
    assertThat(sql.dropUnchanged())
        .contains("d.obs_source IS NOT DISTINCT FROM c.obs_source")
        .contains("d.unit_mult = c.unit_mult");
    assertThat(sql.select(query(changes())).rows()).contains("n.ownership = o.ownership");
    assertThat(sql.select(query(Visibility.asOf(NOW))).rows())
        .contains("ORDER BY o.ref_area, ")
        .contains("o.ownership, o.period_start, o.time_period, o.dataset_id, o.valid_from");
  }

  /** The statements of COOP_STATS are those the tables were written and tuned with. */
  @Test
  void coopStatsGetsTheStatementsItHadBefore() {
    ObservationSql sql = new ObservationSql(COOP_STATS);

    assertThat(sql.copyStaging())
        .isEqualTo(
            "COPY staging (dataset_id, ref_area, measure, coop_type, coop_level, activity, sex,"
                + " member_kind, work_cat, time_period, obs_value, obs_status, conf_status,"
                + " unit_measure, unit_mult, comment_obs, deleted) FROM STDIN");
    assertThat(sql.dropUnchanged())
        .isEqualTo(
            "DELETE FROM observation_draft d USING observation c WHERE d.dataset_id = :id AND NOT"
                + " d.deleted AND c.dataset_id = :id AND c.valid_from IS NOT NULL AND c.valid_to"
                + " IS NULL AND d.ref_area = c.ref_area AND d.measure = c.measure AND"
                + " d.coop_type = c.coop_type AND d.coop_level = c.coop_level AND d.activity ="
                + " c.activity AND d.sex = c.sex AND d.member_kind = c.member_kind AND"
                + " d.work_cat = c.work_cat AND d.time_period = c.time_period AND d.obs_value IS"
                + " NOT DISTINCT FROM c.obs_value AND d.obs_status = c.obs_status AND"
                + " d.conf_status = c.conf_status AND d.unit_measure = c.unit_measure AND"
                + " d.unit_mult = c.unit_mult AND d.comment_obs IS NOT DISTINCT FROM"
                + " c.comment_obs");
    assertThat(sql.copyDraft(42)).startsWith("COPY observation_draft_42 (dataset_id, ref_area,");
    assertThat(sql.createDraftKey(42))
        .isEqualTo(
            "CREATE UNIQUE INDEX IF NOT EXISTS observation_draft_42_key ON observation_draft_42"
                + " (ref_area, measure, coop_type, coop_level, activity, sex, member_kind,"
                + " work_cat, time_period)");
    assertThat(sql.mergeIntoDraft(42))
        .isEqualTo(
            "WITH merged AS (INSERT INTO observation_draft_42 AS d (dataset_id, ref_area,"
                + " measure, coop_type, coop_level, activity, sex, member_kind, work_cat,"
                + " time_period, obs_value, obs_status, conf_status, unit_measure, unit_mult,"
                + " comment_obs, deleted) SELECT dataset_id, ref_area, measure, coop_type,"
                + " coop_level, activity, sex, member_kind, work_cat, time_period, obs_value,"
                + " obs_status, conf_status, unit_measure, unit_mult, comment_obs, deleted FROM"
                + " staging ON CONFLICT (ref_area, measure, coop_type, coop_level, activity, sex,"
                + " member_kind, work_cat, time_period) DO UPDATE SET obs_value ="
                + " EXCLUDED.obs_value, obs_status = EXCLUDED.obs_status, conf_status ="
                + " EXCLUDED.conf_status, unit_measure = EXCLUDED.unit_measure, unit_mult ="
                + " EXCLUDED.unit_mult, comment_obs = EXCLUDED.comment_obs, deleted ="
                + " EXCLUDED.deleted RETURNING d.xmax = 0 AS inserted) SELECT count(*) FILTER"
                + " (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged");
    assertThat(sql.nonZeroPublished(COOP_STATS.attribute("UNIT_MULT").orElseThrow()))
        .isEqualTo(
            "SELECT ref_area, measure, coop_type, coop_level, activity, sex, member_kind,"
                + " work_cat, time_period, unit_mult, obs_value FROM observation WHERE dataset_id"
                + " = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND obs_value"
                + " <> 0");
    assertThat(sql.summary())
        .startsWith(
            "SELECT count(*), array_agg(DISTINCT ref_area), array_agg(DISTINCT measure),"
                + " min(time_period), max(time_period) FROM observation");
  }

  @Test
  void aChangeQueryBindsItsMomentsInsteadOfWritingThemIntoTheStatement() {
    ObservationSql.Select select = new ObservationSql(COOP_STATS).select(query(changes()));

    assertThat(select.rows())
        .doesNotContain("2026")
        .contains("CASE WHEN o.valid_to IS NOT NULL AND o.valid_to <= ? THEN 'D' ELSE 'I' END");
    // the action's moment comes first: it is in the column list, before the conditions
    assertThat(select.rowParameters().get(0)).isEqualTo(Timestamp.from(NOW.toInstant()));
    assertThat(select.rowParameters()).contains(Timestamp.from(SINCE.toInstant()));
    assertThat(select.countParameters())
        .isEqualTo(select.rowParameters().subList(1, select.rowParameters().size() - 2));
  }

  @Test
  void everyStatementHasAParameterForEachPlaceholder() {
    ObservationSql sql = new ObservationSql(extended());
    List<ObservationQuery> queries = new ArrayList<>();
    for (Visibility.Kind kind : Visibility.Kind.values()) {
      queries.add(query(new Visibility(kind, NOW, SINCE)));
    }
    queries.add(
        new ObservationQuery(
            Map.of("REF_AREA", Set.of("CAN"), "MEASURE", Set.of("COOPS", "MEMBERS")),
            TimePeriod.parse("2018").orElseThrow(),
            TimePeriod.parse("2021").orElseThrow(),
            Set.of("STATCAN"),
            Set.of(1L, 2L),
            Visibility.asOf(NOW),
            new PageRequest(0, 10)));
    for (ObservationQuery query : queries) {
      ObservationSql.Select select = sql.select(query);
      assertThat(placeholders(select.rows()))
          .as(select.rows())
          .isEqualTo(select.rowParameters().size());
      assertThat(placeholders(select.count())).isEqualTo(select.countParameters().size());
    }
  }

  @Test
  void aDraftIsReadWithTheDatesOfItsPeriods() {
    String rows =
        new ObservationSql(COOP_STATS)
            .select(query(new Visibility(Visibility.Kind.DRAFT, NOW, null)))
            .rows();

    assertThat(rows)
        .contains(
            "FROM (SELECT r.*, p.period_start, p.period_end FROM observation_draft r LEFT JOIN"
                + " reference_period p ON p.time_period = r.time_period) o")
        .contains("NULL::timestamptz, NULL::timestamptz, CASE WHEN o.deleted");
  }

  /** A dataset's draft table is its partition, named by its id alone. */
  @Test
  void eachDraftIsAPartitionNamedByItsDataset() {
    ObservationSql sql = new ObservationSql(TestStructure.coopStats());
    assertThat(sql.createDraftTable(42))
        .isEqualTo("CREATE TABLE observation_draft_42 (LIKE observation_draft INCLUDING DEFAULTS)");
    assertThat(sql.attachDraftTable(42))
        .isEqualTo(
            "ALTER TABLE observation_draft ATTACH PARTITION observation_draft_42 FOR VALUES IN"
                + " (42)");
    assertThat(sql.dropDraftKey(42)).isEqualTo("DROP INDEX IF EXISTS observation_draft_42_key");
  }

  /** A structure's statements name its own tables, never COOP_STATS's. */
  @Test
  void eachStructureHasTablesOfItsOwn() {
    DataStructure base = TestStructure.coopStats();
    ObservationSql sql =
        new ObservationSql(
            new DataStructure(
                "CONTEXT",
                base.agency(),
                base.version(),
                "Reference figures",
                null,
                base.dimensions(),
                base.attributes(),
                base.measures(),
                base.codeLists(),
                "observation_context"));
    List<String> statements =
        List.of(
            sql.openDraft(),
            sql.closeChanged(),
            sql.closeMissing(),
            sql.dropUnchanged(),
            sql.closeAll(),
            sql.countDraft(),
            sql.mergeIntoDraft(7),
            sql.createDraftTable(7),
            sql.attachDraftTable(7),
            sql.select(query(Visibility.asOf(NOW))).rows(),
            sql.select(query(new Visibility(Visibility.Kind.DRAFT, NOW, null))).rows());
    for (String statement : statements) {
      assertThat(statement)
          .as(statement)
          .containsPattern("\\bobservation_context(_draft(_7)?)?\\b")
          .doesNotContainPattern("\\bobservation(_draft(_7)?)?\\b");
    }
  }

  /** The statements on the three tables are this package's: no other source names them in SQL. */
  @Test
  void noOtherPackageHasSqlOnTheObservationTables() throws IOException {
    Pattern sql =
        Pattern.compile(
            "(?i)\\b(FROM|INTO|UPDATE|JOIN|TABLE|USING)\\s+(observation(_\\w+)?|"
                + "reference_period)\\b");
    Path main = Path.of("src/main/java/org/coopstats");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (!file.startsWith(main.resolve("observation"))
            && sql.matcher(Files.readString(file)).find()) {
          found.add(main.relativize(file).toString());
        }
      }
    }
    assertThat(found).isEmpty();
  }

  private static Visibility changes() {
    return new Visibility(Visibility.Kind.CHANGES, NOW, SINCE);
  }

  private static ObservationQuery query(Visibility visibility) {
    return new ObservationQuery(
        Map.of(), null, null, Set.of(), Set.of(), visibility, new PageRequest(0, 100));
  }

  private static void assertNamesAll(String statement, List<String> columns) {
    for (String column : columns) {
      assertThat(statement).as(statement).containsPattern("\\b" + column + "\\b");
    }
  }

  private static long placeholders(String statement) {
    return statement.chars().filter(c -> c == '?').count();
  }
}
