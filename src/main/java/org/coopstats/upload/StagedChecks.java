package org.coopstats.upload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.catalog.MeasureDef;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.ValidationIssue;
import org.coopstats.validation.ValidationIssue.Severity;

/**
 * The consistency rules that look across rows (R05–R10), run as SQL over the staged rows of one
 * submission, so that their cost in memory does not grow with its size.
 *
 * <p>Additivity (R05) is driven by the data: it follows the parent links of every code list of the
 * structure, and skips the dimensions a measure declares non-additive.
 */
class StagedChecks {

  private static final BigDecimal MONEY_TOLERANCE = new BigDecimal("0.005");

  private final Connection connection;
  private final DataStructure structure;
  private final List<DimensionDef> dimensions;
  private final boolean csv;
  private final int limit;

  StagedChecks(Connection connection, DataStructure structure, boolean csv, int limit) {
    this.connection = connection;
    this.structure = structure;
    this.dimensions = structure.seriesDimensions();
    this.csv = csv;
    this.limit = limit;
  }

  /**
   * Plans the checks for one big batch: enough memory to hash the staged rows, and hash joins and
   * hash aggregates rather than sorts (a sort on eleven text columns took 2 s per 200,000 rows,
   * hashing 0.4 s). No parallel workers: each would rebuild the same hash tables. No JIT: the
   * staged rows make every plan look costly enough to compile, and compiling took longer than the
   * queries (0.9 s against 0.07 s for one R07 check on 200,000 rows). Undone by {@link
   * #restorePlanner()} except JIT, which stays off for the merge; all of it ends with the
   * transaction.
   */
  void tunePlanner(String workMem) throws SQLException {
    try (PreparedStatement memory =
            connection.prepareStatement("SELECT set_config('work_mem', ?, true)");
        Statement statement = connection.createStatement()) {
      memory.setString(1, workMem);
      memory.execute();
      statement.execute("SET LOCAL enable_sort = off");
      statement.execute("SET LOCAL enable_mergejoin = off");
      statement.execute("SET LOCAL max_parallel_workers_per_gather = 0");
      statement.execute("SET LOCAL jit = off");
    }
  }

