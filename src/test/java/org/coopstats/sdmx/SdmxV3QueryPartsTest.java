package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.ProblemException;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;
import org.coopstats.sdmx.SdmxComponentFilter.Order;
import org.coopstats.support.TestStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pieces of an SDMX REST 2.x query: c[…] filters, version patterns, keys, row windows. */
class SdmxV3QueryPartsTest {

  private static final DataStructure STRUCTURE = TestStructure.coopStats();

  /** The examples of the SDMX REST documentation (doc/data.md), on codes A to D. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "A|A|true",
        "A|B|false",
        "A,B|B|true",
        "ge:B|A|false",
        "ge:B|C|true",
        "ge:A+le:B|B|true",
        "ge:A+le:B|C|false",
        "A,B+C|B|false",
        "A,B+C|A|true",
        "ge:A+le:B,ge:C+le:D|C|true",
        "ne:A,B|A|false",
        "ne:A,B|C|true",
        "ne:A+B|B|true",
        "ne:A+B|C|false",
        "ne:A,ne:B|A|true",
        "ne:A+ne:B|A|false",
        "co:B|ABC|true",
        "nc:B|ABC|false",
        "sw:AB|ABC|true",
        "ew:BC|ABC|true",
        "ew:AB|ABC|false",
        "lt:B|A|true",
        "gt:B|B|false"
      })
  void filtersReadAsTheStandardsExamples(String expression, String value, boolean passes) {
    assertThat(SdmxComponentFilter.parse("X", expression, Order.TEXT).test(value))
        .isEqualTo(passes);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ge:2020|2020|true",
        "ge:2020|2019|false",
        "ge:2020-Q3|2020|false",
        "le:2020|2020-Q4|true",
        "lt:2020|2019-12|true",
        "lt:2020|2020-01|false",
        "gt:2020|2021|true",
        "gt:2020|2020-Q4|false",
        "2020|2020|true",
        "2020-Q1|2020-01|false",
        "ge:2019-01-01+le:2019-12-31|2019|true",
        "ne:2019|2019|false",
        "sw:2019|2019-Q2|true"
      })
  void periodsCompareByTheTimeTheyCover(String expression, String period, boolean passes) {
    assertThat(SdmxComponentFilter.parse("TIME_PERIOD", expression, Order.PERIOD).test(period))
        .isEqualTo(passes);
  }

  @Test
  void valuesCompareAsNumbersAndAMissingValuePassesNothing() {
    SdmxComponentFilter over = SdmxComponentFilter.parse("OBS_VALUE", "gt:9.5", Order.NUMBER);
    assertThat(over.test("10")).isTrue();
    assertThat(over.test("9")).isFalse(); // as text, "9" > "9.5" would pass
    assertThat(over.test(null)).isFalse();
    assertThat(SdmxComponentFilter.parse("OBS_VALUE", "ne:1", Order.NUMBER).test(null)).isFalse();
  }

  @Test
  void aRangeNarrowsThePeriodsReadAndOtherFiltersDoNot() {
    SdmxComponentFilter range =
        SdmxComponentFilter.parse("TIME_PERIOD", "ge:2019+le:2021-Q2,eq:2015", Order.PERIOD);
    assertThat(range.lowerPeriod().text()).isEqualTo("2015");
    assertThat(range.upperPeriod().text()).isEqualTo("2021-Q2");
    SdmxComponentFilter open =
        SdmxComponentFilter.parse("TIME_PERIOD", "ge:2019,ne:2015", Order.PERIOD);
    assertThat(open.lowerPeriod()).isNull();
    assertThat(open.upperPeriod()).isNull();
  }

  @Test
  void unreadableFiltersAreBadRequests() {
    for (String expression : List.of("", "ge:", "A,,B", "gt:soon")) {
      assertThatThrownBy(() -> SdmxComponentFilter.parse("T", expression, Order.PERIOD))
          .as(expression)
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThatThrownBy(() -> SdmxComponentFilter.parse("V", "lt:many", Order.NUMBER))
        .isInstanceOf(ProblemException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0,1.0,true",
    "1.0.0,1.0,true",
    "2.0,1.0,false",
    "*,1.0,true",
    "+,1.0,true",
    "~,1.0,true",
    "1.*,1.0,true",
    "2.*,1.0,false",
    "1+.0,1.0,true",
    "2+.0,1.0,false",
    "0+.0,1.0,true",
    "'1.0,2.0',1.0,true",
    "'2.0,3.0',1.0,false",
    "1.0.0-draft,1.0,false",
    "1.1~,1.0,false",
    "1.0~,1.0,true"
  })
  void versionPatternsOfRest2(String wanted, String actual, boolean matches) {
    assertThat(SdmxVersions.matches(wanted, actual)).isEqualTo(matches);
  }

  @Test
  void keysTakeWildcardsListsAndLeftOffPositions() {
    SdmxV3Keys keys = SdmxV3Keys.parse(STRUCTURE, "NOR.COOPS,URY.*.PROD");
    assertThat(keys.keys()).hasSize(2);
    assertThat(keys.union(0)).containsExactlyInAnyOrder("NOR", "URY");
    assertThat(keys.union(1)).isNull(); // URY's key takes any measure
    List<String> key =
        new ArrayList<>(List.of("URY", "WORKERS", "PROD", "_T", "_T", "_T", "_T", "_T"));
    assertThat(keys.matches(key)).isTrue();
    key.set(2, "CONS");
    assertThat(keys.matches(key)).isFalse();
    key.set(0, "NOR");
    key.set(1, "COOPS");
    assertThat(keys.matches(key)).isTrue();
    assertThat(SdmxV3Keys.parse(STRUCTURE, "NOR+URY").union(0))
        .containsExactlyInAnyOrder("NOR", "URY");
    assertThatThrownBy(() -> SdmxV3Keys.parse(STRUCTURE, "A.B.C.D.E.F.G.H.I"))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void aWindowCountsObservationsOrWholeSeries() throws SQLException {
    List<ObservationRow> rows =
        List.of(
            row("A", "2019", 1),
            row("A", "2020", 2),
            row("B", "2019", 3),
            row("B", "2020", 4),
            row("C", "2019", 5));
    assertThat(values(new SdmxRowSelection(r -> true, 1, 2L, false), rows)).containsExactly(2, 3);
    assertThat(values(new SdmxRowSelection(r -> true, 1, 1L, true), rows)).containsExactly(3, 4);
    assertThat(
            values(new SdmxRowSelection(r -> r.value().intValue() % 2 == 1, 1, null, false), rows))
        .containsExactly(3, 5);
    ObservationRows selected =
        SelectedRows.of(ObservationRows.of(rows), new SdmxRowSelection(r -> true, 4, null, false));
    selected.next();
    selected.rewind();
    assertThat(selected.next().value().intValue()).isEqualTo(5);
    assertThat(selected.next()).isNull();
    assertThat(
            SelectedRows.of(
                    ObservationRows.of(rows), new SdmxRowSelection(r -> false, 0, null, false))
                .peek())
        .isNull();
  }

  private static List<Integer> values(SdmxRowSelection selection, List<ObservationRow> rows)
      throws SQLException {
    ObservationRows selected = SelectedRows.of(ObservationRows.of(rows), selection);
    List<Integer> values = new ArrayList<>();
    for (ObservationRow row = selected.next(); row != null; row = selected.next()) {
      values.add(row.value().intValue());
    }
    return values;
  }

  private static ObservationRow row(String area, String period, int value) {
    return new ObservationRow(
        1,
        "P",
        List.of(area),
        period,
        BigDecimal.valueOf(value),
        List.of(),
        List.of(),
        null,
        null,
        "I");
  }

  @Test
  void aSelectionOfEverythingIsTheCursorItself() throws SQLException {
    ObservationRows rows = ObservationRows.of(List.of());
    assertThat(SelectedRows.of(rows, SdmxRowSelection.ALL)).isSameAs(rows);
    assertThat(Set.of(SdmxRowSelection.ALL.keepsAll())).containsExactly(true);
  }
}
