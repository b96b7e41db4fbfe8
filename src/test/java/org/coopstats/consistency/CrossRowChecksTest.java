package org.coopstats.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.support.TestStructure;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.TimePeriod;
import org.coopstats.validation.ValidationIssue;
import org.coopstats.validation.ValidationIssue.Severity;
import org.junit.jupiter.api.Test;

/** Rules R04–R10 on the rows of one submission, without a database. */
class CrossRowChecksTest {

  private static final DataStructure STRUCTURE = TestStructure.coopStats();
  private static final List<String> DIMENSIONS =
      STRUCTURE.seriesDimensions().stream().map(DimensionDef::id).toList();

  private final SubmissionRows rows = new SubmissionRows(STRUCTURE);
  private long line = 1;

  @Test
  void aRepeatedKeyAndPeriodIsOneErrorListingEveryLine() {
    add("COOPS", "10");
    add("COOPS", "11", "TIME_PERIOD=2022");
    add("COOPS", "12");
    add("COOPS", "13");
    List<ValidationIssue> issues = duplicates();
    assertThat(issues).hasSize(1);
    ValidationIssue issue = issues.get(0);
    assertThat(issue.rule()).isEqualTo("R04");
    assertThat(issue.line()).isEqualTo(4);
    assertThat(issue.period()).isEqualTo("2021");
    assertThat(issue.seriesKey()).isEqualTo("CAN.COOPS._T._T._T._Z._Z._Z");
    assertThat(issue.message()).contains("(lines 2, 4, 5)");
  }

  @Test
  void oneTotalSplitAlongEveryDimensionAddsUpAlongEach() {
    // Each dimension's sums start from nothing, though the rules reuse each other's tables.
    add("COOPS", "100");
    add("COOPS", "60", "REF_AREA=CA-QC");
    add("COOPS", "40", "REF_AREA=CA-ON");
    add("COOPS", "70", "COOP_TYPE=PROD");
    add("COOPS", "30", "COOP_TYPE=CONS");
    add("COOPS", "90", "COOP_LEVEL=PRIM");
    add("COOPS", "10", "COOP_LEVEL=SEC");
    add("COOPS", "100", "ACTIVITY=A");
    for (int i = 0; i < 5; i++) {
      assertThat(consistency()).isEmpty();
    }
  }

  @Test
  void partsOverTheirTotalAreAnErrorWithTheFigures() {
    add("COOPS", "100");
    add("COOPS", "60", "REF_AREA=CA-QC");
    add("COOPS", "50", "REF_AREA=CA-ON");
    ValidationIssue issue = single(consistency());
    assertThat(issue.rule()).isEqualTo("R05");
    assertThat(issue.severity()).isEqualTo(Severity.ERROR);
    assertThat(issue.line()).isEqualTo(2);
    assertThat(issue.expected()).isEqualByComparingTo("100");
    assertThat(issue.found()).isEqualByComparingTo("110");
    assertThat(issue.message())
        .startsWith("REF_AREA CA-ON+CA-QC add up to 110, more than the REF_AREA CAN total of 100");
  }

  @Test
  void partsOverTheTotalOfAMeasureThatMayBeNegativeAreAnErrorOnlyWhenAllArePresent() {
    // A region not given (suppressed, say) may have made a loss: the others may exceed the total.
    add("SURPLUS", "1000.00", "UNIT=CAD");
    add("SURPLUS", "1300.00", "UNIT=CAD", "REF_AREA=CA-QC");
    assertThat(consistency()).isEmpty();
    add("SURPLUS", "1000.00", "UNIT=CAD", "COOP_TYPE=CONS");
    for (String type : List.of("PROD", "WORK")) {
      add("SURPLUS", "100.00", "UNIT=CAD", "COOP_TYPE=" + type);
    }
    ValidationIssue issue = single(consistency());
    assertThat(issue.severity()).isEqualTo(Severity.ERROR);
    assertThat(issue.message()).contains("more than the COOP_TYPE _T total of 1000.00");
  }

  @Test
  void allPartsShortOfTheTotalAreAWarningButMissingPartsAreNot() {
    add("COOPS", "100");
    add("COOPS", "60", "REF_AREA=CA-QC");
    add("COOPS", "30", "REF_AREA=CA-ON");
    add("COOPS", "100", "TIME_PERIOD=2022");
    add("COOPS", "60", "REF_AREA=CA-QC", "TIME_PERIOD=2022");
    ValidationIssue issue = single(consistency());
    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
    assertThat(issue.period()).isEqualTo("2021");
    assertThat(issue.message()).contains("10 are not allocated to any REF_AREA");
  }

  @Test
  void moneyAddsUpWithinHalfAPercent() {
    add("TURNOVER", "1000.00", "UNIT=CAD");
    add("TURNOVER", "600.00", "UNIT=CAD", "REF_AREA=CA-QC");
    add("TURNOVER", "402.00", "UNIT=CAD", "REF_AREA=CA-ON");
    assertThat(consistency()).isEmpty();
  }

