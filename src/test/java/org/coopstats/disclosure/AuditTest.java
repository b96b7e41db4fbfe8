package org.coopstats.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LP audit of given patterns: what it lets through and what it catches. */
class AuditTest {

  @Test
  void theProtectedPatternPassesItsOwnAudit() {
    Problems table = SecondarySuppressionTest.table();
    ProtectionResult protectedTable = Protection.protect(table.problem());

    ProtectionResult audited = Protection.audit(table.problem(), statuses(protectedTable));

    assertThat(audited.failures()).isEmpty();
    assertThat(audited.linearPrograms()).isEqualTo(2 * 4);
    assertThat(audited.outcomes()).isEqualTo(protectedTable.outcomes());
  }

  @Test
  void publishingOneSecondaryCellBackFailsThePrimaryCell() {
    Problems table = SecondarySuppressionTest.table();
    List<Status> pattern = statuses(Protection.protect(table.problem()));
    pattern.set(table.indexOf("T:1.1"), Status.FREE);

    ProtectionResult audited = Protection.audit(table.problem(), pattern);

    // Now T:1.0 = 65 - 40 - ... is exact, and with it T:0.0.
    assertThat(audited.failures()).extracting(AuditFailure::cellId).contains("T:0.0");
    AuditFailure failure = audited.failures().get(0);
    assertThat(failure.status()).isEqualTo(Status.FREQUENCY);
    assertThat(failure.low()).isCloseTo(2, within(1e-6));
    assertThat(failure.high()).isCloseTo(2, within(1e-6));
    assertThat(failure.message())
        .contains("T:0.0", "FREQUENCY", "recovered exactly", "suppress more cells")
        .doesNotContain("2.0");
  }

  @Test
  void aTotalWithOneSuppressedPartGivesThePartAway() {
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("a", 5, 7)
            .leaf("b", 10, 10, 10)
            .leaf("c", 20, 20, 20)
            .total("T", "a", "b", "c");
    List<Status> pattern =
        new ArrayList<>(List.of(Status.FREQUENCY, Status.FREE, Status.FREE, Status.FREE));

    ProtectionResult audited = Protection.audit(table.problem(), pattern);

    assertThat(audited.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.cellId()).isEqualTo("a");
              assertThat(failure.low()).isCloseTo(12, within(1e-6));
              assertThat(failure.message())
                  .contains("a (FREQUENCY, CONF_STATUS A)")
                  .doesNotContain("12");
            });
  }

  @Test
  void aNarrowIntervalIsNamedWithoutTheValueOrTheProtection() {
    // a = 12 (two units) with partner b = 0.5: an intruder gets a in [0, 12.5], short of 12 + 1.2.
    Problems table =
        new Problems(CellKind.MAGNITUDE)
            .leaf("a", 5, 7)
            .leaf("b", 0.25, 0.125, 0.125)
            .leaf("c", 20, 20, 20)
            .total("T", "a", "b", "c");
    List<Status> pattern = List.of(Status.FREQUENCY, Status.SECONDARY, Status.FREE, Status.FREE);

    AuditFailure failure = Protection.audit(table.problem(), pattern).failures().get(0);

    assertThat(failure.low()).isCloseTo(0, within(1e-6));
    assertThat(failure.high()).isCloseTo(12.5, within(1e-6));
    assertThat(failure.message())
        .isEqualTo(
            "Cell a (FREQUENCY, CONF_STATUS A) can be narrowed to [0.00000, 12.5000] from the"
                + " published cells, too narrow for its protection: suppress more cells around it"
                + " or merge its categories with neighbouring ones")
        .doesNotContain("1.2");
  }

  @Test
  void aConfidentialCellPublishedFailsOutright() {
    Problems table = SecondarySuppressionTest.table();
    List<Status> pattern = new ArrayList<>();
    table.cells().forEach(cell -> pattern.add(Status.FREE));

    ProtectionResult audited = Protection.audit(table.problem(), pattern);

    assertThat(audited.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.cellId()).isEqualTo("T:0.0");
              assertThat(failure.status()).isEqualTo(Status.FREQUENCY);
            });
    assertThat(audited.linearPrograms()).isZero();
  }

  @Test
  void anOpenSideIsInfinite() {
    // T and a suppressed, T in no other relation: nothing bounds them from above.
    Problems table =
        new Problems(CellKind.MAGNITUDE).leaf("a", 5, 7).leaf("b", 10, 10, 10).total("T", "a", "b");
    List<Status> pattern = List.of(Status.FREQUENCY, Status.FREE, Status.SECONDARY);

    ProtectionResult audited = Protection.audit(table.problem(), pattern);

    assertThat(audited.failures()).isEmpty();
    assertThat(audited.outcomes().get(0).high()).isInfinite();
    assertThat(audited.outcomes().get(0).low()).isCloseTo(0, within(1e-6));
    assertThat(audited.outcomes().get(2).low()).isCloseTo(30, within(1e-6));
  }

  static List<Status> statuses(ProtectionResult result) {
    List<Status> statuses = new ArrayList<>();
    result.outcomes().forEach(outcome -> statuses.add(outcome.status()));
    return statuses;
  }
}
