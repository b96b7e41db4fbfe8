package org.coopstats.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.catalog.MeasureDef;
import org.coopstats.common.Text;

/**
 * Checks rows of a submission against a data structure: rule R01 (codes exist, required dimensions
 * present), R02 (value type, sign and unit) and R03 (dimensions that do not apply are {@code _Z}),
 * and fills in the defaults of omitted columns. R04 (one value per key and period) spans rows and
 * is checked where the rows are gathered.
 */
public class ObservationValidator {

  public static final String OBS_VALUE = "OBS_VALUE";
  public static final String OBS_STATUS = "OBS_STATUS";
  public static final String CONF_STATUS = "CONF_STATUS";
  public static final String UNIT_MEASURE = "UNIT_MEASURE";
  public static final String UNIT_MULT = "UNIT_MULT";
  public static final String COMMENT_OBS = "COMMENT_OBS";
  public static final int MAX_COMMENT_LENGTH = 2000;

  /** The longest OBS_VALUE text read as a number (longer is refused before parsing it). */
  public static final int MAX_VALUE_LENGTH = 100;

  /** The most decimal places a value may have. */
  public static final int MAX_DECIMALS = 30;

  /** SDMX-CSV columns naming the structure and what to do with each row. */
  public static final String STRUCTURE = "STRUCTURE";

  public static final String STRUCTURE_ID = "STRUCTURE_ID";
  public static final String ACTION = "ACTION";
  private static final Set<String> SDMX_CSV_COLUMNS = Set.of(STRUCTURE, STRUCTURE_ID, ACTION);

  /**
   * A, M and R store the value; so does I (information), which an SDMX-CSV 2.0 download carries.
   */
  private static final Set<String> UPSERT_ACTIONS = Set.of("A", "M", "R", "I");

  public static final String DELETE_ACTION = "D";

  /** SDMX observation statuses that mean the value is missing, so OBS_VALUE may be empty. */
  private static final Set<String> MISSING_VALUE_STATUSES = Set.of("M", "L", "O", "Q", "H");

  private final DataStructure structure;
  private final List<DimensionDef> seriesDimensions;
  private final DimensionDef timeDimension;
  private final DimensionDef measureDimension;
  private final Set<String> knownColumns;

  // Looked up once here rather than on every row.
  private final int measureIndex;
  private final Map<String, Integer> seriesIndex = new HashMap<>();
  private final CodeList[] seriesCodes;
  // Each series dimension's codes by their position in its code list, the key's compact form.
  private final List<Map<String, Integer>> seriesPositions = new ArrayList<>();
  private final boolean[] seriesHasDefault;
  private final Map<String, MeasureRules> measureRules = new HashMap<>();
  private final AttributeDef obsStatusAttribute;
  private final AttributeDef confStatusAttribute;
  private final AttributeDef unitMultAttribute;
  private final AttributeDef unitMeasureAttribute;
  private final CodeList obsStatusCodes;
  private final CodeList confStatusCodes;
  private final CodeList unitMultCodes;
  private final CodeList unitMeasureCodes;
  private final String qualifiedStructureId;
  // A submission has few periods and many rows: each period is read once.
  private static final int MAX_REMEMBERED_PERIODS = 10_000;
  private final Map<String, TimePeriod> periods = new HashMap<>();
  // The code each series dimension had in the row before, and its position: readers hand a repeated
  // value over as the same String, and rows sorted by key repeat most codes of the row before.
  private final String[] lastCodes;
  private final int[] lastPositions;
  // Likewise the measure and period of the row before.
  private String lastMeasureId;
  private MeasureRules lastMeasureRules;
  private String lastPeriodText;
  private TimePeriod lastPeriod;
  private MeasureDef lastUnitMeasure;
  private String lastUnit;

  /**
   * A measure with, for each series dimension (by index), whether its applicability hangs on the
   * code of another dimension.
   */
  private record MeasureRules(MeasureDef measure, boolean[] conditional) {}