  void restorePlanner() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "RESET work_mem; RESET enable_sort; RESET enable_mergejoin;"
              + " RESET max_parallel_workers_per_gather");
    }
  }

  /** R04: one value per series key and period. */
  void duplicates(Consumer<ValidationIssue> issues) throws SQLException {
    String key = columns("", null);
    String sql =
        "SELECT "
            + key
            + ", time_period, array_agg(row_ref) FROM staging GROUP BY "
            + key
            + ", time_period HAVING count(*) > 1 ORDER BY min(row_ref) LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String seriesKey = seriesKey(rs, 1);
          String period = rs.getString(dimensions.size() + 1);
          Long[] refs = (Long[]) rs.getArray(dimensions.size() + 2).getArray();
          java.util.Arrays.sort(refs);
          String where =
              (csv ? "lines " : "indexes ")
                  + java.util.Arrays.stream(refs)
                      .map(String::valueOf)
                      .collect(Collectors.joining(", "));
          issues.accept(
              issue(
                  refs[1],
                  "TIME_PERIOD",
                  period,
                  "R04",
                  Severity.ERROR,
                  "Series "
                      + seriesKey
                      + " has more than one value for "
                      + period
                      + " ("
                      + where
                      + "). Keep one row per series and period.",
                  seriesKey,
                  period,
                  null,
                  null));
        }
      }
    }
  }

  /** R05–R10 over the staged rows; R10 compares with the dataset's published values. */
  void consistency(long datasetId, OffsetDateTime now, Consumer<ValidationIssue> issues)
      throws SQLException {
    for (DimensionDef dimension : dimensions) {
      additivity(dimension, issues);
    }
    membersOfHigherLevels(issues);
    pairs(
        "R07",
        "a.measure = 'COOPS' AND b.measure = 'COOPS_REG'",
        List.of("MEASURE"),
        "a.obs_value > b.obs_value",
        "active cooperatives (COOPS) exceed registered ones (COOPS_REG): registered counts"
            + " include the active; check both figures",
        issues);
    pairs(
        "R07",
        "a.measure = 'WORKERS' AND a.work_cat = 'IN_EMP_WM' AND b.measure = 'MEMBERS'"
            + " AND b.member_kind = 'NP'",
        List.of("MEASURE", "WORK_CAT", "MEMBER_KIND"),
        "a.obs_value > b.obs_value",
        "worker-members (WORKERS IN_EMP_WM) exceed natural-person members (MEMBERS NP):"
            + " worker-members are members",
        issues);
    pairs(
        "R08",
        "a.measure = 'VALUE_ADDED' AND b.measure = 'TURNOVER'",
        List.of("MEASURE"),
        "a.obs_value > b.obs_value",
        "value added exceeds turnover: check the units and multipliers",
        issues);
    balanceSheet(issues);
    pairs(
        "R09",
        "a.coop_type = 'WORK' AND a.measure = 'WORKERS' AND a.work_cat = 'IN_EMP_WM'"
            + " AND a.sex = '_T' AND b.measure = 'MEMBERS' AND b.member_kind = 'NP'"
            + " AND b.sex = '_T'",
        List.of("MEASURE", "WORK_CAT", "MEMBER_KIND"),
        "a.obs_value * 2 < b.obs_value",
        "in worker cooperatives, worker-members are under half the natural-person members:"
            + " check that these are worker cooperatives (COOP_TYPE WORK)",
        issues);
    unlikelyChanges(datasetId, now, issues);
  }

  /**
   * R05: where a parent code and its children are present for the same other dimensions, the
   * children add up to the parent (exactly for counts, within 0.5 % for money). Children over the
   * parent are an error; children short of it, when all are present, a warning.
   */
  private void additivity(DimensionDef dimension, Consumer<ValidationIssue> issues)
      throws SQLException {
    CodeList codes = structure.codeList(dimension.codeListId());
    Map<String, List<String>> children = new LinkedHashMap<>();
    for (Code code : codes.codes()) {
      if (code.parentId() != null) {
        children.computeIfAbsent(code.parentId(), k -> new ArrayList<>()).add(code.id());
      }
    }
    if (children.isEmpty()) {
      return;
    }
    List<String> nonAdditive =
        structure.measures().values().stream()
            .filter(m -> m.nonAdditiveDimensions().contains(dimension.id()))
            .map(MeasureDef::id)
            .toList();
    List<String> money =
        structure.measures().values().stream()
            .filter(MeasureDef::isMoney)
            .map(MeasureDef::id)
            .toList();
    String column = dimension.column();
    String others =
        columns("s.", dimension.column()) + ", s.time_period, s.unit_measure, s.unit_mult";
    StringBuilder hierarchy = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    children.forEach(
        (parent, kids) ->
            kids.forEach(
                kid -> {
                  hierarchy.append(hierarchy.length() == 0 ? "" : ", ").append("(?, ?, ?)");
                  parameters.add(parent);
                  parameters.add(kid);
                  parameters.add(kids.size());
                }));
    StringBuilder sameOthers = new StringBuilder();
    for (String c : others.split(", ")) {
      String bare = c.substring(2);
      sameOthers.append(" AND t.").append(bare).append(" = k.").append(bare);
    }
    String sql =
        "WITH h(parent, child, siblings) AS (VALUES "
            + hierarchy
            + "), k AS (SELECT h.parent, h.siblings, "
            + others
            + ", sum(s.obs_value) AS total, count(*) AS n, string_agg(s."
            + column
            + ", '+') AS kids FROM staging s JOIN h ON s."
            + column
            + " = h.child WHERE s.obs_value IS NOT NULL AND NOT (s.measure = ANY(?)) GROUP BY"
            + " h.parent, h.siblings, "
            + others
            + ") SELECT t.row_ref, "
            + columns("t.", null)
            + ", t.time_period, t.obs_value, k.total, k.n = k.siblings, k.kids FROM staging t JOIN k"
            + " ON t."
            + column
            + " = k.parent"
            + sameOthers
            + " WHERE t.obs_value IS NOT NULL AND ("
            + " k.total > t.obs_value + abs(t.obs_value) * (CASE WHEN t.measure = ANY(?) THEN ?"
            + " ELSE 0 END) OR (k.n = k.siblings AND k.total < t.obs_value - abs(t.obs_value) *"
            + " (CASE WHEN t.measure = ANY(?) THEN ? ELSE 0 END))) ORDER BY t.row_ref LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      for (Object p : parameters) {
        statement.setObject(i++, p);
      }
      statement.setArray(i++, connection.createArrayOf("text", nonAdditive.toArray()));
      statement.setArray(i++, connection.createArrayOf("text", money.toArray()));
      statement.setBigDecimal(i++, MONEY_TOLERANCE);
      statement.setArray(i++, connection.createArrayOf("text", money.toArray()));
      statement.setBigDecimal(i++, MONEY_TOLERANCE);
      statement.setInt(i, limit);
      try (ResultSet rs = statement.executeQuery()) {
        int base = dimensions.size() + 2;
        while (rs.next()) {
          long ref = rs.getLong(1);
          String seriesKey = seriesKey(rs, 2);
          String period = rs.getString(base);
          BigDecimal total = rs.getBigDecimal(base + 1);
          BigDecimal sum = rs.getBigDecimal(base + 2);
          String kids =
              java.util.Arrays.stream(rs.getString(base + 4).split("\\+"))
                  .sorted()
                  .collect(Collectors.joining("+"));
          boolean over = sum.compareTo(total) > 0;
          String parent = rs.getString(2 + dimensions.indexOf(dimension));
          String message =
              dimension.id()
                  + " "
                  + kids
                  + " add up to "
                  + sum.toPlainString()
                  + (over ? ", more than the " : ", less than the ")
                  + dimension.id()
                  + " "
                  + parent
                  + " total of "
                  + total.toPlainString()
                  + (over
                      ? ": parts cannot exceed their total. Check both figures."
                      : ": "
                          + total.subtract(sum).toPlainString()
                          + " are not allocated to any "
                          + dimension.id()
                          + ". Kept; check whether a part is missing.");
          issues.accept(
              issue(
                  ref,
                  "OBS_VALUE",
                  total.toPlainString(),
                  "R05",
                  over ? Severity.ERROR : Severity.WARNING,
                  message,
                  seriesKey,
                  period,
                  total,
                  sum));
        }
      }
    }
  }

  /** R06: the members of secondary and tertiary cooperatives are cooperatives. */
  private void membersOfHigherLevels(Consumer<ValidationIssue> issues) throws SQLException {
    String sql =
        "SELECT row_ref, "
            + columns("", null)
            + ", time_period, member_kind FROM staging WHERE NOT deleted AND measure = 'MEMBERS' AND"
            + " coop_level IN ('SEC', 'TERT') AND member_kind NOT IN ('CO', '_T') ORDER BY row_ref LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString(dimensions.size() + 3);
          issues.accept(
              issue(
                  rs.getLong(1),
                  "MEMBER_KIND",
                  kind,
                  "R06",
                  Severity.ERROR,
                  "Members of secondary and tertiary cooperatives are cooperatives: MEMBER_KIND"
                      + " must be CO (or _T), not "
                      + kind
                      + ". Count persons in the primary cooperatives only.",
                  seriesKey(rs, 2),
                  rs.getString(dimensions.size() + 2),
                  null,
                  null));
        }
      }
    }
  }

  /** R08: assets equal liabilities plus equity, within 0.5 %. */
  private void balanceSheet(Consumer<ValidationIssue> issues) throws SQLException {
    String same =
        sameExcept("a", "l", List.of("MEASURE"), true)
            + " AND "
            + sameExcept("a", "e", List.of("MEASURE"), true);
    String sql =
        "SELECT a.row_ref, "
            + columns("a.", null)
            + ", a.time_period, a.obs_value, l.obs_value + e.obs_value FROM staging a JOIN staging"
            + " l ON l.measure = 'LIABILITIES' JOIN staging e ON e.measure = 'EQUITY' AND "
            + same
            + " WHERE a.measure = 'ASSETS' AND abs(a.obs_value - (l.obs_value + e.obs_value)) >"
            + " abs(a.obs_value) * ? ORDER BY a.row_ref LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setBigDecimal(1, MONEY_TOLERANCE);
      statement.setInt(2, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          BigDecimal assets = rs.getBigDecimal(dimensions.size() + 3);
          BigDecimal sum = rs.getBigDecimal(dimensions.size() + 4);
          issues.accept(
              issue(
                  rs.getLong(1),
                  "OBS_VALUE",
                  assets.toPlainString(),
                  "R08",
                  Severity.WARNING,
                  "ASSETS ("
                      + assets.toPlainString()
                      + ") differ from LIABILITIES + EQUITY ("
                      + sum.toPlainString()
                      + ") by more than 0.5 %: a balance sheet balances. Check the three figures.",
                  seriesKey(rs, 2),
                  rs.getString(dimensions.size() + 2),
                  sum,
                  assets));
        }
      }
    }
  }

  /**
   * A warning where row a and row b (of the same other dimensions, period and unit) meet {@code
   * failing}.
   */
  private void pairs(
      String rule,
      String which,
      List<String> differing,
      String failing,
      String what,
      Consumer<ValidationIssue> issues)
      throws SQLException {
    boolean sameUnit = !differing.contains("WORK_CAT");
    String sql =
        "SELECT a.row_ref, "
            + columns("a.", null)
            + ", a.time_period, a.obs_value, b.obs_value FROM staging a JOIN staging b ON "
            + sameExcept("a", "b", differing, sameUnit)
            + " WHERE "
            + which
            + " AND "
            + failing
            + " ORDER BY a.row_ref LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          BigDecimal found = rs.getBigDecimal(dimensions.size() + 3);
          BigDecimal other = rs.getBigDecimal(dimensions.size() + 4);
          issues.accept(
              issue(
                  rs.getLong(1),
                  "OBS_VALUE",
                  found.toPlainString(),
                  rule,
                  Severity.WARNING,
                  found.toPlainString() + " against " + other.toPlainString() + ": " + what + ".",
                  seriesKey(rs, 2),
                  rs.getString(dimensions.size() + 2),
                  other,
                  found));
        }
      }
    }
  }

  /** R10: a value ten times larger or smaller than the published one (a unit or typing slip). */
  private void unlikelyChanges(long datasetId, OffsetDateTime now, Consumer<ValidationIssue> issues)
      throws SQLException {
    StringBuilder same = new StringBuilder("o.dataset_id = ?");
    for (DimensionDef d : dimensions) {
      same.append(" AND o.").append(d.column()).append(" = s.").append(d.column());
    }
    String sql =
        "SELECT s.row_ref, "
            + columns("s.", null)
            + ", s.time_period, s.obs_value, o.obs_value FROM staging s JOIN observation o ON "
            + same
            + " AND o.time_period = s.time_period AND o.unit_mult = s.unit_mult AND o.valid_from <= ?"
            + " AND (o.valid_to IS NULL OR o.valid_to > ?) WHERE s.obs_value <> 0 AND o.obs_value"
            + " <> 0 AND (abs(s.obs_value) > 10 * abs(o.obs_value) OR 10 * abs(s.obs_value) <"
            + " abs(o.obs_value)) ORDER BY s.row_ref LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Timestamp at = Timestamp.from(now.toInstant());
      statement.setLong(1, datasetId);
      statement.setTimestamp(2, at);
      statement.setTimestamp(3, at);
      statement.setInt(4, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          BigDecimal found = rs.getBigDecimal(dimensions.size() + 3);
          BigDecimal published = rs.getBigDecimal(dimensions.size() + 4);
          issues.accept(
              issue(
                  rs.getLong(1),
                  "OBS_VALUE",
                  found.toPlainString(),
                  "R10",
                  Severity.WARNING,
                  found.toPlainString()
                      + " is more than ten times away from the published "
                      + published.toPlainString()
                      + ": a unit, multiplier or typing slip? Kept; check it.",
                  seriesKey(rs, 2),
                  rs.getString(dimensions.size() + 2),
                  published,
                  found));
        }
      }
    }
  }

  /** The key columns, prefixed, except {@code excluded} (a column name). */
  private String columns(String prefix, String excluded) {
    return dimensions.stream()
        .map(DimensionDef::column)
        .filter(c -> !c.equals(excluded))
        .map(c -> prefix + c)
        .collect(Collectors.joining(", "));
  }

  /**
   * a and b share every key dimension but {@code differing}, the period, the multiplier and, when
   * {@code sameUnit}, the unit (persons and memberships are compared across units).
   */
  private String sameExcept(String a, String b, List<String> differing, boolean sameUnit) {
    StringBuilder same = new StringBuilder();
    for (DimensionDef d : dimensions) {
      if (!differing.contains(d.id())) {
        same.append(a)
            .append('.')
            .append(d.column())
            .append(" = ")
            .append(b)
            .append('.')
            .append(d.column())
            .append(" AND ");
      }
    }
    same.append(a).append(".time_period = ").append(b).append(".time_period AND ");
    if (sameUnit) {
      same.append(a).append(".unit_measure = ").append(b).append(".unit_measure AND ");
    }
    return same.append(a).append(".unit_mult = ").append(b).append(".unit_mult").toString();
  }

  private String seriesKey(ResultSet rs, int firstColumn) throws SQLException {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < dimensions.size(); i++) {
      key.append(i == 0 ? "" : ".").append(rs.getString(firstColumn + i));
    }
    return key.toString();
  }

  private ValidationIssue issue(
      long ref,
      String column,
      String value,
      String rule,
      Severity severity,
      String message,
      String seriesKey,
      String period,
      BigDecimal expected,
      BigDecimal found) {
    RowRef row = csv ? RowRef.csvLine(ref) : RowRef.jsonIndex(ref);
    return new ValidationIssue(
        row.line(),
        row.index(),
        column,
        value,
        rule,
        severity,
        message,
        seriesKey,
        period,
        expected,
        found);
  }
}
