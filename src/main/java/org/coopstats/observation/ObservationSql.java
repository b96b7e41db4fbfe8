package org.coopstats.observation;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;

/**
 * Every SQL statement on the observation tables, built from one data structure: {@code observation}
 * (published values, each with its validity interval), {@code observation_draft} (each dataset's
 * draft) and {@code reference_period} (the dates of each period). A value's row has a column per
 * series dimension ({@link DimensionDef#column()}), the time dimension's, {@code obs_value} and a
 * column per attribute ({@link AttributeDef#column()}); so a dimension or an attribute added to a
 * structure (a migration adding the columns and the structure's rows) needs no change in the code
 * that writes, publishes, queries or renders values.
 *
 * <p>Column names come from the catalog's migrations, never from a request; every value from a
 * request is a bound parameter. Statements run through JDBC take {@code ?} parameters; those run in
 * the publishing lifecycle's transaction through the EntityManager take named ones ({@code :id},
 * {@code :at}, {@code :version}, …), as each method says.
 */
public final class ObservationSql {

  private static final String PUBLISHED = "observation";
  private static final String DRAFT = "observation_draft";
  private static final String STAGING = "staging";
  private static final String VALUE = "obs_value";

  /** A published value of the dataset {@code :id} still open (current or scheduled). */
  private static final String OPEN =
      "c.dataset_id = :id AND c.valid_from IS NOT NULL AND c.valid_to IS NULL";

  private static final String OF_DRAFT = "d.dataset_id = :id";

  private final List<DimensionDef> series;
  private final List<AttributeDef> attributes;
  private final List<String> keyColumns;
  private final String timeColumn;
  private final List<String> attributeColumns;
  private final List<String> attributeIds;
  private final String areaColumn;
  private final String measureColumn;

  public ObservationSql(DataStructure structure) {
    this.series = structure.seriesDimensions();
    this.attributes = structure.attributes();
    this.keyColumns = series.stream().map(DimensionDef::column).toList();
    this.timeColumn = structure.timeDimension().column();
    this.attributeColumns = attributes.stream().map(AttributeDef::column).toList();
    this.attributeIds = attributes.stream().map(AttributeDef::id).toList();
    this.areaColumn =
        structure.dimension(DataStructure.REF_AREA).map(DimensionDef::column).orElse(null);
    this.measureColumn =
        structure.dimension(DataStructure.MEASURE).map(DimensionDef::column).orElse(null);
  }

  /** The columns of the series key, in key order. */
  public List<String> keyColumns() {
    return keyColumns;
  }

  public String timeColumn() {
    return timeColumn;
  }

  /** The attribute columns, in the structure's order. */
  public List<String> attributeColumns() {
    return attributeColumns;
  }

  /** The structure's attribute ids, in its order: that of {@link ObservationRow#attributes()}. */
  public List<String> attributeIds() {
    return attributeIds;
  }

  // ---- Uploads (JDBC) ------------------------------------------------------------------------

  /**
   * COPY into the draft or the staging table ({@code staging}: true); the fields of a row are the
   * dataset, the key, the period, the value, the attributes in the structure's order and whether
   * the row is a deletion.
   */
  public String copy(boolean staging) {
    return "COPY " + (staging ? STAGING : DRAFT) + " (" + draftColumns() + ") FROM STDIN";
  }

  /** Empties a dataset's draft: parameter the dataset. */
  public static String deleteDraft() {
    return "DELETE FROM " + DRAFT + " WHERE dataset_id = ?";
  }

  /** Whether a dataset's draft has rows: parameter the dataset. */
  public static String hasDraft() {
    return "SELECT EXISTS (SELECT 1 FROM " + DRAFT + " WHERE dataset_id = ?)";
  }

  /** Records periods and their dates: parameters text[], date[] and date[] of equal lengths. */
  public static String recordPeriods() {
    return "INSERT INTO reference_period (time_period, period_start, period_end)"
        + " SELECT * FROM unnest(?::text[], ?::date[], ?::date[]) ON CONFLICT DO NOTHING";
  }

  /** The temporary table that rows to be merged into a draft go to first. */
  public static String createStaging() {
    return "CREATE TEMP TABLE " + STAGING + " (LIKE " + DRAFT + ") ON COMMIT DROP";
  }