  public ObservationValidator(DataStructure structure) {
    this.structure = structure;
    this.seriesDimensions = structure.seriesDimensions();
    this.timeDimension = structure.timeDimension();
    this.measureDimension = structure.dimension(DataStructure.MEASURE).orElseThrow();
    this.measureIndex = seriesDimensions.indexOf(measureDimension);
    int n = seriesDimensions.size();
    this.seriesCodes = new CodeList[n];
    this.seriesHasDefault = new boolean[n];
    this.lastCodes = new String[n];
    this.lastPositions = new int[n];
    for (int i = 0; i < n; i++) {
      DimensionDef dimension = seriesDimensions.get(i);
      seriesIndex.put(dimension.id(), i);
      seriesCodes[i] = structure.codeList(dimension.codeListId());
      seriesPositions.add(positions(seriesCodes[i]));
      seriesHasDefault[i] = hasDefault(dimension);
    }
    for (Map.Entry<String, MeasureDef> entry : structure.measures().entrySet()) {
      boolean[] conditional = new boolean[n];
      for (int i = 0; i < n; i++) {
        conditional[i] = isConditional(seriesDimensions.get(i), entry.getValue());
      }
      measureRules.put(entry.getKey(), new MeasureRules(entry.getValue(), conditional));
    }
    this.obsStatusAttribute = structure.attribute(OBS_STATUS).orElseThrow();
    this.confStatusAttribute = structure.attribute(CONF_STATUS).orElseThrow();
    this.unitMultAttribute = structure.attribute(UNIT_MULT).orElseThrow();
    this.unitMeasureAttribute = structure.attribute(UNIT_MEASURE).orElseThrow();
    this.obsStatusCodes = structure.codeList(obsStatusAttribute.codeListId());
    this.confStatusCodes = structure.codeList(confStatusAttribute.codeListId());
    this.unitMultCodes = structure.codeList(unitMultAttribute.codeListId());
    this.unitMeasureCodes = structure.codeList(unitMeasureAttribute.codeListId());
    this.qualifiedStructureId =
        structure.agency() + ":" + structure.id() + "(" + structure.version() + ")";
    Set<String> columns = new LinkedHashSet<>();
    structure.dimensions().forEach(d -> columns.add(d.id()));
    columns.add(OBS_VALUE);
    structure.attributes().forEach(a -> columns.add(a.id()));
    columns.addAll(SDMX_CSV_COLUMNS);
    this.knownColumns = Set.copyOf(columns);
  }

  public DataStructure structure() {
    return structure;
  }

  /** Every column a submission may have, in the order of the structure. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    structure.dimensions().forEach(d -> columns.add(d.id()));
    columns.add(OBS_VALUE);
    structure.attributes().forEach(a -> columns.add(a.id()));
    return columns;
  }

  /** Columns that no row can do without: dimensions with no default, the time and the value. */
  public List<String> requiredColumns() {
    List<String> required = new ArrayList<>();
    for (DimensionDef dimension : structure.dimensions()) {
      if (dimension.timeDimension()) {
        required.add(dimension.id());
        continue;
      }
      if (!hasDefault(dimension)) {
        required.add(dimension.id());
      }
    }
    required.add(OBS_VALUE);
    return required;
  }

  /** Checks the column names of a submission once (a CSV header, or the keys of a JSON row). */
  public List<ValidationIssue> checkColumns(Collection<String> columns, RowRef where) {
    List<ValidationIssue> issues = new ArrayList<>();
    for (String column : columns) {
      if (!knownColumns.contains(column)) {
        issues.add(
            ValidationIssue.error(
                where,
                column,
                null,
                "FORMAT",
                "Unknown column '"
                    + column
                    + "'. The columns of "
                    + structure.id()
                    + " are "
                    + String.join(", ", columns())
                    + "."));
      }
    }
    for (String required : requiredColumns()) {
      if (!columns.contains(required)) {
        issues.add(
            ValidationIssue.error(
                where,
                required,
                null,
                "R01",
                "Column " + required + " is required: every row needs it."));
      }
    }
    return issues;
  }

