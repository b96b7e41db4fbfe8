package org.coopstats.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A checked observation's attributes as the observation tables store them. */
class CheckedObservationTest {

  private static CheckedObservation withMultiplier(int unitMult) {
    return new CheckedObservation(
        RowRef.csvLine(2),
        List.of("CAN", "TURNOVER"),
        new int[] {0, 0},
        TimePeriod.parse("2021").orElseThrow(),
        new BigDecimal("45.5"),
        "A",
        "F",
        "CAD",
        unitMult,
        null,
        false);
  }

  @Test
  void attributesAreReadByIdOrByTheirPlaceInAttributes() {
    CheckedObservation observation = withMultiplier(6);

    assertThat(CheckedObservation.ATTRIBUTES.stream().map(observation::attribute))
        .containsExactly("A", "F", "CAD", "6", null);
    for (int i = 0; i < CheckedObservation.ATTRIBUTES.size(); i++) {
      assertThat(observation.attribute(i))
          .isEqualTo(observation.attribute(CheckedObservation.ATTRIBUTES.get(i)));
    }
    assertThat(observation.attribute("OBS_SOURCE")).isNull();
  }

  /** The upload writes UNIT_MULT of every row: the usual powers of ten come without a new text. */
  @Test
  void theUnitMultiplierIsItsDecimalDigits() {
    assertThat(withMultiplier(3).attribute("UNIT_MULT"))
        .isSameAs(withMultiplier(3).attribute("UNIT_MULT"))
        .isEqualTo("3");
    assertThat(withMultiplier(120).attribute("UNIT_MULT")).isEqualTo("120");
    assertThat(withMultiplier(-3).attribute("UNIT_MULT")).isEqualTo("-3");
  }
}
