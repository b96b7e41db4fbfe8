package org.coopstats.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Secondary suppression on a 3 x 3 table with margins, and on a second table sharing a margin. */
class SecondarySuppressionTest {

  /**
   * Values: 2 (one unit) 20 30 | 25 40 50 | 35 60 70. Cell 0.0 is primary; the cheapest pattern
   * protecting it is the rectangle of 0.0, 0.1, 1.0 and 1.1.
   */
  static Problems table() {
    return new Problems(CellKind.MAGNITUDE)
        .grid(
            "T",
            "R",
            "ALL",
            new double[][][] {
              {{2}, many(20), many(30)},
              {many(25), many(40), many(50)},
              {many(35), many(60), many(70)}
            });
  }

  /** Four units sharing the value. */
  static double[] many(double value) {
    return new double[] {value / 4, value / 4, value / 4, value / 4};
  }

  @Test
  void onePrimaryCellIsProtectedByTheCheapestRectangle() {
    Problems table = table();

    ProtectionResult result = Protection.protect(table.problem());

    assertThat(suppressed(table, result)).containsExactly("T:0.0", "T:0.1", "T:1.0", "T:1.1");
    assertThat(result.primary()).isEqualTo(1);
    assertThat(result.secondary()).isEqualTo(3);
    assertThat(result.suppressedValue()).isEqualTo(2 + 20 + 25 + 40);
    assertThat(result.failures()).isEmpty();
    CellOutcome primary = result.outcomes().get(table.indexOf("T:0.0"));
    assertThat(primary.status()).isEqualTo(Status.FREQUENCY);
    // x00 + x01 = 22, x00 + x10 = 27, x01 + x11 = 60, all non-negative: x00 lies in [0, 22].
    assertThat(primary.low()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(primary.high()).isCloseTo(22, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(primary.high()).isGreaterThanOrEqualTo(2 + primary.upperProtection());
    assertThat(primary.low()).isLessThanOrEqualTo(2 - primary.lowerProtection());
    CellOutcome secondary = result.outcomes().get(table.indexOf("T:1.1"));
    assertThat(secondary.low()).isCloseTo(38, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(secondary.high()).isCloseTo(60, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(result.outcomes().get(table.indexOf("T:2.2")).low()).isNaN();
  }

  /**
   * A second table by row and size shares the row margins R. Its cell S:0.0 is primary and its row
   * partner S:0.1 empty, so the row total R:0 must go, and with it a second cell of R:0's relations
   * in the first table.
   */
  @Test
  void aSharedMarginSuppressedForOneTableIsProtectedInTheOther() {
    Problems tables = linked();

    ProtectionResult result = Protection.protect(tables.problem());

    assertThat(result.failures()).isEmpty();
    Set<String> suppressed = suppressed(tables, result);
    assertThat(suppressed).contains("S:0.0", "R:0").doesNotContain("S:0.1");
    assertThat(suppressed.stream().filter(id -> id.startsWith("T:0.")).count())
        .as("a second unknown in R:0 = T:0.0 + T:0.1 + T:0.2")
        .isGreaterThanOrEqualTo(1);
    CellOutcome primary = result.outcomes().get(tables.indexOf("S:0.0"));
    assertThat(primary.high()).isGreaterThanOrEqualTo(52 + primary.upperProtection());
    assertThat(primary.low()).isLessThanOrEqualTo(52 - primary.lowerProtection());
  }

  /** The first table with all cells free (row 0 spread over four units each), and a second. */
  static Problems linked() {
    return new Problems(CellKind.MAGNITUDE)
        .grid(
            "T",
            "R",
            "ALL",
            new double[][][] {
              {many(2), many(20), many(30)},
              {many(25), many(40), many(50)},
              {many(35), many(60), many(70)}
            })
        .leaf("S:0.0", 50, 2)
        .leaf("S:0.1")
        .leaf("S:1.0", many(60))
        .leaf("S:1.1", many(55))
        .leaf("S:2.0", many(80))
        .leaf("S:2.1", many(85))
        .total("R:0", "S:0.0", "S:0.1")
        .total("R:1", "S:1.0", "S:1.1")
        .total("R:2", "S:2.0", "S:2.1")
        .total("S:C.0", "S:0.0", "S:1.0", "S:2.0")
        .total("S:C.1", "S:0.1", "S:1.1", "S:2.1")
        .total("ALL", "S:C.0", "S:C.1");
  }

  static Set<String> suppressed(Problems table, ProtectionResult result) {
    Set<String> ids = new TreeSet<>();
    List<CellOutcome> outcomes = result.outcomes();
    for (int c = 0; c < outcomes.size(); c++) {
      if (outcomes.get(c).status().suppressed()) {
        ids.add(table.cells().get(c).id());
      }
    }
    return ids;
  }
}