  /**
   * Checks one row. Faults go to {@code issues}; the checked observation is returned when there
   * were none. The two arrays and the observation are all a valid row allocates here.
   */
  public CheckedObservation check(SourceRow row, List<ValidationIssue> issues) {
    int before = issues.size();
    // The codes of the series dimensions, by index; null while not (or not validly) given.
    String[] resolved = new String[seriesDimensions.size()];
    int[] positions = new int[seriesDimensions.size()];
    checkStructure(row, issues);
    boolean deletion = isDeletion(row, issues);
    MeasureRules rules = checkMeasure(row, resolved, positions, issues);
    MeasureDef measure = rules == null ? null : rules.measure();
    // Dimensions whose applicability does not hang on another dimension first, then the rest.
    resolveDimensions(row, rules, false, resolved, positions, issues);
    resolveDimensions(row, rules, true, resolved, positions, issues);
    TimePeriod period = checkPeriod(row, issues);
    String obsStatus = attribute(row, obsStatusAttribute, obsStatusCodes, issues);
    String confStatus = attribute(row, confStatusAttribute, confStatusCodes, issues);
    String unitMultText = attribute(row, unitMultAttribute, unitMultCodes, issues);
    String unitMeasureText = row.value(UNIT_MEASURE);
    String unitMeasure = knownUnit(row.ref(), unitMeasureText, issues);
    String comment = checkComment(row, issues);
    BigDecimal value = null;
    if (measure != null && deletion) {
      unitMeasure = deletionUnit(measure, unitMeasure);
    } else if (measure != null) {
      String valueText = row.value(OBS_VALUE);
      unitMeasure = checkUnit(row.ref(), measure, unitMeasure, unitMeasureText != null, issues);
      value = checkValue(row.ref(), measure, valueText, obsStatus, issues);
      if (value != null && unitMultText != null) {
        int unitMult = Integer.parseInt(unitMultText);
        checkMagnitude(row.ref(), measure, value, valueText, unitMult, issues);
      }
    }
    if (issues.size() > before || measure == null) {
      return null;
    }
    return new CheckedObservation(
        row.ref(),
        List.of(resolved),
        positions,
        period,
        value,
        obsStatus,
        confStatus,
        unitMeasure,
        Integer.parseInt(unitMultText),
        comment,
        deletion);
  }

  /** SDMX-CSV's ACTION: D deletes the key; A, M, R and I (or none) store the value. */
  private static boolean isDeletion(SourceRow row, List<ValidationIssue> issues) {
    String actionText = row.value(ACTION);
    String action = actionText == null ? "A" : actionText.toUpperCase(Locale.ROOT);
    boolean deletion = DELETE_ACTION.equals(action);
    if (!deletion && !UPSERT_ACTIONS.contains(action)) {
      issues.add(
          ValidationIssue.error(
              row.ref(),
              ACTION,
              actionText,
              "R01",
              "ACTION '"
                  + actionText
                  + "' is not taken here: use A (append), M (merge), R (replace) or I"
                  + " (information, as downloaded), which store the value, or D (delete), which"
                  + " removes the key."));
    }
    return deletion;
  }

  /**
   * The rules of the row's measure, its code noted in the key; null when the measure is missing,
   * not a code, or has no definition (each reported).
   */
  private MeasureRules checkMeasure(
      SourceRow row, String[] resolved, int[] positions, List<ValidationIssue> issues) {
    String measureId = row.value(measureDimension.id());
    if (measureId == null) {
      issues.add(required(row.ref(), measureDimension));
      return null;
    }
    if (!position(measureIndex, measureId, positions)
        && !checkCode(
            row.ref(),
            measureDimension.id(),
            measureDimension.codeListId(),
            seriesCodes[measureIndex],
            measureId,
            issues)) {
      return null;
    }
    if (measureId != lastMeasureId) {
      lastMeasureId = measureId;
      lastMeasureRules = measureRules.get(measureId);
    }
    MeasureRules rules = lastMeasureRules;
    if (rules == null) {
      issues.add(
          ValidationIssue.error(
              row.ref(),
              measureDimension.id(),
              measureId,
              "R01",
              "Measure " + measureId + " has no definition in " + structure.id() + "."));
    }
    resolved[measureIndex] = measureId;
    return rules;
  }

