package org.coopstats.consistency;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
 * The consistency rules that look across the rows of one submission, over {@link SubmissionRows}:
 * R04 (one value per key and period), R05–R09, and R10 against the published values given to {@link
 * #published}.
 *
 * <p>Additivity (R05) is driven by the data: it follows the parent links of every code list of the
 * structure, and skips the dimensions a measure declares non-additive.
 */
public final class CrossRowChecks {

  private static final BigDecimal MONEY_TOLERANCE = new BigDecimal("0.005");

  /**
   * Row a of {@code whichA} and row b of {@code whichB}, equal in every other dimension, meet
   * {@code failing}: a warning saying {@code what}.
   */
  private record PairRule(
      String rule,
      Map<String, String> whichA,
      Map<String, String> whichB,
      List<String> differing,
      BiPredicate<BigDecimal, BigDecimal> failing,
      String what) {}

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private static final List<PairRule> PAIRS =
      List.of(
          new PairRule(
              "R07",
              Map.of("MEASURE", "COOPS"),
              Map.of("MEASURE", "COOPS_REG"),
              List.of("MEASURE"),
              (a, b) -> a.compareTo(b) > 0,
              "active cooperatives (COOPS) exceed registered ones (COOPS_REG): registered counts"
                  + " include the active; check both figures"),
          new PairRule(
              "R07",
              Map.of("MEASURE", "WORKERS", "WORK_CAT", "IN_EMP_WM"),
              Map.of("MEASURE", "MEMBERS", "MEMBER_KIND", "NP"),
              List.of("MEASURE", "WORK_CAT", "MEMBER_KIND"),
              (a, b) -> a.compareTo(b) > 0,
              "worker-members (WORKERS IN_EMP_WM) exceed natural-person members (MEMBERS NP):"
                  + " worker-members are members"),
          new PairRule(
              "R08",
              Map.of("MEASURE", "VALUE_ADDED"),
              Map.of("MEASURE", "TURNOVER"),
              List.of("MEASURE"),
              (a, b) -> a.compareTo(b) > 0,
              "value added exceeds turnover: check the units and multipliers"),
          new PairRule(
              "R09",
              Map.of(
                  "COOP_TYPE", "WORK", "MEASURE", "WORKERS", "WORK_CAT", "IN_EMP_WM", "SEX", "_T"),
              Map.of("MEASURE", "MEMBERS", "MEMBER_KIND", "NP", "SEX", "_T"),
              List.of("MEASURE", "WORK_CAT", "MEMBER_KIND"),
              (a, b) -> a.multiply(TWO).compareTo(b) < 0,
              "in worker cooperatives, worker-members are under half the natural-person members:"
                  + " check that these are worker cooperatives (COOP_TYPE WORK)"));

  private final DataStructure structure;
  private final SubmissionRows rows;
  private final List<DimensionDef> dimensions;
  private final int measure;
  private final boolean csv;
  private final int limit;
  private final TreeMap<Integer, BigDecimal> unlikely = new TreeMap<>();
  private final ConcurrentLinkedQueue<Sums> spareSums = new ConcurrentLinkedQueue<>();

  /**
   * @param csv rows are CSV lines (or spreadsheet rows), not JSON indexes
   * @param limit at most this many issues per rule
   */
  public CrossRowChecks(DataStructure structure, SubmissionRows rows, boolean csv, int limit) {
    this.structure = structure;
    this.rows = rows;
    this.dimensions = rows.dimensions();
    this.measure = dimension(DataStructure.MEASURE);
    this.csv = csv;
    this.limit = limit;
  }

  /** R04: one value per series key and period. */
  public void duplicates(Consumer<ValidationIssue> issues) {
    long[] duplicates = rows.duplicates();
    int groups = 0;
    for (int i = 0; i < duplicates.length && groups < limit; groups++) {
      int first = (int) (duplicates[i] >>> 32);
      List<Long> refs = new ArrayList<>();
      refs.add(rows.ref(first));
      while (i < duplicates.length && (int) (duplicates[i] >>> 32) == first) {
        refs.add(duplicates[i++] & 0xFFFFFFFFL);
      }
      String seriesKey = rows.seriesKey(rows.key(first));
      String period = rows.periodText(first);
      String where =
          (csv ? "lines " : "indexes ")
              + refs.stream().map(String::valueOf).collect(Collectors.joining(", "));
      issues.accept(
          ValidationIssue.of(
              rowRef(refs.get(1)),
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

  /**
   * R05–R09. The rules only read the rows, so they run side by side (on the common fork-join pool);
   * their issues come out in the same order as if they ran one after the other.
   */
  public void consistency(Consumer<ValidationIssue> issues) {
    List<Consumer<Consumer<ValidationIssue>>> rules = new ArrayList<>();
    for (int d = 0; d < dimensions.size(); d++) {
      int dimension = d;
      rules.add(found -> additivity(dimension, found));
    }
    rules.add(this::membersOfHigherLevels);
    for (PairRule pair : PAIRS.subList(0, 3)) {
      rules.add(found -> pairs(pair, found));
    }
    rules.add(this::balanceSheet);
    rules.add(found -> pairs(PAIRS.get(3), found)); // R09 after the balance sheet (R08)
    rules.parallelStream()
        .map(
            rule -> {
              List<ValidationIssue> found = new ArrayList<>();
              rule.accept(found::add);
              return found;
            })
        .toList()
        .forEach(found -> found.forEach(issues));
  }

  /**
   * R10, given one published value of the dataset: the submission's value of the same key, period
   * and multiplier ten times larger or smaller (a unit or typing slip) is remembered, the first
   * {@code limit} rows of them.
   */
  public void published(List<String> key, String period, int multiplier, BigDecimal value) {
    int row = rows.find(key, period);
    if (row < 0 || !rows.hasValue(row) || rows.multiplier(row) != multiplier) {
      return;
    }
    BigDecimal submitted = rows.value(row).abs();
    BigDecimal published = value.abs();
    if (submitted.signum() == 0 || published.signum() == 0) {
      return;
    }
    if (submitted.compareTo(published.multiply(BigDecimal.TEN)) > 0
        || submitted.multiply(BigDecimal.TEN).compareTo(published) < 0) {
      unlikely.put(row, value);
      if (unlikely.size() > limit) {
        unlikely.pollLastEntry();
      }
    }
  }

  /** R10: the values remembered by {@link #published}, as warnings. */
  public void unlikelyChanges(Consumer<ValidationIssue> issues) {
    unlikely.forEach(
        (row, published) -> {
          BigDecimal found = rows.value(row);
          issues.accept(
              rowIssue(
                  row,
                  "OBS_VALUE",
                  found.toPlainString(),
                  "R10",
                  Severity.WARNING,
                  found.toPlainString()
                      + " is more than ten times away from the published "
                      + published.toPlainString()
                      + ": a unit, multiplier or typing slip? Kept; check it.",
                  published,
                  found));
        });
  }

  /**
   * R05: where a parent code and its children are present for the same other dimensions, period,
   * unit and multiplier, the children add up to the parent (exactly for counts, within 0.5 % for
   * money). Children over the parent are an error (for a measure that may be negative, only when
   * all are present: a missing child may be below zero); children short of it, when all are
   * present, a warning.
   */
  private void additivity(int d, Consumer<ValidationIssue> issues) {
    Hierarchy hierarchy = hierarchy(d);
    if (hierarchy == null) {
      return;
    }
    String dimension = dimensions.get(d).id();
    boolean[] nonAdditive = measures(m -> m.nonAdditiveDimensions().contains(dimension));
    boolean[] money = measures(MeasureDef::isMoney);
    boolean[] signed = measures(MeasureDef::allowsNegative);
    // The rules run side by side; each takes a table of sums that another has finished with, so
    // that 13 bytes a row are not allocated anew for every dimension.
    Sums spare = spareSums.poll();
    Sums sums = spare != null ? spare : new Sums(rows.size());
    try {
      // Each child adds itself to its parent's row: one look-up per child.
      for (int row = 0; row < rows.size(); row++) {
        addToParent(row, d, hierarchy.parentOf(), nonAdditive, sums);
      }
      int found = 0;
      for (int row = 0; row < rows.size() && found < limit; row++) {
        if (sums.parts(row) == 0) {
          continue;
        }
        ValidationIssue issue =
            partsAgainstTotal(
                row, d, hierarchy, nonAdditive, new boolean[][] {money, signed}, sums);
        if (issue != null) {
          found++;
          issues.accept(issue);
        }
      }
    } finally {
      sums.clear();
      spareSums.add(sums);
    }
  }

  /**
   * The parent links of dimension {@code d}'s codes, by their index: each code's parent (-1 for
   * none) and how many children each has.
   */
  private record Hierarchy(int[] parentOf, int[] children) {}

  /** The parent links of dimension {@code d}'s code list; null when it has none. */
  private Hierarchy hierarchy(int d) {
    CodeList list = structure.codeList(dimensions.get(d).codeListId());
    int[] parentOf = new int[list.codes().size()];
    int[] children = new int[list.codes().size()];
    Arrays.fill(parentOf, -1);
    boolean linked = false;
    for (Code code : list.codes()) {
      int parent = code.parentId() == null ? -1 : rows.codeIndex(d, code.parentId());
      if (parent >= 0) {
        parentOf[rows.codeIndex(d, code.id())] = parent;
        children[parent]++;
        linked = true;
      }
    }
    return linked ? new Hierarchy(parentOf, children) : null;
  }

  /**
   * R05 for a row its children were added up into: an error when they exceed its total, a warning
   * when all are present and fall short of it, else null.
   */
  private ValidationIssue partsAgainstTotal(
      int row,
      int d,
      Hierarchy hierarchy,
      boolean[] nonAdditive,
      boolean[][] moneyAndSigned,
      Sums sums) {
    BigDecimal sum = sums.get(row);
    long key = rows.key(row);
    BigDecimal total = rows.value(row);
    int m = rows.code(key, measure);
    BigDecimal slack =
        moneyAndSigned[0][m] ? total.abs().multiply(MONEY_TOLERANCE) : BigDecimal.ZERO;
    boolean complete = sums.parts(row) == hierarchy.children()[rows.code(key, d)];
    boolean over = (complete || !moneyAndSigned[1][m]) && sum.compareTo(total.add(slack)) > 0;
    boolean short_ = complete && sum.compareTo(total.subtract(slack)) < 0;
    if (!over && !short_) {
      return null;
    }
    String dimension = dimensions.get(d).id();
    String message =
        dimension
            + " "
            + childrenPresent(row, d, hierarchy.parentOf(), nonAdditive)
            + " add up to "
            + sum.toPlainString()
            + (over ? ", more than the " : ", less than the ")
            + dimension
            + " "
            + rows.codeId(key, d)
            + " total of "
            + total.toPlainString()
            + (over
                ? ": parts cannot exceed their total. Check both figures."
                : ": "
                    + total.subtract(sum).toPlainString()
                    + " are not allocated to any "
                    + dimension
                    + ". Kept; check whether a part is missing.");
    return rowIssue(
        row,
        "OBS_VALUE",
        total.toPlainString(),
        "R05",
        over ? Severity.ERROR : Severity.WARNING,
        message,
        total,
        sum);
  }

  /**
   * Adds a row's value to its parent's sum along dimension {@code d}, if it has a parent row of the
   * same unit and multiplier. A method of its own, compiled once for every upload, rather than the
   * body of a loop the JIT compiler would compile anew inside each long call.
   */
  private void addToParent(int row, int d, int[] parentOf, boolean[] nonAdditive, Sums sums) {
    long key = rows.key(row);
    int parentCode = parentOf[rows.code(key, d)];
    if (parentCode < 0 || !rows.hasValue(row) || nonAdditive[rows.code(key, measure)]) {
      return;
    }
    int parent = rows.find(rows.withCode(key, d, parentCode), rows.period(row));
    if (parent < 0
        || !rows.hasValue(parent)
        || rows.unit(parent) != rows.unit(row)
        || rows.multiplier(parent) != rows.multiplier(row)) {
      return;
    }
    sums.add(parent, row);
  }

  /**
   * A sum per row, of the values of other rows. Kept in a long while the parts share one scale and
   * the sum fits, which is nearly always, else as a BigDecimal: 13 bytes a row, where a BigDecimal
   * per sum took about 40 more and doubled the heap needed for 2,000,000 rows.
   */
  private final class Sums {
    private static final byte EXACT = Byte.MIN_VALUE;
    private final long[] unscaled;
    private final byte[] scale;
    private final int[] parts;
    private final Map<Integer, BigDecimal> exact = new HashMap<>();

    Sums(int size) {
      unscaled = new long[size];
      scale = new byte[size];
      parts = new int[size];
    }

    void add(int target, int row) {
      if (parts[target]++ == 0 && rows.compact(row)) {
        unscaled[target] = rows.unscaled(row);
        scale[target] = rows.scale(row);
        return;
      }
      if (scale[target] != EXACT && rows.compact(row) && rows.scale(row) == scale[target]) {
        long sum = unscaled[target] + rows.unscaled(row);
        // No overflow unless both operands have the same sign and the sum has the other.
        if (((unscaled[target] ^ sum) & (rows.unscaled(row) ^ sum)) >= 0) {
          unscaled[target] = sum;
          return;
        }
      }
      BigDecimal before = parts[target] == 1 ? BigDecimal.ZERO : get(target);
      exact.put(target, before.add(rows.value(row)));
      scale[target] = EXACT;
    }

    /** The sum into {@code target}, or null when nothing was added to it. */
    BigDecimal get(int target) {
      if (parts[target] == 0) {
        return null;
      }
      return scale[target] == EXACT
          ? exact.get(target)
          : BigDecimal.valueOf(unscaled[target], scale[target]);
    }

    int parts(int target) {
      return parts[target];
    }

    void clear() {
      Arrays.fill(unscaled, 0);
      Arrays.fill(scale, (byte) 0);
      Arrays.fill(parts, 0);
      exact.clear();
    }
  }

  /** The codes of the rows that were added up into {@code row}'s total, sorted, joined by '+'. */
  private String childrenPresent(int row, int d, int[] parentOf, boolean[] nonAdditive) {
    long key = rows.key(row);
    List<String> present = new ArrayList<>();
    for (int code = 0; code < parentOf.length; code++) {
      if (parentOf[code] != rows.code(key, d)) {
        continue;
      }
      int child = rows.find(rows.withCode(key, d, code), rows.period(row));
      if (child >= 0
          && rows.hasValue(child)
          && rows.unit(child) == rows.unit(row)
          && rows.multiplier(child) == rows.multiplier(row)
          && !nonAdditive[rows.code(rows.key(child), measure)]) {
        present.add(rows.codeId(rows.key(child), d));
      }
    }
    return present.stream().sorted().collect(Collectors.joining("+"));
  }

  /** R06: the members of secondary and tertiary cooperatives are cooperatives. */
  private void membersOfHigherLevels(Consumer<ValidationIssue> issues) {
    Condition members = condition(Map.of("MEASURE", "MEMBERS"));
    if (members == null) {
      return;
    }
    int level = optionalDimension("COOP_LEVEL");
    int kind = optionalDimension("MEMBER_KIND");
    if (level < 0 || kind < 0) {
      return;
    }
    List<Integer> higherLevels = codes(level, "SEC", "TERT");
    List<Integer> allowedKinds = codes(kind, "CO", "_T");
    int found = 0;
    for (int row = 0; row < rows.size() && found < limit; row++) {
      long key = rows.key(row);
      if (rows.deleted(row)
          || !members.matches(key)
          || !higherLevels.contains(rows.code(key, level))
          || allowedKinds.contains(rows.code(key, kind))) {
        continue;
      }
      found++;
      String memberKind = rows.codeId(key, kind);
      issues.accept(
          rowIssue(
              row,
              "MEMBER_KIND",
              memberKind,
              "R06",
              Severity.ERROR,
              "Members of secondary and tertiary cooperatives are cooperatives: MEMBER_KIND"
                  + " must be CO (or _T), not "
                  + memberKind
                  + ". Count persons in the primary cooperatives only.",
              null,
              null));
    }
  }

  /** R08: assets equal liabilities plus equity, within 0.5 %. */
  private void balanceSheet(Consumer<ValidationIssue> issues) {
    Condition assets = condition(Map.of("MEASURE", "ASSETS"));
    int liabilities = rows.codeIndex(measure, "LIABILITIES");
    int equity = rows.codeIndex(measure, "EQUITY");
    if (assets == null || liabilities < 0 || equity < 0) {
      return;
    }
    int found = 0;
    for (int row = 0; row < rows.size() && found < limit; row++) {
      long key = rows.key(row);
      if (!rows.hasValue(row) || !assets.matches(key)) {
        continue;
      }
      int l = sameButMeasure(row, liabilities);
      int e = sameButMeasure(row, equity);
      if (l < 0 || e < 0) {
        continue;
      }
      BigDecimal value = rows.value(row);
      BigDecimal sum = rows.value(l).add(rows.value(e));
      if (value.subtract(sum).abs().compareTo(value.abs().multiply(MONEY_TOLERANCE)) <= 0) {
        continue;
      }
      found++;
      issues.accept(
          rowIssue(
              row,
              "OBS_VALUE",
              value.toPlainString(),
              "R08",
              Severity.WARNING,
              "ASSETS ("
                  + value.toPlainString()
                  + ") differ from LIABILITIES + EQUITY ("
                  + sum.toPlainString()
                  + ") by more than 0.5 %: a balance sheet balances. Check the three figures.",
              sum,
              value));
    }
  }

  /** The row with a value of the same key but another measure, period, unit and multiplier. */
  private int sameButMeasure(int row, int otherMeasure) {
    int other = rows.find(rows.withCode(rows.key(row), measure, otherMeasure), rows.period(row));
    return other >= 0
            && rows.hasValue(other)
            && rows.unit(other) == rows.unit(row)
            && rows.multiplier(other) == rows.multiplier(row)
        ? other
        : -1;
  }

  /**
   * A warning where row a and row b, of the same other dimensions, period, multiplier and (unless
   * the work category differs: persons and memberships are compared across units) unit, meet {@code
   * failing}.
   */
  private void pairs(PairRule pair, Consumer<ValidationIssue> issues) {
    Condition a = condition(pair.whichA());
    Condition b = condition(pair.whichB());
    List<String> differing = pair.differing();
    if (a == null || b == null || differing.stream().anyMatch(id -> optionalDimension(id) < 0)) {
      return;
    }
    boolean sameUnit = !differing.contains("WORK_CAT");
    long shared = -1L;
    for (String id : differing) {
      shared &= ~rows.mask(dimension(id));
    }
    Map<PairKey, List<Integer>> partners = new HashMap<>();
    for (int row = 0; row < rows.size(); row++) {
      if (rows.hasValue(row) && b.matches(rows.key(row))) {
        partners.computeIfAbsent(pairKey(row, shared, sameUnit), k -> new ArrayList<>()).add(row);
      }
    }
    if (partners.isEmpty()) {
      return;
    }
    int found = 0;
    for (int row = 0; row < rows.size() && found < limit; row++) {
      if (!rows.hasValue(row) || !a.matches(rows.key(row))) {
        continue;
      }
      for (int partner : partners.getOrDefault(pairKey(row, shared, sameUnit), List.of())) {
        BigDecimal value = rows.value(row);
        BigDecimal other = rows.value(partner);
        if (!pair.failing().test(value, other)) {
          continue;
        }
        found++;
        issues.accept(
            rowIssue(
                row,
                "OBS_VALUE",
                value.toPlainString(),
                pair.rule(),
                Severity.WARNING,
                value.toPlainString()
                    + " against "
                    + other.toPlainString()
                    + ": "
                    + pair.what()
                    + ".",
                other,
                value));
      }
    }
  }

  private record PairKey(long key, int period, int unit, int multiplier) {}

  private PairKey pairKey(int row, long shared, boolean sameUnit) {
    return new PairKey(
        rows.key(row) & shared,
        rows.period(row),
        sameUnit ? rows.unit(row) : -1,
        rows.multiplier(row));
  }

  /** Codes required of some dimensions of a key. */
  private record Condition(long mask, long value) {
    boolean matches(long key) {
      return (key & mask) == value;
    }
  }

  /** The condition that the dimensions have these codes, or null when a code is not in its list. */
  private Condition condition(Map<String, String> codes) {
    long mask = 0;
    long value = 0;
    for (Map.Entry<String, String> entry : codes.entrySet()) {
      int d = optionalDimension(entry.getKey());
      int code = d < 0 ? -1 : rows.codeIndex(d, entry.getValue());
      if (code < 0) {
        return null;
      }
      mask |= rows.mask(d);
      value = rows.withCode(value, d, code);
    }
    return new Condition(mask, value);
  }

  private List<Integer> codes(int d, String... ids) {
    return Arrays.stream(ids).map(id -> rows.codeIndex(d, id)).filter(i -> i >= 0).toList();
  }

  private boolean[] measures(Predicate<MeasureDef> which) {
    CodeList list = structure.codeList(dimensions.get(measure).codeListId());
    boolean[] flags = new boolean[list.codes().size()];
    for (MeasureDef definition : structure.measures().values()) {
      int code = rows.codeIndex(measure, definition.id());
      if (code >= 0) {
        flags[code] = which.test(definition);
      }
    }
    return flags;
  }

  private int dimension(String id) {
    int d = optionalDimension(id);
    if (d < 0) {
      throw new IllegalStateException("The structure has no dimension " + id);
    }
    return d;
  }

  /**
   * The index of a dimension, or -1: a rule on dimensions a structure lacks (COOP_LEVEL in
   * SSE_STATS, COOP_TYPE in CONTEXT) does not apply to it.
   */
  private int optionalDimension(String id) {
    for (int d = 0; d < dimensions.size(); d++) {
      if (dimensions.get(d).id().equals(id)) {
        return d;
      }
    }
    return -1;
  }

  /** An issue of a row of the submission, named by its series key and period. */
  private ValidationIssue rowIssue(
      int row,
      String column,
      String value,
      String rule,
      Severity severity,
      String message,
      BigDecimal expected,
      BigDecimal found) {
    return ValidationIssue.of(
        rowRef(rows.ref(row)),
        column,
        value,
        rule,
        severity,
        message,
        rows.seriesKey(rows.key(row)),
        rows.periodText(row),
        expected,
        found);
  }

  /** A row's reference as the rows keep it: its CSV line or its index in a JSON array. */
  private RowRef rowRef(long ref) {
    return csv ? RowRef.csvLine(ref) : RowRef.jsonIndex(ref);
  }
}
