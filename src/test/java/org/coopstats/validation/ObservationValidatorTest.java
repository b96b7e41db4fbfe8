package org.coopstats.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.support.TestStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules R01–R03 and defaults, on a small structure shaped like COOP_STATS. */
class ObservationValidatorTest {

  private final ObservationValidator validator =
      new ObservationValidator(TestStructure.coopStats());

  @Test
  void omittedDimensionsTakeTotalOrNotApplicable() {
    CheckedObservation coops =
        valid(
            row("REF_AREA", "CAN", "MEASURE", "COOPS", "TIME_PERIOD", "2021", "OBS_VALUE", "5605"));
    assertThat(coops.key()).containsExactly("CAN", "COOPS", "_T", "_T", "_T", "_Z", "_Z", "_Z");
    assertThat(coops.unitMeasure()).isEqualTo("NUMBER");
    assertThat(coops.obsStatus()).isEqualTo("A");
    assertThat(coops.confStatus()).isEqualTo("F");
    assertThat(coops.unitMult()).isZero();

    CheckedObservation workers =
        valid(
            row(
                "REF_AREA",
                "CAN",
                "MEASURE",
                "WORKERS",
                "TIME_PERIOD",
                "2021",
                "OBS_VALUE",
                "100755"));
    assertThat(workers.key()).containsExactly("CAN", "WORKERS", "_T", "_T", "_T", "_T", "_Z", "_T");
    assertThat(workers.unitMeasure()).isEqualTo("PERSONS");
  }

  @Test
  void theKeysPositionsNameItsCodesGivenAndDefaulted() {
    DataStructure structure = TestStructure.coopStats();
    CheckedObservation members =
        valid(
            row(
                "REF_AREA",
                "CAN",
                "MEASURE",
                "MEMBERS",
                "MEMBER_KIND",
                "NP",
                "SEX",
                "F",
                "TIME_PERIOD",
                "2021",
                "OBS_VALUE",
                "10"));
    List<String> byPosition = new ArrayList<>();
    for (int d = 0; d < members.key().size(); d++) {
      CodeList codes = structure.codeList(structure.seriesDimensions().get(d).codeListId());
      byPosition.add(codes.codes().get(members.keyPositions()[d]).id());
    }
    assertThat(byPosition).isEqualTo(members.key());
    assertThat(byPosition).contains("CAN", "MEMBERS", "NP", "F", "_T", "_Z");
  }

