package org.coopstats.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.coopstats.indicator.IndicatorDef.Input;
import org.coopstats.indicator.IndicatorDef.Kind;
import org.junit.jupiter.api.Test;

/** The arithmetic and the refusals of indicators, on values given directly. */
class IndicatorCalculatorTest {

  private static final OffsetDateTime RELEASED = OffsetDateTime.parse("2026-01-31T12:00:00Z");

  private static IndicatorDef ratio(String multiplier, int decimals) {
    return new IndicatorDef(
        "X",
        "X",
        null,
        null,
        Kind.RATIO,
        new Input("COOP_STATS", "VALUE_ADDED", Map.of()),
        new Input("CONTEXT", "GDP", Map.of()),
        new BigDecimal(multiplier),
        "PERCENT",
        decimals,
        null);
  }

  private static InputValue value(String area, String period, String value, String unit, int mult) {
    return value(area, period, value, unit, mult, "A", "F", 1);
  }

  private static InputValue value(
      String area,
      String period,
      String value,
      String unit,
      int mult,
      String status,
      String conf,
      long dataset) {
    return new InputValue(
        area,
        period,
        value == null ? null : new BigDecimal(value),
        unit,
        mult,
        status,
        conf,
        dataset,
        "P" + dataset,
        1,
        RELEASED);
  }

  @Test
  void multipliersAreConvertedBeforeDividing() {
    // 2,000 million against 2,500 billion: 0.08 %
    List<IndicatorValue> values =
        new IndicatorCalculator(ratio("100", 2), true)
            .compute(
                List.of(value("CAN", "2021", "2000", "CAD", 6)),
                List.of(value("CAN", "2021", "2500", "CAD", 9)));
    assertThat(values).hasSize(1);
    assertThat(values.get(0).value()).isEqualByComparingTo("0.08");
    assertThat(values.get(0).obsStatus()).isEqualTo("A");
    assertThat(values.get(0).problem()).isNull();
  }

  @Test
  void twoCurrenciesAreNeverDivided() {
    IndicatorValue value =
        new IndicatorCalculator(ratio("100", 2), true)
            .compute(
                List.of(value("CAN", "2021", "2000", "CAD", 6)),
                List.of(value("CAN", "2021", "2500", "USD", 9)))
            .get(0);
    assertThat(value.value()).isNull();
    assertThat(value.problem()).contains("CAD").contains("USD");
  }

  @Test
  void anEstimatedInputMakesAnEstimate() {
    IndicatorValue value =
        new IndicatorCalculator(ratio("100000", 1), false)
            .compute(
                List.of(value("CAN", "2021", "5605", "NUMBER", 0)),
                List.of(value("CAN", "2021", "36991981", "PERSONS", 0, "E", "F", 2)))
            .get(0);
    assertThat(value.value()).isEqualByComparingTo("15.2");
    assertThat(value.obsStatus()).isEqualTo("E");
  }

  @Test
  void aConfidentialInputGivesNoValue() {
    IndicatorValue value =
        new IndicatorCalculator(ratio("100", 1), false)
            .compute(
                List.of(value("CAN", "2021", "5", "NUMBER", 0, "A", "C", 1)),
                List.of(value("CAN", "2021", "10", "NUMBER", 0)))
            .get(0);
    assertThat(value.value()).isNull();
    assertThat(value.confStatus()).isEqualTo("C");
  }

  @Test
  void aZeroOrMissingDenominatorAndTwoCandidatesGiveNoValue() {
    IndicatorCalculator calculator = new IndicatorCalculator(ratio("100", 1), false);
    assertThat(
            calculator
                .compute(
                    List.of(value("CAN", "2021", "5", "NUMBER", 0)),
                    List.of(value("CAN", "2021", "0", "NUMBER", 0)))
                .get(0)
                .problem())
        .contains("zero");
    assertThat(
            calculator
                .compute(List.of(value("CAN", "2021", "5", "NUMBER", 0)), List.of())
                .get(0)
                .problem())
        .contains("no GDP is published for CAN 2021");
    assertThat(
            calculator
                .compute(
                    List.of(value("CAN", "2021", "5", "NUMBER", 0)),
                    List.of(
                        value("CAN", "2021", "10", "NUMBER", 0, "A", "F", 7),
                        value("CAN", "2021", "11", "NUMBER", 0, "A", "F", 9)))
                .get(0)
                .problem())
        .contains("datasets 7, 9");
  }

  @Test
  void aChangeDividesByTheSameSeriesAYearEarlier() {
    IndicatorDef change =
        new IndicatorDef(
            "COOPS_CHANGE",
            "Change",
            null,
            null,
            Kind.CHANGE,
            new Input("COOP_STATS", "COOPS", Map.of()),
            null,
            new BigDecimal("100"),
            "PERCENT",
            1,
            null);
    List<InputValue> series =
        List.of(
            value("CAN", "2018", "5846", "NUMBER", 0),
            value("CAN", "2020", "5531", "NUMBER", 0),
            value("CAN", "2021", "5605", "NUMBER", 0));
    List<IndicatorValue> values =
        new IndicatorCalculator(change, false).compute(series.subList(1, 3), series);
    assertThat(values).extracting(IndicatorValue::period).containsExactly("2020", "2021");
    assertThat(values.get(0).problem()).contains("CAN 2019");
    assertThat(values.get(1).value()).isEqualByComparingTo("1.3"); // 5605 / 5531 - 1
    assertThat(values.get(1).denominator().period()).isEqualTo("2020");
    assertThat(IndicatorCalculator.yearBefore("2021-Q2")).isEqualTo("2020-Q2");
    assertThat(IndicatorCalculator.yearBefore("2000-01")).isEqualTo("1999-01");
  }
}
