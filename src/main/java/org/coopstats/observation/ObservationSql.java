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

  private static final String STAGING = "staging";
  private static final String VALUE = "obs_value";

  /** A published value of the dataset {@code :id} still open (current or scheduled). */
  private static final String OPEN =
      "c.dataset_id = :id AND c.valid_from IS NOT NULL AND c.valid_to IS NULL";

  private static final String OF_DRAFT = "d.dataset_id = :id";

  /** The structure's published values, and its drafts (one partition per dataset). */
  private final String publishedName;

  private final String draftName;
  private final List<DimensionDef> series;
  private final List<AttributeDef> attributes;
  private final List<String> keyColumns;
  private final String timeColumn;
  private final List<String> attributeColumns;
  private final List<String> attributeIds;
  private final String areaColumn;
  private final String measureColumn;
  private final List<String> orderedColumns;

  public ObservationSql(DataStructure structure) {
    this.publishedName = structure.publishedTable();
    this.draftName = structure.draftTable();
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
    List<String> ordered = new ArrayList<>(keyColumns);
    ordered.addAll(List.of("period_start", timeColumn, "dataset_id", "valid_from"));
    this.orderedColumns = List.copyOf(ordered);
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
   * COPY into the staging table; the fields of a row are the dataset, the key, the period, the
   * value, the attributes in the structure's order and whether the row is a deletion.
   */
  public String copyStaging() {
    return copy(STAGING);
  }

  /**
   * COPY into the dataset's own draft table (its partition), with the fields of {@link
   * #copyStaging()}.
   */
  public String copyDraft(long datasetId) {
    return copy(draftTable(datasetId));
  }

  private String copy(String table) {
    return "COPY " + table + " (" + draftColumns() + ") FROM STDIN";
  }

  /**
   * The partition of {@code observation_draft} that holds one dataset's draft. Named by the
   * dataset's id (a number), never by anything from a request.
   */
  public String draftTable(long datasetId) {
    return draftName + "_" + datasetId;
  }

  /** Whether a table exists: parameter its name. */
  public static String tableExists() {
    return "SELECT to_regclass(?) IS NOT NULL";
  }

  /** A dataset's draft table, shaped as {@code observation_draft}; not yet a partition of it. */
  public String createDraftTable(long datasetId) {
    return "CREATE TABLE " + draftTable(datasetId) + " (LIKE " + draftName + " INCLUDING DEFAULTS)";
  }

  /** Makes a dataset's draft table the partition of {@code observation_draft} for its rows. */
  public String attachDraftTable(long datasetId) {
    return "ALTER TABLE "
        + draftName
        + " ATTACH PARTITION "
        + draftTable(datasetId)
        + " FOR VALUES IN ("
        + datasetId
        + ")";
  }

  /**
   * The unique index on the key and period of one dataset's draft, which a merge probes once per
   * staged row (built by the first merge into a draft that has rows).
   */
  public String createDraftKey(long datasetId) {
    return "CREATE UNIQUE INDEX IF NOT EXISTS "
        + draftKey(datasetId)
        + " ON "
        + draftTable(datasetId)
        + " ("
        + String.join(", ", keyAndTime())
        + ")";
  }

  /**
   * Drops the key index of a dataset's draft, for an upload into the empty draft: copying a large
   * upload costs several times more with the index kept up row by row than without it.
   */
  public String dropDraftKey(long datasetId) {
    return "DROP INDEX IF EXISTS " + draftKey(datasetId);
  }

  private String draftKey(long datasetId) {
    return draftTable(datasetId) + "_key";
  }

  /** Empties a dataset's draft: parameter the dataset. */
  public String deleteDraft() {
    return "DELETE FROM " + draftName + " WHERE dataset_id = ?";
  }

  /** Whether a dataset's draft has rows: parameter the dataset. */
  public String hasDraft() {
    return "SELECT EXISTS (SELECT 1 FROM " + draftName + " WHERE dataset_id = ?)";
  }

  /** Records periods and their dates: parameters text[], date[] and date[] of equal lengths. */
  public static String recordPeriods() {
    return "INSERT INTO reference_period (time_period, period_start, period_end)"
        + " SELECT * FROM unnest(?::text[], ?::date[], ?::date[]) ON CONFLICT DO NOTHING";
  }

  /** The temporary table that rows to be merged into a draft go to first. */
  public String createStaging() {
    return "CREATE TEMP TABLE " + STAGING + " (LIKE " + draftName + ") ON COMMIT DROP";
  }

  /**
   * Merges the staged rows into a dataset's draft by its key index ({@link #createDraftKey}): a new
   * key goes in, a key the draft has takes the staged value, attributes and deletion. Each staged
   * row is one probe of the index, whatever the planner knows of the draft (a join planned on stale
   * statistics once scanned the draft per staged row). Returns one row: {inserted, updated} ({@code
   * xmax} is 0 on a row version this statement inserted, and set on one it updated).
   */
  public String mergeIntoDraft(long datasetId) {
    String set =
        Stream.concat(
                Stream.concat(Stream.of(VALUE), attributeColumns.stream()), Stream.of("deleted"))
            .map(c -> c + " = EXCLUDED." + c)
            .collect(Collectors.joining(", "));
    return "WITH merged AS (INSERT INTO "
        + draftTable(datasetId)
        + " AS d ("
        + draftColumns()
        + ") SELECT "
        + draftColumns()
        + " FROM "
        + STAGING
        + " ON CONFLICT ("
        + String.join(", ", keyAndTime())
        + ") DO UPDATE SET "
        + set
        + " RETURNING d.xmax = 0 AS inserted)"
        + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
        + " FROM merged";
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
        + publishedName
        + " WHERE dataset_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND "
        + VALUE
        + " <> 0";
  }

  // ---- The publishing lifecycle (EntityManager, named parameters) ----------------------------

  /**
   * For a replacing draft: closes at {@code :at} the open values of {@code :id} it has no row for.
   */
  public String closeMissing() {
    return "UPDATE " + publishedName + " c SET valid_to = :at WHERE " + openWithoutDraftRow();
  }

  /**
   * The open values {@code c} of {@code :id} whose key the draft has no row for: what a replacing
   * draft closes at its release, and what the review of its changes lists as DELETED.
   */
  private String openWithoutDraftRow() {
    return OPEN
        + " AND NOT EXISTS (SELECT 1 FROM "
        + draftName
        + " d WHERE "
        + OF_DRAFT
        + " AND "
        + sameKey("d", "c")
        + ")";
  }

  /** Drops the draft rows of {@code :id} equal to the open value of their key (no change). */
  public String dropUnchanged() {
    return "DELETE FROM "
        + draftName
        + " d USING "
        + publishedName
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
        + publishedName
        + " c SET valid_to = :at FROM "
        + draftName
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
        + publishedName
        + " (dataset_id, "
        + valueColumns("")
        + ", period_start, period_end, valid_from, version) SELECT d.dataset_id, "
        + valueColumns("d.")
        + ", p.period_start, p.period_end, :at, :version FROM "
        + draftName
        + " d LEFT JOIN reference_period p ON p.time_period = d."
        + timeColumn
        + " WHERE "
        + OF_DRAFT
        + " AND NOT d.deleted";
  }

  /** Empties the draft of {@code :id}. */
  public String clearDraft() {
    return "DELETE FROM " + draftName + " d WHERE " + OF_DRAFT;
  }

  /** Closes at {@code :at} every open value of {@code :id}. */
  public String closeAll() {
    return "UPDATE " + publishedName + " c SET valid_to = :at WHERE " + OPEN;
  }

  /**
   * The draft of {@code :id} set against the open published values, key by key: {@code change}
   * (ADDED, CHANGED, UNCHANGED, DELETED, or NOTHING for a deletion of a key never published), the
   * key and period, then the published value and attributes ({@code p_}), then the draft's ({@code
   * d_}). With {@code replaces}, the open keys the draft has no row for are DELETED, as the release
   * will close them. Kept to {@code :changes}, in key order, a page of {@code :limit} from {@code
   * :offset}.
   */
  public String draftChanges(boolean replaces) {
    return "SELECT * FROM ("
        + changesOf(replaces)
        + ") ch WHERE ch.change IN (:changes) ORDER BY "
        + String.join(", ", keyAndTime())
        + " LIMIT :limit OFFSET :offset";
  }

  /** How many keys of {@link #draftChanges} there are of each change: rows (change, count). */
  public String draftChangeCounts(boolean replaces) {
    return "SELECT ch.change, count(*) FROM (" + changesOf(replaces) + ") ch GROUP BY ch.change";
  }

  private String changesOf(boolean replaces) {
    List<String> valueAndAttributes = new ArrayList<>(List.of(VALUE));
    valueAndAttributes.addAll(attributeColumns);
    String published =
        valueAndAttributes.stream()
            .map(c -> "c." + c + " AS p_" + c)
            .collect(Collectors.joining(", "));
    String draft =
        valueAndAttributes.stream()
            .map(c -> "d." + c + " AS d_" + c)
            .collect(Collectors.joining(", "));
    String keys = keyAndTime().stream().map(c -> "d." + c).collect(Collectors.joining(", "));
    String sql =
        "SELECT CASE WHEN d.deleted THEN CASE WHEN c.dataset_id IS NULL THEN 'NOTHING'"
            + " ELSE 'DELETED' END WHEN c.dataset_id IS NULL THEN 'ADDED' WHEN "
            + sameValue("d", "c")
            + " THEN 'UNCHANGED' ELSE 'CHANGED' END AS change, "
            + keys
            + ", "
            + published
            + ", "
            + draft
            + " FROM "
            + draftName
            + " d LEFT JOIN "
            + publishedName
            + " c ON "
            + OPEN
            + " AND "
            + sameKey("d", "c")
            + " WHERE "
            + OF_DRAFT;
    if (!replaces) {
      return sql;
    }
    String nothing = valueAndAttributes.stream().map(c -> "NULL").collect(Collectors.joining(", "));
    return sql
        + " UNION ALL SELECT 'DELETED', "
        + keyAndTime().stream().map(c -> "c." + c).collect(Collectors.joining(", "))
        + ", "
        + valueAndAttributes.stream().map(c -> "c." + c).collect(Collectors.joining(", "))
        + ", "
        + nothing
        + " FROM "
        + publishedName
        + " c WHERE "
        + openWithoutDraftRow();
  }

  /** How many rows the draft of {@code :id} has. */
  public String countDraft() {
    return "SELECT count(*) FROM " + draftName + " WHERE dataset_id = :id";
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
        + publishedName
        + " WHERE dataset_id = :id AND valid_from <= :now AND (valid_to IS NULL OR valid_to > :now)";
  }

  /**
   * Whether the dataset {@code datasetId} (an SQL expression) has a value published at {@code
   * :areaNow} in one of the areas {@code :areas} (text[]).
   */
  public String publishedInAreas(String datasetId) {
    return "EXISTS (SELECT 1 FROM "
        + publishedName
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
        + draftName
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
    return select(query, new Landmarks.Seek(null, query.page().offset()));
  }

  /**
   * What {@code query} asks for, the page found by {@code seek}: its rows come after the sort key
   * {@code seek.after()} (if any; a row-value comparison on the ordered columns, which the index on
   * the series key serves) and skip {@code seek.offset()}. For released views only: the draft's
   * order has no {@code valid_from}.
   */
  public Select select(ObservationQuery query, Landmarks.Seek seek) {
    Clause action = new Clause();
    Clause where = filtered(query, action);
    boolean draft = query.visibility().kind() == Visibility.Kind.DRAFT;
    String from = from(draft);
    Clause after = new Clause();
    if (seek.after() != null) {
      if (draft) {
        throw new IllegalArgumentException("The draft is not paged by landmarks");
      }
      after.add(
          " AND ("
              + orderedColumns.stream().map(c -> "o." + c).collect(Collectors.joining(", "))
              + ") > ("
              + orderedColumns.stream().map(c -> "?").collect(Collectors.joining(", "))
              + ")",
          seek.after().toArray());
    }
    String rows =
        "SELECT "
            + columns(draft, action.sql)
            + from
            + where.sql
            + after.sql
            + order(draft)
            + " LIMIT ? OFFSET ?";
    List<Object> rowParameters = new ArrayList<>(action.parameters);
    rowParameters.addAll(where.parameters);
    rowParameters.addAll(after.parameters);
    rowParameters.add(query.page().limit());
    rowParameters.add(seek.offset());
    return new Select(rows, rowParameters, "SELECT count(*)" + from + where.sql, where.parameters);
  }

  /** The columns of the query's order (released views), which make a row's sort key. */
  public List<String> orderedColumns() {
    return orderedColumns;
  }

  /** A statement with the parameters of its {@code ?}, in order. */
  public record Statement(String sql, List<Object> parameters) {}

  /**
   * One pass over every row of {@code query} (a released view) in its order, giving the row number
   * (from 1), whether it is the last row and the {@link #orderedColumns()} of every {@code
   * every}-th row and of the last: the total and the {@link Landmarks} at once.
   */
  public Statement landmarks(ObservationQuery query, int every) {
    if (query.visibility().isUnreleased()) {
      throw new IllegalArgumentException("Landmarks are kept for released views only");
    }
    Clause where = filtered(query, new Clause());
    String ordered = orderedColumns.stream().map(c -> "o." + c).collect(Collectors.joining(", "));
    String sql =
        "SELECT * FROM (SELECT row_number() OVER w AS landmark_row,"
            + " lead(true) OVER w IS NULL AS landmark_last, "
            + ordered
            + from(false)
            + where.sql
            + " WINDOW w AS (ORDER BY "
            + ordered
            + ")) s WHERE s.landmark_row % ? = 0 OR s.landmark_last";
    List<Object> parameters = new ArrayList<>(where.parameters);
    parameters.add(every);
    return new Statement(sql, parameters);
  }

  /** The conditions of {@code query}; the SQL of the row's action column goes to {@code action}. */
  private Clause filtered(ObservationQuery query, Clause action) {
    Clause where = new Clause();
    where.sql.append(" WHERE true");
    visibility(query.visibility(), action, where);
    keyFilters(query, where);
    otherFilters(query, where);
    return where;
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
            + publishedName
            + " n WHERE "
            + sameKey
            + " AND n.valid_from <= ? AND (n.valid_to IS NULL OR n.valid_to > ?))"
            + " AND NOT EXISTS (SELECT 1 FROM "
            + publishedName
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
                + draftName
                + " r LEFT JOIN reference_period p ON p.time_period = r."
                + timeColumn
                + ")"
            : publishedName)
        + " o JOIN dataset d ON d.id = o.dataset_id";
  }

  /** The order of {@link #orderedColumns()}; the draft's rows have no {@code valid_from}. */
  private String order(boolean draft) {
    List<String> ordered =
        draft ? orderedColumns.subList(0, orderedColumns.size() - 1) : orderedColumns;
    return " ORDER BY " + ordered.stream().map(c -> "o." + c).collect(Collectors.joining(", "));
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

  /** The key columns and the period's. */
  private List<String> keyAndTime() {
    return Stream.concat(keyColumns.stream(), Stream.of(timeColumn)).toList();
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