  @Test
  void sexAppliesToMembersOnlyWhenTheyAreNaturalPersons() {
    CheckedObservation persons =
        valid(
            row(
                "REF_AREA",
                "CAN",
                "MEASURE",
                "MEMBERS",
                "MEMBER_KIND",
                "NP",
                "TIME_PERIOD",
                "2021",
                "OBS_VALUE",
                "10"));
    assertThat(persons.key().get(5)).isEqualTo("_T");
    CheckedObservation all =
        valid(
            row("REF_AREA", "CAN", "MEASURE", "MEMBERS", "TIME_PERIOD", "2021", "OBS_VALUE", "10"));
    assertThat(all.key().get(5)).isEqualTo("_Z");
    assertThat(all.key().get(6)).isEqualTo("_T");

    List<ValidationIssue> issues =
        invalid(
            row(
                "REF_AREA",
                "CAN",
                "MEASURE",
                "MEMBERS",
                "MEMBER_KIND",
                "CO",
                "SEX",
                "F",
                "TIME_PERIOD",
                "2021",
                "OBS_VALUE",
                "10"));
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.rule()).isEqualTo("R03");
              assertThat(i.column()).isEqualTo("SEX");
              assertThat(i.message()).contains("unless MEMBER_KIND is NP");
            });
  }

  @ParameterizedTest(name = "{0}={1} for {2} breaks {3}")
  @CsvSource({
    "REF_AREA, XXX, COOPS, R01",
    "REF_AREA, can, COOPS, R01",
    "ACTIVITY, Z, COOPS, R01",
    "WORK_CAT, IN_EMP, COOPS, R03",
    "SEX, F, COOPS, R03",
    "WORK_CAT, _Z, WORKERS, R03",
    "MEMBER_KIND, NP, WORKERS, R03",
    "OBS_VALUE, -1, COOPS, R02",
    "OBS_VALUE, 2.5, COOPS, R02",
    "OBS_VALUE, '1,234', COOPS, R02",
    "OBS_VALUE, abc, COOPS, R02",
    "UNIT_MEASURE, PERSONS, COOPS, R02",
    "UNIT_MEASURE, CAD, COOPS, R02",
    "UNIT_MULT, 2, COOPS, R01",
    "OBS_STATUS, Z, COOPS, R01",
    "TIME_PERIOD, 2021/22, COOPS, R01"
  })
  void oneFaultOneIssue(String column, String value, String measure, String rule) {
    Map<String, String> values =
        new HashMap<>(
            Map.of("REF_AREA", "CAN", "MEASURE", measure, "TIME_PERIOD", "2021", "OBS_VALUE", "5"));
    values.put(column, value);
    List<ValidationIssue> issues = invalid(new SourceRow(RowRef.csvLine(7), values));
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.rule()).isEqualTo(rule);
              assertThat(i.column()).isEqualTo(column);
              assertThat(i.value()).isEqualTo(value);
              assertThat(i.line()).isEqualTo(7L);
              assertThat(i.message()).isNotBlank();
            });
  }

  @Test
  void lowerCaseCodesGetAHint() {
    List<ValidationIssue> issues =
        invalid(
            row("REF_AREA", "can", "MEASURE", "COOPS", "TIME_PERIOD", "2021", "OBS_VALUE", "1"));
    assertThat(issues.get(0).message()).contains("Did you mean 'CAN'?");
  }

  @Test
  void moneyNeedsACurrencyAndOnlySurplusMayBeNegative() {
    assertThat(
            invalid(
                row(
                    "REF_AREA",
                    "CAN",
                    "MEASURE",
                    "TURNOVER",
                    "TIME_PERIOD",
                    "2021",
                    "OBS_VALUE",
                    "12.5")))
        .singleElement()
        .satisfies(i -> assertThat(i.message()).contains("ISO 4217"));
    assertThat(
            valid(
                    row(
                        "REF_AREA",
                        "CAN",
                        "MEASURE",
                        "SURPLUS",
                        "TIME_PERIOD",
                        "2021",
                        "OBS_VALUE",
                        "-3.5",
                        "UNIT_MEASURE",
                        "CAD"))
                .value())
        .isEqualByComparingTo("-3.5");
    assertThat(
            invalid(
                row(
                    "REF_AREA",
                    "CAN",
                    "MEASURE",
                    "TURNOVER",
                    "TIME_PERIOD",
                    "2021",
                    "OBS_VALUE",
                    "-3.5",
                    "UNIT_MEASURE",
                    "CAD")))
        .singleElement()
        .satisfies(i -> assertThat(i.rule()).isEqualTo("R02"));
  }

  @Test
  void missingValuesNeedAMissingStatus() {
    assertThat(
            invalid(
                row("REF_AREA", "CAN", "MEASURE", "COOPS", "TIME_PERIOD", "2021", "OBS_VALUE", "")))
        .singleElement()
        .satisfies(i -> assertThat(i.message()).contains("OBS_STATUS M"));
    assertThat(
            valid(
                    row(
                        "REF_AREA",
                        "CAN",
                        "MEASURE",
                        "COOPS",
                        "TIME_PERIOD",
                        "2021",
                        "OBS_VALUE",
                        "",
                        "OBS_STATUS",
                        "M"))
                .value())
        .isNull();
  }

  @Test
  void requiredDimensionsAreNamed() {
    List<ValidationIssue> issues = invalid(row("OBS_VALUE", "1"));
    assertThat(issues)
        .extracting(ValidationIssue::column)
        .containsExactly("MEASURE", "REF_AREA", "TIME_PERIOD");
    assertThat(issues).extracting(ValidationIssue::rule).containsOnly("R01");
  }

  @Test
  void headersAreCheckedForUnknownAndMissingColumns() {
    List<ValidationIssue> issues =
        validator.checkColumns(List.of("REF_AREA", "MEASURE", "VALUE"), RowRef.csvLine(1));
    assertThat(issues)
        .extracting(ValidationIssue::column)
        .containsExactly("VALUE", "TIME_PERIOD", "OBS_VALUE");
    assertThat(validator.requiredColumns())
        .containsExactly("REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE");
  }

  @Test
  void blankCodesAreOmittedOnes() {
    CheckedObservation coops =
        valid(
            row(
                "REF_AREA",
                "CAN",
                "MEASURE",
                "COOPS",
                "COOP_TYPE",
                " ",
                "SEX",
                "",
                "TIME_PERIOD",
                " 2021 ",
                "OBS_VALUE",
                "5605",
                "OBS_STATUS",
                "\t"));
    assertThat(coops.key()).containsExactly("CAN", "COOPS", "_T", "_T", "_T", "_Z", "_Z", "_Z");
    assertThat(coops.period().text()).isEqualTo("2021");
    assertThat(coops.obsStatus()).isEqualTo("A");
    assertThat(
            invalid(
                row("REF_AREA", "  ", "MEASURE", "COOPS", "TIME_PERIOD", "2021", "OBS_VALUE", "1")))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.column()).isEqualTo("REF_AREA");
              assertThat(i.value()).isNull();
              assertThat(i.message()).isEqualTo("REF_AREA is required: give a code of CL_AREA.");
            });
  }

  @Test
  void codesAreLookedUpInTheirOwnListAndCaseMatters() {
    // PROD is a code of CL_COOP_TYPE, not of CL_COOP_LEVEL.
    assertThat(
            invalid(
                row(
                    "REF_AREA",
                    "CAN",
                    "MEASURE",
                    "COOPS",
                    "COOP_LEVEL",
                    "PROD",
                    "TIME_PERIOD",
                    "2021",
                    "OBS_VALUE",
                    "1")))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.message())
                    .isEqualTo(
                        "'PROD' is not a code of CL_COOP_LEVEL (COOP_LEVEL). See GET"
                            + " /api/v1/codelists/CL_COOP_LEVEL for the codes."));
    assertThat(
            invalid(
                row(
                    "REF_AREA",
                    "CAN",
                    "MEASURE",
                    "coops",
                    "TIME_PERIOD",
                    "2021",
                    "OBS_VALUE",
                    "1",
                    "CONF_STATUS",
                    "c")))
        .extracting(ValidationIssue::message)
        .containsExactly(
            "'coops' is not a code of CL_MEASURE (MEASURE). Did you mean 'COOPS'? Codes are"
                + " case-sensitive.",
            "'c' is not a code of CL_CONF_STATUS (CONF_STATUS). Did you mean 'C'? Codes are"
                + " case-sensitive.");
  }

  @Test
  void aMeasureCodeWithoutADefinitionIsReported() {
    DataStructure structure = TestStructure.coopStats();
    Map<String, CodeList> lists = new HashMap<>(structure.codeLists());
    lists.put(
        "CL_MEASURE",
        TestStructure.list(
            "CL_MEASURE", "COOPS", "MEMBERS", "WORKERS", "TURNOVER", "SURPLUS", "SHARES"));
    ObservationValidator withShares =
        new ObservationValidator(
            new DataStructure(
                structure.id(),
                structure.agency(),
                structure.version(),
                structure.nameEn(),
                structure.description(),
                structure.dimensions(),
                structure.attributes(),
                structure.measures(),
                lists,
                structure.publishedTable()));
    List<ValidationIssue> issues = new ArrayList<>();
    assertThat(
            withShares.check(
                row(
                    "REF_AREA",
                    "CAN",
                    "MEASURE",
                    "SHARES",
                    "TIME_PERIOD",
                    "2021",
                    "OBS_VALUE",
                    "1"),
                issues))
        .isNull();
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.rule()).isEqualTo("R01");
              assertThat(i.column()).isEqualTo("MEASURE");
              assertThat(i.message()).isEqualTo("Measure SHARES has no definition in COOP_STATS.");
            });
  }

  private CheckedObservation valid(SourceRow row) {
    List<ValidationIssue> issues = new ArrayList<>();
    CheckedObservation checked = validator.check(row, issues);
    assertThat(issues).isEmpty();
    assertThat(checked).isNotNull();
    return checked;
  }

  private List<ValidationIssue> invalid(SourceRow row) {
    List<ValidationIssue> issues = new ArrayList<>();
    assertThat(validator.check(row, issues)).isNull();
    assertThat(issues).isNotEmpty();
    return issues;
  }

  private static SourceRow row(String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return new SourceRow(RowRef.csvLine(2), values);
  }

  @ParameterizedTest
  @CsvSource({
    "0",
    "-0",
    "+5",
    "1234.",
    ".5",
    "-.5",
    "1.50",
    "000123",
    "-0.000",
    "123456789012345678",
    "-12345678901234567.8",
    "999999999999999999"
  })
  void plainValuesReadToTheNumberAndScaleOfBigDecimalsParser(String text) {
    assertThat(ObservationValidator.plainDecimal(text)).isEqualTo(new BigDecimal(text));
  }

  @ParameterizedTest
  @CsvSource({
    "1234567890123456789",
    "1e3",
    "1.2.3",
    "-",
    "+",
    ".",
    "-.",
    "'1,5'",
    "12 3",
    "--1",
    "0x10",
    "'1.5 '"
  })
  void otherValuesAreLeftToBigDecimalsParser(String text) {
    assertThat(ObservationValidator.plainDecimal(text)).isNull();
  }

  @Test
  void randomPlainValuesReadAsBigDecimalsParserReadsThem() {
    Random random = new Random(42);
    String alphabet = "0123456789.-+";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(22); i >= 0; i--) {
        int pick = random.nextInt(100);
        text.append(pick < 85 ? alphabet.charAt(pick % 10) : alphabet.charAt(10 + pick % 3));
      }
      BigDecimal plain = ObservationValidator.plainDecimal(text.toString());
      if (plain != null) {
        assertThat(plain).as(text.toString()).isEqualTo(new BigDecimal(text.toString()));
      }
    }
  }
}