  public static String analyzeStaging() {
    return "ANALYZE " + STAGING;
  }

  /** The draft rows of keys staged anew take the staged value: parameter the dataset. */
  public String mergeUpdate() {
    String set =
        Stream.concat(
                Stream.concat(Stream.of(VALUE), attributeColumns.stream()), Stream.of("deleted"))
            .map(c -> c + " = s." + c)
            .collect(Collectors.joining(", "));
    return "UPDATE "
        + DRAFT
        + " d SET "
        + set
        + " FROM "
        + STAGING
        + " s WHERE d.dataset_id = ? AND "
        + sameKey("d", "s");
  }

  /** The staged rows of keys not yet in the draft go in: parameter the dataset. */
  public String mergeInsert() {
    return "INSERT INTO "
        + DRAFT
        + " ("
        + draftColumns()
        + ") SELECT "
        + draftColumns()
        + " FROM "
        + STAGING
        + " s WHERE NOT EXISTS (SELECT 1 FROM "
        + DRAFT
        + " d WHERE d.dataset_id = ? AND "
        + sameKey("d", "s")
        + ")";
  }

  /**
   * A dataset's non-zero values published at a moment, for rule R10: the key, the period, {@code
   * attribute} and the value. Parameters: the dataset, then the moment twice.
   */
  public String nonZeroPublished(AttributeDef attribute) {
    return "SELECT "
        + String.join(", ", keyColumns)
        + ", "
        + timeColumn
        + ", "
        + attribute.column()
        + ", "
        + VALUE
        + " FROM "
        + PUBLISHED
        + " WHERE dataset_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND "
        + VALUE
        + " <> 0";
  }

  // ---- The publishing lifecycle (EntityManager, named parameters) ----------------------------

  /**
   * For a replacing draft: closes at {@code :at} the open values of {@code :id} it has no row for.
   */
  public String closeMissing() {
    return "UPDATE "
        + PUBLISHED
        + " c SET valid_to = :at WHERE "
        + OPEN
        + " AND NOT EXISTS (SELECT 1 FROM "
        + DRAFT
        + " d WHERE "
        + OF_DRAFT
        + " AND "
        + sameKey("d", "c")
        + ")";
  }

  /** Drops the draft rows of {@code :id} equal to the open value of their key (no change). */
  public String dropUnchanged() {
    return "DELETE FROM "
        + DRAFT
        + " d USING "
        + PUBLISHED
        + " c WHERE "
        + OF_DRAFT
        + " AND NOT d.deleted AND "
        + OPEN
        + " AND "
        + sameKey("d", "c")
        + " AND "
        + sameValue("d", "c");
  }

  /** Closes at {@code :at} the open values of {@code :id} whose key the draft has a row for. */
  public String closeChanged() {
    return "UPDATE "
        + PUBLISHED
        + " c SET valid_to = :at FROM "
        + DRAFT
        + " d WHERE "
        + OPEN
        + " AND "
        + OF_DRAFT
        + " AND "
        + sameKey("d", "c");
  }

  /**
   * Opens the draft's values of {@code :id} (deletions aside) at {@code :at} as version {@code
   * :version}, with their periods' dates. Every upload records its periods before storing rows;
   * were one missing, the NOT NULL dates of {@code observation} would refuse the release rather
   * than the join dropping the row.
   */
  public String openDraft() {
    return "INSERT INTO "
        + PUBLISHED
        + " (dataset_id, "
        + valueColumns("")
        + ", period_start, period_end, valid_from, version) SELECT d.dataset_id, "
        + valueColumns("d.")
        + ", p.period_start, p.period_end, :at, :version FROM "
        + DRAFT
        + " d LEFT JOIN reference_period p ON p.time_period = d."
        + timeColumn
        + " WHERE "
        + OF_DRAFT
        + " AND NOT d.deleted";
  }

  /** Empties the draft of {@code :id}. */
  public static String clearDraft() {
    return "DELETE FROM " + DRAFT + " d WHERE " + OF_DRAFT;
  }

  /** Closes at {@code :at} every open value of {@code :id}. */
  public static String closeAll() {
    return "UPDATE " + PUBLISHED + " c SET valid_to = :at WHERE " + OPEN;
  }