  @Test
  void partsWithDifferentScalesAddUpExactly() {
    add("WORKERS", "1.5", "UNIT=PERSONS", "SEX=_T", "WORK_CAT=_T");
    add("WORKERS", "0.5", "UNIT=PERSONS", "SEX=F", "WORK_CAT=_T");
    add("WORKERS", "1", "UNIT=PERSONS", "SEX=M", "WORK_CAT=_T");
    add("WORKERS", "1.5", "UNIT=PERSONS", "SEX=_T", "WORK_CAT=_T", "TIME_PERIOD=2022");
    add("WORKERS", "0.50", "UNIT=PERSONS", "SEX=F", "WORK_CAT=_T", "TIME_PERIOD=2022");
    add("WORKERS", "1.01", "UNIT=PERSONS", "SEX=M", "WORK_CAT=_T", "TIME_PERIOD=2022");
    ValidationIssue issue = single(consistency());
    assertThat(issue.period()).isEqualTo("2022");
    assertThat(issue.found()).isEqualByComparingTo("1.51");
  }

  @Test
  void partsWhoseSumOverflowsALongAddUpExactly() {
    add("TURNOVER", "18000000000000000000", "UNIT=CAD");
    add("TURNOVER", "9000000000000000000", "UNIT=CAD", "REF_AREA=CA-QC");
    add("TURNOVER", "9000000000000000000", "UNIT=CAD", "REF_AREA=CA-ON");
    add("TURNOVER", "-18000000000000000000", "UNIT=CAD", "TIME_PERIOD=2022");
    add("TURNOVER", "-9000000000000000000", "UNIT=CAD", "REF_AREA=CA-QC", "TIME_PERIOD=2022");
    add("TURNOVER", "-9100000000000000000", "UNIT=CAD", "REF_AREA=CA-ON", "TIME_PERIOD=2022");
    ValidationIssue issue = single(consistency());
    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
    assertThat(issue.found()).isEqualByComparingTo("-18100000000000000000");
  }

  @Test
  void valuesInAnotherUnitOrMultiplierAreNotAdded() {
    add("TURNOVER", "1000", "UNIT=CAD");
    add("TURNOVER", "900", "UNIT=CAD", "REF_AREA=CA-QC", "MULT=3");
    add("TURNOVER", "900", "UNIT=CAD", "REF_AREA=CA-ON");
    assertThat(consistency()).isEmpty();
  }

  @Test
  void aDimensionAMeasureDoesNotAddAcrossIsSkipped() {
    add("MEMBERS", "10", "MEMBER_KIND=CO");
    add("MEMBERS", "8", "MEMBER_KIND=CO", "COOP_LEVEL=PRIM");
    add("MEMBERS", "5", "MEMBER_KIND=CO", "COOP_LEVEL=SEC");
    assertThat(consistency()).isEmpty();
  }

  @Test
  void everyLevelOfATreeAddsUp() {
    add("WORKERS", "10", "UNIT=PERSONS", "SEX=_T", "WORK_CAT=IN_EMP");
    add("WORKERS", "12", "UNIT=PERSONS", "SEX=_T", "WORK_CAT=IN_EMP_WM");
    ValidationIssue issue = single(consistency());
    assertThat(issue.message())
        .startsWith("WORK_CAT IN_EMP_WM add up to 12, more than the WORK_CAT");
  }

  @Test
  void membersOfSecondaryCooperativesArePersonsIsAnError() {
    add("MEMBERS", "5", "MEMBER_KIND=NP", "COOP_LEVEL=SEC", "SEX=_T");
    add("MEMBERS", "5", "MEMBER_KIND=CO", "COOP_LEVEL=TERT");
    ValidationIssue issue = single(consistency());
    assertThat(issue.rule()).isEqualTo("R06");
    assertThat(issue.line()).isEqualTo(2);
    assertThat(issue.value()).isEqualTo("NP");
  }

  @Test
  void pairsOfMeasuresAreCompared() {
    add("COOPS", "120");
    add("COOPS_REG", "100");
    add("VALUE_ADDED", "50", "UNIT=CAD");
    add("TURNOVER", "40", "UNIT=CAD");
    add("WORKERS", "4", "UNIT=PERSONS", "COOP_TYPE=WORK", "SEX=_T", "WORK_CAT=IN_EMP_WM");
    add("MEMBERS", "10", "COOP_TYPE=WORK", "SEX=_T", "MEMBER_KIND=NP");
    List<ValidationIssue> issues = consistency();
    assertThat(issues).extracting(ValidationIssue::rule).containsExactly("R07", "R08", "R09");
    assertThat(issues.get(0).message()).startsWith("120 against 100: active cooperatives");
    assertThat(issues.get(0).line()).isEqualTo(2);
    assertThat(issues.get(2).expected()).isEqualByComparingTo("10");
    assertThat(issues.get(2).found()).isEqualByComparingTo("4");
  }

