package org.coopstats.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** What the published version and hidden remainders add to the rules. */
class PatternRulesTest {

  @Test
  void aCellSuppressedBeforeStaysSuppressed() {
    Problems table = SecondarySuppressionTest.linked().replace("T:2.2", cell -> keep(cell));

    ProtectionResult result = Protection.protect(table.problem());

    CellOutcome kept = result.outcomes().get(table.indexOf("T:2.2"));
    assertThat(kept.status()).isEqualTo(Status.SECONDARY);
    assertThat(kept.upperProtection()).isZero();
    // And it is not left alone in its row and column either.
    assertThat(SecondarySuppressionTest.suppressed(table, result))
        .containsAnyOf("T:2.0", "T:2.1", "R:2")
        .containsAnyOf("T:0.2", "T:1.2", "T:C.2");
    assertThat(result.failures()).isEmpty();
  }

  @Test
  void aTotalMovedByOneUnitsChangeIsARevision() {
    // b was published at 40; one of its units has since moved by 6: b - 6 was the old figure.
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("a", 10, 10, 10, 10)
            .leaf("b", 10, 10, 10, 10)
            .leaf("c", 20, 20, 20, 20)
            .total("T", "a", "b", "c")
            .replace("b", cell -> withChange(cell, Problems.contributions(6)));

    ProtectionResult result = Protection.protect(table.problem());

    CellOutcome b = result.outcomes().get(table.indexOf("b"));
    assertThat(b.status()).isEqualTo(Status.REVISION);
    assertThat(b.status().confStatus()).isEqualTo("C");
    // One unit's change: frequency (1) and dominance (100/85 * 6 - 6) fire; the larger holds.
    assertThat(b.upperProtection()).isCloseTo(100.0 / 85 * 6 - 6, within(1e-9));
    assertThat(result.outcomes().get(table.indexOf("a")).status()).isEqualTo(Status.SECONDARY);
    assertThat(result.failures()).isEmpty();
  }

  @Test
  void changesSpreadOverManyUnitsAreNoRevision() {
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("a", 10, 10, 10, 10)
            .leaf("b", 10, 10, 10)
            .total("T", "a", "b")
            .replace("b", cell -> withChange(cell, Problems.contributions(2, 2, 2, 2)));

    assertThat(Protection.protect(table.problem()).outcomes().get(1).status())
        .isEqualTo(Status.FREE);
  }

  @Test
  void aPrimaryRuleOutranksTheRevisionAndTheLargerProtectionHolds() {
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("a", 5, 7)
            .leaf("b", 10, 10, 10, 10)
            .total("T", "a", "b")
            .replace("a", cell -> withChange(cell, Problems.contributions(30)));

    CellOutcome a = Protection.protect(table.problem()).outcomes().get(0);

    assertThat(a.status()).isEqualTo(Status.FREQUENCY);
    assertThat(a.upperProtection()).isCloseTo(100.0 / 85 * 30 - 30, within(1e-9));
  }

  /**
   * Country (142, known from the types) = regions (12 + 40 + 80) + a hidden remainder of 10, the
   * units with no region. The primary region 0 needs no secondary cell: with the remainder unknown
   * an intruder gets only region:0 + remainder = 22.
   */
  @Test
  void aHiddenRemainderIsAnUnknownThatProtects() {
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("region:0", 5, 7)
            .leaf("region:1", 10, 10, 10, 10)
            .leaf("region:2", 20, 20, 20, 20)
            .cell(Cell.hidden("region:none", true))
            .leaf("type:0", 30, 30, 30)
            .leaf("type:1", 13, 13, 13, 13);
    table.total("country", "type:0", "type:1");
    table.total("country", "region:0", "region:1", "region:2", "region:none");

    ProtectionResult result = Protection.protect(table.problem());

    assertThat(result.failures()).isEmpty();
    CellOutcome remainder = result.outcomes().get(table.indexOf("region:none"));
    assertThat(remainder.status()).isEqualTo(Status.HIDDEN);
    assertThat(remainder.status().confStatus()).isEqualTo("N");
    assertThat(remainder.upperProtection()).isZero();
    assertThat(remainder.low()).isCloseTo(0, within(1e-6));
    assertThat(remainder.high()).isCloseTo(22, within(1e-6));
    assertThat(result.secondary()).isZero();
    CellOutcome region = result.outcomes().get(table.indexOf("region:0"));
    assertThat(region.high()).isCloseTo(22, within(1e-6));
    assertThat(result.suppressedValue()).isEqualTo(12);
  }

  @Test
  void aHiddenRemainderAloneNeedsNoPartner() {
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("region:0", 10, 10, 10)
            .cell(Cell.hidden("region:none", true))
            .leaf("type:0", 30, 30, 30)
            .leaf("type:1", 13, 13, 13, 13);
    table.total("country", "type:0", "type:1");
    table.total("country", "region:0", "region:none");

    ProtectionResult result = Protection.protect(table.problem());

    assertThat(result.secondary()).isZero();
    CellOutcome remainder = result.outcomes().get(1);
    assertThat(remainder.low()).isCloseTo(112, within(1e-6));
    assertThat(remainder.high()).isCloseTo(112, within(1e-6));
  }

  private static Cell keep(Cell cell) {
    return new Cell(
        cell.id(), cell.kind(), cell.value(), cell.nonNegative(), cell.units(), null, true);
  }

  private static Cell withChange(Cell cell, Contributions change) {
    return new Cell(
        cell.id(), cell.kind(), cell.value(), cell.nonNegative(), cell.units(), change, false);
  }
}