  /** How many rows the draft of {@code :id} has. */
  public static String countDraft() {
    return "SELECT count(*) FROM " + DRAFT + " WHERE dataset_id = :id";
  }

  /**
   * What {@code :id} holds at {@code :now}: how many values, the areas, the measures, the first and
   * the last period.
   */
  public String summary() {
    return "SELECT count(*), array_agg(DISTINCT "
        + required(areaColumn, DataStructure.REF_AREA)
        + "), array_agg(DISTINCT "
        + required(measureColumn, DataStructure.MEASURE)
        + "), min("
        + timeColumn
        + "), max("
        + timeColumn
        + ") FROM "
        + PUBLISHED
        + " WHERE dataset_id = :id AND valid_from <= :now AND (valid_to IS NULL OR valid_to > :now)";
  }

  /**
   * Whether the dataset {@code datasetId} (an SQL expression) has a value published at {@code
   * :areaNow} in one of the areas {@code :areas} (text[]).
   */
  public String publishedInAreas(String datasetId) {
    return "EXISTS (SELECT 1 FROM "
        + PUBLISHED
        + " o WHERE o.dataset_id = "
        + datasetId
        + " AND o."
        + required(areaColumn, DataStructure.REF_AREA)
        + " = ANY(CAST(:areas AS text[]))"
        + " AND o.valid_from <= :areaNow AND (o.valid_to IS NULL OR o.valid_to > :areaNow))";
  }

  /** Whether the draft of {@code datasetId} (an SQL expression) has a row in {@code :areas}. */
  public String draftInAreas(String datasetId) {
    return "EXISTS (SELECT 1 FROM "
        + DRAFT
        + " o WHERE o.dataset_id = "
        + datasetId
        + " AND o."
        + required(areaColumn, DataStructure.REF_AREA)
        + " = ANY(CAST(:areas AS text[])))";
  }

  // ---- Queries (JDBC) ------------------------------------------------------------------------

  /**
   * The statements of a query: one page of the rows, and how many rows there are in all; each with
   * its parameters in the order of its {@code ?} (String, String[], Long[], Timestamp, Date or
   * Integer).
   */
  public record Select(
      String rows, List<Object> rowParameters, String count, List<Object> countParameters) {}

  /**
   * What {@code query} asks for. A row's columns: dataset, provider, the key, the period, the
   * value, the attributes, valid from, valid to (both null for the draft) and the action (I or D;
   * null but for the draft and changes).
   */
  public Select select(ObservationQuery query) {
    Clause action = new Clause();
    Clause where = new Clause();
    where.sql.append(" WHERE true");
    visibility(query.visibility(), action, where);
    keyFilters(query, where);
    otherFilters(query, where);
    boolean draft = query.visibility().kind() == Visibility.Kind.DRAFT;
    String from = from(draft);
    String rows =
        "SELECT "
            + columns(draft, action.sql)
            + from
            + where.sql
            + order(draft)
            + " LIMIT ? OFFSET ?";
    List<Object> rowParameters = new ArrayList<>(action.parameters);
    rowParameters.addAll(where.parameters);
    rowParameters.add(query.page().limit());
    rowParameters.add(query.page().offset());
    return new Select(rows, rowParameters, "SELECT count(*)" + from + where.sql, where.parameters);
  }

  /** A statement without paging: its SQL and the parameters of its {@code ?}, in order. */
  public record Unpaged(String sql, List<Object> parameters) {}

  /**
   * Every row {@code query} asks for, unpaged, with the columns of {@link #select} (two more
   * follow, to be ignored): grouped by data set (a dataset's values, or its deletions), the data
   * sets in the order of their first row in the order of {@link #select}, and within one in that
   * order. So a writer that groups data sets and series can take the rows one by one, as they come
   * from one cursor, and write what a writer of the whole list in {@link #select}'s order would.
   */
  public Unpaged stream(ObservationQuery query) {
    Clause action = new Clause();
    Clause where = new Clause();
    where.sql.append(" WHERE true");
    visibility(query.visibility(), action, where);
    keyFilters(query, where);
    otherFilters(query, where);
    boolean draft = query.visibility().kind() == Visibility.Kind.DRAFT;
    String ranked =
        "SELECT "
            + columns(draft, action.sql)
            + " AS action, row_number() OVER ("
            + order(draft).substring(1)
            + ") AS position"
            + from(draft)
            + where.sql;
    String sql =
        "SELECT s.* FROM (SELECT r.*, min(r.position) OVER (PARTITION BY r.dataset_id, r.action)"
            + " AS set_position FROM ("
            + ranked
            + ") r) s ORDER BY s.set_position, s.position";
    List<Object> parameters = new ArrayList<>(action.parameters);
    parameters.addAll(where.parameters);
    return new Unpaged(sql, parameters);
  }