  @Test
  void aBalanceSheetBalancesWithinHalfAPercent() {
    add("ASSETS", "100", "UNIT=CAD");
    add("LIABILITIES", "60", "UNIT=CAD");
    add("EQUITY", "30", "UNIT=CAD");
    add("ASSETS", "100", "UNIT=CAD", "TIME_PERIOD=2022");
    add("LIABILITIES", "60", "UNIT=CAD", "TIME_PERIOD=2022");
    add("EQUITY", "40.2", "UNIT=CAD", "TIME_PERIOD=2022");
    ValidationIssue issue = single(consistency());
    assertThat(issue.rule()).isEqualTo("R08");
    assertThat(issue.period()).isEqualTo("2021");
    assertThat(issue.expected()).isEqualByComparingTo("90");
  }

  @Test
  void valuesTenTimesAwayFromThePublishedOnesAreWarnings() {
    add("COOPS", "5001");
    add("COOPS_REG", "600");
    add("MEMBERS", "0", "MEMBER_KIND=CO");
    add("WORKERS", "7000", "UNIT=PERSONS", "SEX=_T", "WORK_CAT=_T", "MULT=3");
    CrossRowChecks checks = new CrossRowChecks(STRUCTURE, rows, true, 100);
    checks.published(key("COOPS"), "2021", 0, new BigDecimal("500"));
    checks.published(key("COOPS_REG"), "2021", 0, new BigDecimal("500"));
    checks.published(key("MEMBERS", "MEMBER_KIND=CO"), "2021", 0, new BigDecimal("500"));
    checks.published(key("WORKERS", "SEX=_T", "WORK_CAT=_T"), "2021", 0, new BigDecimal("500"));
    checks.published(key("COOPS", "REF_AREA=CA-QC"), "2021", 0, new BigDecimal("1"));
    List<ValidationIssue> issues = new ArrayList<>();
    checks.unlikelyChanges(issues::add);
    ValidationIssue issue = single(issues);
    assertThat(issue.rule()).isEqualTo("R10");
    assertThat(issue.line()).isEqualTo(2);
    assertThat(issue.expected()).isEqualByComparingTo("500");
  }

  @Test
  void jsonRowsAreReportedByIndexAndHugeValuesStayExact() {
    add("TURNOVER", "100000000000000000000000000000", "UNIT=CAD");
    add("TURNOVER", "60000000000000000000000000000", "UNIT=CAD", "REF_AREA=CA-QC");
    add("TURNOVER", "50000000000000000000000000001", "UNIT=CAD", "REF_AREA=CA-ON");
    List<ValidationIssue> issues = new ArrayList<>();
    new CrossRowChecks(STRUCTURE, rows, false, 100).consistency(issues::add);
    ValidationIssue issue = single(issues);
    assertThat(issue.line()).isNull();
    assertThat(issue.index()).isEqualTo(2);
    assertThat(issue.found()).isEqualByComparingTo("110000000000000000000000000001");
  }

  private List<ValidationIssue> duplicates() {
    List<ValidationIssue> issues = new ArrayList<>();
    new CrossRowChecks(STRUCTURE, rows, true, 100).duplicates(issues::add);
    return issues;
  }

  private List<ValidationIssue> consistency() {
    List<ValidationIssue> issues = new ArrayList<>();
    new CrossRowChecks(STRUCTURE, rows, true, 100).consistency(issues::add);
    return issues;
  }

  private static ValidationIssue single(List<ValidationIssue> issues) {
    assertThat(issues).hasSize(1);
    return issues.get(0);
  }

  /**
   * Adds a row of {@code measure} in CAN, 2021, every other dimension total or not applicable,
   * changed by "DIMENSION=CODE", "TIME_PERIOD=…", "UNIT=…" and "MULT=…".
   */
  private void add(String measure, String value, String... changes) {
    Map<String, String> fields = fields(measure, changes);
    rows.add(
        new CheckedObservation(
            RowRef.csvLine(++line),
            DIMENSIONS.stream().map(fields::get).toList(),
            TestStructure.positions(STRUCTURE, DIMENSIONS.stream().map(fields::get).toList()),
            TimePeriod.parse(fields.get("TIME_PERIOD")).orElseThrow(),
            new BigDecimal(value),
            "A",
            "F",
            fields.get("UNIT"),
            Integer.parseInt(fields.get("MULT")),
            null,
            false));
  }

  private static List<String> key(String measure, String... changes) {
    Map<String, String> fields = fields(measure, changes);
    return DIMENSIONS.stream().map(fields::get).toList();
  }

  private static Map<String, String> fields(String measure, String... changes) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS) {
      fields.put(
          dimension,
          List.of("COOP_TYPE", "COOP_LEVEL", "ACTIVITY").contains(dimension) ? "_T" : "_Z");
    }
    fields.put("REF_AREA", "CAN");
    fields.put("MEASURE", measure);
    fields.put("TIME_PERIOD", "2021");
    fields.put("UNIT", "NUMBER");
    fields.put("MULT", "0");
    for (String change : changes) {
      String[] parts = change.split("=");
      fields.put(parts[0], parts[1]);
    }
    return fields;
  }
}