  /**
   * Resolves, in key order, the series dimensions not resolved yet whose applicability hangs (or
   * does not hang) on another dimension's code.
   */
  private void resolveDimensions(
      SourceRow row,
      MeasureRules rules,
      boolean conditionalOnes,
      String[] resolved,
      int[] positions,
      List<ValidationIssue> issues) {
    MeasureDef measure = rules == null ? null : rules.measure();
    for (int i = 0; i < resolved.length; i++) {
      boolean conditional = rules != null && rules.conditional()[i];
      if (i != measureIndex && resolved[i] == null && conditional == conditionalOnes) {
        resolveDimension(row, i, measure, resolved, positions, issues);
      }
    }
  }

  /**
   * Series dimension {@code i}'s code: as given when it is a code of its list, else its default
   * (R01), checked against whether the dimension applies to the measure (R03).
   */
  private void resolveDimension(
      SourceRow row,
      int i,
      MeasureDef measure,
      String[] resolved,
      int[] positions,
      List<ValidationIssue> issues) {
    DimensionDef dimension = seriesDimensions.get(i);
    RowRef ref = row.ref();
    String code = row.value(dimension.id());
    if (code != null
        && !position(i, code, positions)
        && !checkCode(ref, dimension.id(), dimension.codeListId(), seriesCodes[i], code, issues)) {
      resolved[i] = code;
      return;
    }
    if (measure == null) {
      if (code != null) {
        resolved[i] = code;
      } else if (!seriesHasDefault[i]) {
        issues.add(required(ref, dimension));
      }
      return;
    }
    boolean applies = structure.applies(dimension, measure, id -> resolvedCode(resolved, id));
    if (code == null) {
      code = defaultCode(ref, dimension, seriesCodes[i], applies, issues);
      if (code != null) {
        position(i, code, positions);
      }
    } else {
      checkApplicability(ref, dimension, measure, applies, code, issues);
    }
    if (code != null) {
      resolved[i] = code;
    }
  }

  /** The row's reference period; null when missing or not a period (reported). */
  private TimePeriod checkPeriod(SourceRow row, List<ValidationIssue> issues) {
    String periodText = row.value(timeDimension.id());
    if (periodText == null) {
      issues.add(required(row.ref(), timeDimension));
      return null;
    }
    TimePeriod period = periodText == lastPeriodText ? lastPeriod : periods.get(periodText);
    if (period == null) {
      period = TimePeriod.parse(periodText).orElse(null);
      if (period != null && periods.size() < MAX_REMEMBERED_PERIODS) {
        periods.put(periodText, period);
      }
    }
    if (period == null) {
      issues.add(
          ValidationIssue.error(
              row.ref(),
              timeDimension.id(),
              periodText,
              "R01",
              "'" + periodText + "' is not a reference period: use " + TimePeriod.FORMATS + "."));
      return null;
    }
    lastPeriodText = periodText;
    lastPeriod = period;
    return period;
  }

  /** UNIT_MEASURE when it is given and a code of its list; null otherwise (an unknown reported). */
  private String knownUnit(RowRef ref, String unit, List<ValidationIssue> issues) {
    return unit == null
            || checkCode(
                ref,
                UNIT_MEASURE,
                unitMeasureAttribute.codeListId(),
                unitMeasureCodes,
                unit,
                issues)
        ? unit
        : null;
  }