  /**
   * The distinct codes of each series dimension among the rows {@code query} asks for (paging
   * aside), and the first start and the last end of their periods: one scan, a grouping set per
   * dimension and one for the whole. A row's columns: the key's columns (the code of the row's
   * dimension, null in the others), the first period start, the last period end, then the
   * GROUPING() bits of the key's columns (bit {@code n - 1 - i} set when dimension {@code i} is not
   * the row's; all set for the row of the whole).
   */
  public Unpaged distinctCodes(ObservationQuery query) {
    Clause action = new Clause();
    Clause where = new Clause();
    where.sql.append(" WHERE true");
    visibility(query.visibility(), action, where);
    keyFilters(query, where);
    otherFilters(query, where);
    boolean draft = query.visibility().kind() == Visibility.Kind.DRAFT;
    String keys = keyColumns.stream().map(c -> "o." + c).collect(Collectors.joining(", "));
    String sets = keyColumns.stream().map(c -> "(o." + c + "), ").collect(Collectors.joining());
    String sql =
        "SELECT "
            + keys
            + ", min(o.period_start), max(o.period_end), GROUPING("
            + keys
            + ")"
            + from(draft)
            + where.sql
            + " GROUP BY GROUPING SETS ("
            + sets
            + "())";
    return new Unpaged(sql, new ArrayList<>(where.parameters));
  }

  /** SQL text with the parameters of its {@code ?}, in order. */
  private static final class Clause {
    final StringBuilder sql = new StringBuilder();
    final List<Object> parameters = new ArrayList<>();

    Clause add(String text, Object... values) {
      sql.append(text);
      parameters.addAll(List.of(values));
      return this;
    }
  }

  /** The condition on the values a visibility sees, and the SQL of the row's action column. */
  private void visibility(Visibility visibility, Clause action, Clause where) {
    Timestamp now = Timestamp.from(visibility.at().toInstant());
    switch (visibility.kind()) {
      case AS_OF -> {
        where.add(" AND o.valid_from <= ? AND (o.valid_to IS NULL OR o.valid_to > ?)", now, now);
        action.add("NULL");
      }
      case HISTORY -> {
        where.add(" AND o.valid_from <= ?", now);
        action.add("NULL");
      }
      case DRAFT -> action.add("CASE WHEN o.deleted THEN 'D' ELSE 'I' END");
      case PREVIEW -> {
        where.add(" AND o.valid_from IS NOT NULL AND o.valid_to IS NULL");
        action.add("NULL");
      }
      case CHANGES -> changes(Timestamp.from(visibility.since().toInstant()), now, action, where);
      default -> throw new IllegalStateException(visibility.kind().name());
    }
  }

  /**
   * Current values that opened after {@code since}, and keys whose last value closed after {@code
   * since} with nothing current now (deletions, withdrawals).
   */
  private void changes(Timestamp since, Timestamp now, Clause action, Clause where) {
    String sameKey = "n.dataset_id = o.dataset_id AND " + sameKey("n", "o");
    where.add(
        " AND ((o.valid_from > ? AND o.valid_from <= ? AND (o.valid_to IS NULL OR o.valid_to > ?))"
            + " OR (o.valid_to > ? AND o.valid_to <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM "
            + PUBLISHED
            + " n WHERE "
            + sameKey
            + " AND n.valid_from <= ? AND (n.valid_to IS NULL OR n.valid_to > ?))"
            + " AND NOT EXISTS (SELECT 1 FROM "
            + PUBLISHED
            + " n WHERE "
            + sameKey
            + " AND n.valid_to > o.valid_to AND n.valid_to <= ?)))",
        since,
        now,
        now,
        since,
        now,
        now,
        now,
        now);
    action.add("CASE WHEN o.valid_to IS NOT NULL AND o.valid_to <= ? THEN 'D' ELSE 'I' END", now);
  }

