package org.coopstats.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each primary rule on a one-line table T = a + b + c. */
class PrimaryRulesTest {

  private static final double[] MANY = {10, 10, 10, 10};
  private static final double[] MORE = {20, 20, 20, 20, 20};

  @Test
  void twoUnitsMakeAFrequencyCellProtectedByTenPercent() {
    CellOutcome a = outcome(CellKind.MAGNITUDE, DisclosureSettings.DEFAULTS, 5, 7);

    assertThat(a.status()).isEqualTo(Status.FREQUENCY);
    assertThat(a.status().confStatus()).isEqualTo("A");
    assertThat(a.upperProtection()).isCloseTo(1.2, within(1e-9));
    assertThat(a.lowerProtection()).isCloseTo(1.2, within(1e-9));
  }

  @Test
  void aFrequencyCellGetsAtLeastOneUnitButNotBelowZero() {
    CellOutcome a = outcome(CellKind.MAGNITUDE, DisclosureSettings.DEFAULTS, 0.25, 0.25);

    assertThat(a.upperProtection()).isEqualTo(1);
    assertThat(a.lowerProtection()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void oneUnitOfNinetyPercentDominates() {
    CellOutcome a = outcome(CellKind.MAGNITUDE, DisclosureSettings.DEFAULTS, 90, 4, 3, 3);

    assertThat(a.status()).isEqualTo(Status.DOMINANCE);
    assertThat(a.status().confStatus()).isEqualTo("O");
    assertThat(a.upperProtection()).isCloseTo(100.0 / 85 * 90 - 100, within(1e-9));
    assertThat(a.lowerProtection()).isCloseTo(100.0 / 85 * 90 - 100, within(1e-9));
  }

  @Test
  void theSecondLargestEstimatingTheLargestWithinPPercentIsConfidentialForMoney() {
    CellOutcome a = outcome(CellKind.MONEY, DisclosureSettings.DEFAULTS, 100, 95, 3);

    assertThat(a.status()).isEqualTo(Status.P_PERCENT);
    assertThat(a.status().confStatus()).isEqualTo("C");
    assertThat(a.upperProtection()).isCloseTo(10 - 3, within(1e-9));
  }

  @Test
  void thePPercentRuleIsForMoneyOnly() {
    assertThat(outcome(CellKind.MAGNITUDE, DisclosureSettings.DEFAULTS, 100, 95, 3).status())
        .isEqualTo(Status.FREE);
  }

  @Test
  void frequencyComesFirstButTheLargestProtectionHolds() {
    CellOutcome a = outcome(CellKind.MAGNITUDE, DisclosureSettings.DEFAULTS, 95, 5);

    assertThat(a.status()).isEqualTo(Status.FREQUENCY);
    assertThat(a.upperProtection()).isCloseTo(100.0 / 85 * 95 - 100, within(1e-9));
  }

  @Test
  void anEmptyCellIsAKnownZeroNeverSuppressed() {
    // b is empty and the cheapest partner a primary cell could have: it is not chosen.
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("a", 5, 7)
            .leaf("b")
            .leaf("c", MANY)
            .leaf("d", MORE)
            .total("T", "a", "b", "c", "d");

    ProtectionResult result = Protection.protect(table.problem());

    assertThat(result.outcomes().get(table.indexOf("b")).status()).isEqualTo(Status.FREE);
    assertThat(result.outcomes().get(table.indexOf("c")).status()).isEqualTo(Status.SECONDARY);
    assertThat(result.failures()).isEmpty();
  }

  @Test
  void unitCountsArePublicUnlessProtected() {
    DisclosureSettings counts = new DisclosureSettings(3, 1, 85, 10, 10, true);

    assertThat(outcome(CellKind.UNIT_COUNT, DisclosureSettings.DEFAULTS, 1, 1).status())
        .isEqualTo(Status.FREE);
    CellOutcome protectedCount = outcome(CellKind.UNIT_COUNT, counts, 1, 1);
    assertThat(protectedCount.status()).isEqualTo(Status.FREQUENCY);
    assertThat(protectedCount.upperProtection()).isEqualTo(1);
    // Dominance is not a rule for counts: one unit is one cooperative.
    assertThat(outcome(CellKind.UNIT_COUNT, counts, 1, 1, 1).status()).isEqualTo(Status.FREE);
  }

  @Test
  void aBigEnoughCellIsFree() {
    CellOutcome a = outcome(CellKind.MONEY, DisclosureSettings.DEFAULTS, 30, 30, 30, 10);

    assertThat(a.status()).isEqualTo(Status.FREE);
    assertThat(a.low()).isNaN();
  }

  /** Cell a of T = a + b + c, with b and c large enough to be free. */
  private static CellOutcome outcome(CellKind kind, DisclosureSettings settings, double... units) {
    Problems table =
        new Problems(kind)
            .leaf("a", units)
            .leaf("b", MANY)
            .leaf("c", MORE)
            .total("T", "a", "b", "c");
    ProtectionResult result = Protection.protect(table.problem(settings));
    assertThat(result.failures()).isEmpty();
    return result.outcomes().get(table.indexOf("a"));
  }
}