  /** COMMENT_OBS as given; one PostgreSQL cannot store, or too long, is reported. */
  private static String checkComment(SourceRow row, List<ValidationIssue> issues) {
    String comment = row.value(COMMENT_OBS);
    int refused = comment == null ? -1 : Text.refusedAt(comment);
    if (refused >= 0) {
      // PostgreSQL cannot store a NUL, and writes an unpaired surrogate as '?'.
      issues.add(
          ValidationIssue.error(
              row.ref(),
              COMMENT_OBS,
              Text.printable(comment.length() > 80 ? comment.substring(0, 80) + "…" : comment),
              "FORMAT",
              "COMMENT_OBS holds "
                  + Text.whatIsRefused(comment, refused)
                  + ", which no value can contain. Remove it."));
    } else if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
      issues.add(
          ValidationIssue.error(
              row.ref(),
              COMMENT_OBS,
              comment.substring(0, 40) + "…",
              "FORMAT",
              "COMMENT_OBS has "
                  + comment.length()
                  + " characters; at most "
                  + MAX_COMMENT_LENGTH
                  + " are kept. Shorten it."));
    }
    return comment;
  }

  /** The unit a deletion is written with: it needs none, but the column cannot be empty. */
  private static String deletionUnit(MeasureDef measure, String unit) {
    if (unit != null) {
      return unit;
    }
    return measure.defaultUnit() != null ? measure.defaultUnit() : "_Z";
  }

  /**
   * Notes where {@code code} stands in series dimension {@code i}'s code list; false when it is not
   * in the list (then {@link #checkCode} says why).
   */
  private boolean position(int i, String code, int[] positions) {
    if (code == lastCodes[i]) {
      positions[i] = lastPositions[i];
      return true;
    }
    Integer position = seriesPositions.get(i).get(code);
    if (position == null) {
      return false;
    }
    positions[i] = position;
    lastCodes[i] = code;
    lastPositions[i] = position;
    return true;
  }

  /** A code list's codes by position, in the order of {@link CodeList#codes()}. */
  public static Map<String, Integer> positions(CodeList codes) {
    Map<String, Integer> positions = new HashMap<>();
    for (int p = 0; p < codes.codes().size(); p++) {
      positions.put(codes.codes().get(p).id(), p);
    }
    return positions;
  }

  /** The code resolved so far for a series dimension, or null. */
  private String resolvedCode(String[] resolved, String dimensionId) {
    Integer index = seriesIndex.get(dimensionId);
    return index == null ? null : resolved[index];
  }

  /** SDMX-CSV rows name their structure: it must be this one. */
  private void checkStructure(SourceRow row, List<ValidationIssue> issues) {
    String kind = row.value(STRUCTURE);
    if (kind != null
        && !kind.equalsIgnoreCase("dataflow")
        && !kind.equalsIgnoreCase("datastructure")) {
      issues.add(
          ValidationIssue.error(
              row.ref(),
              STRUCTURE,
              kind,
              "R01",
              "STRUCTURE '" + kind + "' is not taken here: use dataflow or datastructure."));
    }
    String id = row.value(STRUCTURE_ID);
    if (id != null) {
      if (!id.equals(qualifiedStructureId) && !id.equals(structure.id())) {
        issues.add(
            ValidationIssue.error(
                row.ref(),
                STRUCTURE_ID,
                id,
                "R01",
                "STRUCTURE_ID '"
                    + id
                    + "' is not a structure of this service: use "
                    + qualifiedStructureId
                    + "."));
      }
    }
  }

  private boolean hasDefault(DimensionDef dimension) {
    CodeList codes = structure.codeList(dimension.codeListId());
    return codes.contains(DataStructure.TOTAL) || codes.contains(DataStructure.NOT_APPLICABLE);
  }

  private boolean isConditional(DimensionDef dimension, MeasureDef measure) {
    MeasureDef.Condition condition = measure.dimensions().get(dimension.id());
    return condition != null && !condition.isAlways();
  }

  private String defaultCode(
      RowRef ref,
      DimensionDef dimension,
      CodeList codes,
      boolean applies,
      List<ValidationIssue> issues) {
    String fallback = applies ? DataStructure.TOTAL : DataStructure.NOT_APPLICABLE;
    if (codes.contains(fallback)) {
      return fallback;
    }
    issues.add(required(ref, dimension));
    return null;
  }

  private void checkApplicability(
      RowRef ref,
      DimensionDef dimension,
      MeasureDef measure,
      boolean applies,
      String code,
      List<ValidationIssue> issues) {
    boolean notApplicable = DataStructure.NOT_APPLICABLE.equals(code);
    if (applies && notApplicable) {
      issues.add(
          ValidationIssue.error(
              ref,
              dimension.id(),
              code,
              "R03",
              dimension.id()
                  + " applies to "
                  + measure.id()
                  + ": give one of its codes (or _T for the total), not _Z."));
    } else if (!applies && !notApplicable) {
      MeasureDef.Condition condition = measure.dimensions().get(dimension.id());
      String why =
          condition != null && !condition.isAlways()
              ? " unless " + condition.dimension() + " is " + condition.code()
              : "";
      issues.add(
          ValidationIssue.error(
              ref,
              dimension.id(),
              code,
              "R03",
              dimension.id()
                  + " does not apply to "
                  + measure.id()
                  + why
                  + ": give _Z or leave it empty."));
    }
  }

  private String checkUnit(
      RowRef ref,
      MeasureDef measure,
      String unit,
      boolean unitGiven,
      List<ValidationIssue> issues) {
    if (unit == null) {
      if (unitGiven) {
        return null; // already reported as an unknown code
      }
      if (measure.defaultUnit() != null) {
        return measure.defaultUnit();
      }
      issues.add(
          ValidationIssue.error(
              ref,
              UNIT_MEASURE,
              null,
              "R02",
              measure.id()
                  + " is money: give UNIT_MEASURE as an ISO 4217 currency code (e.g. CAD, EUR,"
                  + " TZS)."));
      return null;
    }
    if (measure == lastUnitMeasure && unit == lastUnit) {
      return unit; // checked for the row before
    }
    boolean inList = structure.codeList(measure.unitCodeList()).contains(unit);
    boolean allowed = measure.allowedUnits().isEmpty() || measure.allowedUnits().contains(unit);
    if (!inList || !allowed) {
      String expected =
          measure.isMoney()
              ? "an ISO 4217 currency code (e.g. CAD, EUR, TZS)"
              : String.join(" or ", measure.allowedUnits());
      issues.add(
          ValidationIssue.error(
              ref,
              UNIT_MEASURE,
              unit,
              "R02",
              measure.id() + " cannot be in " + unit + ": its unit is " + expected + "."));
      return null;
    }
    lastUnitMeasure = measure;
    lastUnit = unit;
    return unit;
  }

  private BigDecimal checkValue(
      RowRef ref, MeasureDef measure, String text, String obsStatus, List<ValidationIssue> issues) {
    if (text == null) {
      if (obsStatus != null && MISSING_VALUE_STATUSES.contains(obsStatus)) {
        return null;
      }
      issues.add(
          ValidationIssue.error(
              ref,
              OBS_VALUE,
              null,
              "R01",
              "OBS_VALUE is empty: give the value, or flag a missing value with OBS_STATUS M."));
      return null;
    }
    BigDecimal value = parseValue(ref, text, issues);
    if (value == null) {
      return null;
    }
    if (value.signum() < 0 && !measure.allowsNegative()) {
      issues.add(
          ValidationIssue.error(
              ref,
              OBS_VALUE,
              text,
              "R02",
              measure.id() + " cannot be negative. Check the sign of the value."));
      return null;
    }
    // Stripping zeros never raises the scale, so a scale of 0 or less is already whole.
    if (measure.isInteger() && value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
      issues.add(
          ValidationIssue.error(
              ref, OBS_VALUE, text, "R02", measure.id() + " is a count: give a whole number."));
      return null;
    }
    return value;
  }

  /** OBS_VALUE as a number; null when it is too long or not a number (reported, with a hint). */
  private static BigDecimal parseValue(RowRef ref, String text, List<ValidationIssue> issues) {
    if (text.length() > MAX_VALUE_LENGTH) {
      issues.add(
          ValidationIssue.error(
              ref,
              OBS_VALUE,
              text.substring(0, 40) + "…",
              "R02",
              "OBS_VALUE has "
                  + text.length()
                  + " characters; a value has at most "
                  + MAX_VALUE_LENGTH
                  + ". Write a plain number, e.g. 5605 or 1234.5."));
      return null;
    }
    try {
      BigDecimal plain = plainDecimal(text);
      return plain != null ? plain : new BigDecimal(text);
    } catch (NumberFormatException e) {
      String hint =
          text.matches("-?[0-9]{1,3}([, ][0-9]{3})+([.][0-9]+)?")
              ? " Write it without thousands separators, e.g. " + text.replaceAll("[, ]", "") + "."
              : text.matches("-?[0-9]+,[0-9]+")
                  ? " Use a point as the decimal mark, e.g. " + text.replace(',', '.') + "."
                  : " Write a plain number, e.g. 5605 or 1234.5.";
      issues.add(
          ValidationIssue.error(
              ref, OBS_VALUE, text, "R02", "'" + text + "' is not a number." + hint));
      return null;
    }
  }

  /**
   * R02: a value beyond the measure's bound (in units, after UNIT_MULT) or with more decimals than
   * any figure has is refused, not stored as a 310-digit number.
   */
  private static void checkMagnitude(
      RowRef ref,
      MeasureDef measure,
      BigDecimal value,
      String text,
      int unitMult,
      List<ValidationIssue> issues) {
    BigDecimal bound = measure.maxMagnitude();
    if (bound != null && value.abs().scaleByPowerOfTen(unitMult).compareTo(bound) > 0) {
      issues.add(
          ValidationIssue.of(
              ref,
              OBS_VALUE,
              text,
              "R02",
              ValidationIssue.Severity.ERROR,
              measure.id()
                  + " is at most "
                  + bound.toString()
                  + (unitMult == 0
                      ? ""
                      : " in units (the value times 10^UNIT_MULT " + unitMult + ")")
                  + " (the structure's bound for it, GET /api/v1/structures/COOP_STATS); '"
                  + text
                  + "' is beyond it. Check the value and UNIT_MULT.",
              null,
              null,
              bound,
              null));
      return;
    }
    if (value.scale() > MAX_DECIMALS) {
      issues.add(
          ValidationIssue.error(
              ref,
              OBS_VALUE,
              text,
              "R02",
              "'"
                  + text
                  + "' has "
                  + value.scale()
                  + " decimal places; at most "
                  + MAX_DECIMALS
                  + " are kept. Round it."));
    }
  }

  /**
   * A value written as plain digits with at most one decimal point and an optional sign, of at most
   * 18 digits: read without BigDecimal's parser, to the same number and scale ({@code new
   * BigDecimal(text)} would give). Null for anything else.
   */
  static BigDecimal plainDecimal(String text) {
    int length = text.length();
    int start = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    long unscaled = 0;
    int digits = 0;
    int point = -1;
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 18) {
          return null;
        }
        unscaled = unscaled * 10 + (c - '0');
      } else if (c == '.' && point < 0) {
        point = i;
      } else {
        return null;
      }
    }
    if (digits == 0) {
      return null;
    }
    int scale = point < 0 ? 0 : length - point - 1;
    return BigDecimal.valueOf(text.charAt(0) == '-' ? -unscaled : unscaled, scale);
  }

  private static String attribute(
      SourceRow row, AttributeDef attribute, CodeList codes, List<ValidationIssue> issues) {
    String code = row.value(attribute.id());
    if (code == null) {
      return attribute.defaultValue();
    }
    return checkCode(row.ref(), attribute.id(), attribute.codeListId(), codes, code, issues)
        ? code
        : null;
  }

  private static boolean checkCode(
      RowRef ref,
      String column,
      String codeListId,
      CodeList codes,
      String code,
      List<ValidationIssue> issues) {
    if (codes.contains(code)) {
      return true;
    }
    String upper = code.toUpperCase(Locale.ROOT);
    String hint =
        codes.contains(upper)
            ? " Did you mean '" + upper + "'? Codes are case-sensitive."
            : " See GET /api/v1/codelists/" + codeListId + " for the codes.";
    issues.add(
        ValidationIssue.error(
            ref,
            column,
            code,
            "R01",
            "'" + code + "' is not a code of " + codeListId + " (" + column + ")." + hint));
    return false;
  }

  private static ValidationIssue required(RowRef ref, DimensionDef dimension) {
    String example =
        dimension.timeDimension() ? TimePeriod.FORMATS : "a code of " + dimension.codeListId();
    return ValidationIssue.error(
        ref, dimension.id(), null, "R01", dimension.id() + " is required: give " + example + ".");
  }
}