  /** One code: "= ?", which PostgreSQL can plan once for all codes; several: "= ANY(?)". */
  private void keyFilters(ObservationQuery query, Clause where) {
    for (DimensionDef dimension : series) {
      Set<String> codes = query.codes().get(dimension.id());
      if (codes != null && codes.size() == 1) {
        // bench: the generic plan for ANY scanned the whole area, so every request was planned anew
        where.add(" AND o." + dimension.column() + " = ?", codes.iterator().next());
      } else if (codes != null && !codes.isEmpty()) {
        where.add(
            " AND o." + dimension.column() + " = ANY(?)", (Object) codes.toArray(String[]::new));
      }
    }
  }

  private static void otherFilters(ObservationQuery query, Clause where) {
    if (query.startPeriod() != null) {
      where.add(" AND o.period_start >= ?", Date.valueOf(query.startPeriod().start()));
    }
    if (query.endPeriod() != null) {
      where.add(" AND o.period_end <= ?", Date.valueOf(query.endPeriod().end()));
    }
    if (!query.providers().isEmpty()) {
      where.add(" AND d.provider_id = ANY(?)", (Object) query.providers().toArray(String[]::new));
    }
    if (!query.datasets().isEmpty()) {
      where.add(" AND o.dataset_id = ANY(?)", (Object) query.datasets().toArray(Long[]::new));
    }
  }

  private String columns(boolean draft, CharSequence action) {
    return "o.dataset_id, d.provider_id, "
        + valueColumns("o.")
        + (draft ? ", NULL::timestamptz, NULL::timestamptz, " : ", o.valid_from, o.valid_to, ")
        + action;
  }

  /** The draft has its periods' dates in {@code reference_period}. */
  private String from(boolean draft) {
    return " FROM "
        + (draft
            ? "(SELECT r.*, p.period_start, p.period_end FROM "
                + DRAFT
                + " r LEFT JOIN reference_period p ON p.time_period = r."
                + timeColumn
                + ")"
            : PUBLISHED)
        + " o JOIN dataset d ON d.id = o.dataset_id";
  }

  private String order(boolean draft) {
    return " ORDER BY "
        + keyColumns.stream().map(c -> "o." + c + ", ").collect(Collectors.joining())
        + "o.period_start, o."
        + timeColumn
        + ", o.dataset_id"
        + (draft ? "" : ", o.valid_from");
  }

  // ---- Column lists and conditions -----------------------------------------------------------

  /** The key, the period, the value and the attributes, each prefixed. */
  private String valueColumns(String prefix) {
    List<String> columns = new ArrayList<>(keyColumns);
    columns.add(timeColumn);
    columns.add(VALUE);
    columns.addAll(attributeColumns);
    return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
  }

  /** A draft row's columns, as COPY writes them. */
  private String draftColumns() {
    return "dataset_id, " + valueColumns("") + ", deleted";
  }

  /** The same key and period in the rows {@code a} and {@code b}. */
  private String sameKey(String a, String b) {
    return Stream.concat(keyColumns.stream(), Stream.of(timeColumn))
        .map(c -> a + "." + c + " = " + b + "." + c)
        .collect(Collectors.joining(" AND "));
  }

  /**
   * The same value and attributes in the rows {@code a} and {@code b}; the value and the attributes
   * that are not required may be null.
   */
  private String sameValue(String a, String b) {
    List<String> same = new ArrayList<>();
    same.add(a + "." + VALUE + " IS NOT DISTINCT FROM " + b + "." + VALUE);
    for (AttributeDef attribute : attributes) {
      String c = attribute.column();
      same.add(
          a + "." + c + (attribute.required() ? " = " : " IS NOT DISTINCT FROM ") + b + "." + c);
    }
    return String.join(" AND ", same);
  }

  private static String required(String column, String dimension) {
    if (column == null) {
      throw new IllegalStateException("The structure has no dimension " + dimension);
    }
    return column;
  }
}
