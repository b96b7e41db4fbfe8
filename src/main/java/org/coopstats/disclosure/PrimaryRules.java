package org.coopstats.disclosure;

/**
 * The primary rules: which cells are confidential in themselves and how much protection each needs.
 * Rules are checked in order of precedence (frequency, dominance, p %), so the status is the first
 * that fires while the protection is the largest any rule requires.
 */
final class PrimaryRules {

  private final DisclosureSettings settings;

  PrimaryRules(DisclosureSettings settings) {
    this.settings = settings;
  }

  /** The cell's status and protection before secondary suppression. */
  Requirement of(Cell cell) {
    if (cell.isHidden()) {
      return Requirement.HIDDEN;
    }
    Requirement now =
        cell.units().contributors() == 0
            ? Requirement.FREE
            : rules(cell, cell.units(), cell.value());
    Requirement revision = revision(cell);
    if (revision.status().primary()) {
      now = now.status().primary() ? now.and(revision) : revision;
    }
    if (!now.status().primary() && cell.keepSuppressed()) {
      // Publishing a cell suppressed before would let an intruder difference the two versions.
      return Requirement.SECONDARY;
    }
    return now;
  }

  /**
   * A published total must not move by one unit's change: the rules applied to the changes since
   * the published version, as if they were the cell.
   */
  private Requirement revision(Cell cell) {
    Contributions change = cell.change();
    if (change == null || change.contributors() == 0) {
      return Requirement.FREE;
    }
    Requirement fired = rules(cell, change, change.absoluteTotal());
    if (!fired.status().primary()) {
      return Requirement.FREE;
    }
    return new Requirement(Status.REVISION, fired.lower(), fired.upper());
  }

  private Requirement rules(Cell cell, Contributions units, double value) {
    if (cell.kind() == CellKind.UNIT_COUNT) {
      return settings.protectUnitCounts() ? frequency(cell, units, value) : Requirement.FREE;
    }
    Requirement fired = frequency(cell, units, value).and(dominance(cell, units));
    return cell.kind() == CellKind.MONEY ? fired.and(pPercent(cell, units)) : fired;
  }

  private Requirement frequency(Cell cell, Contributions units, double value) {
    if (units.contributors() <= 0 || units.contributors() >= settings.minFrequency()) {
      return Requirement.FREE;
    }
    return required(cell, Status.FREQUENCY, settings.protectionPercent() / 100 * Math.abs(value));
  }

  /** (n,k)-dominance; the protection is tau-ARGUS's: what makes the n largest k % of the cell. */
  private Requirement dominance(Cell cell, Contributions units) {
    double sumN = largestSum(units, settings.dominanceN());
    if (units.contributors() == 0 || sumN <= settings.dominanceK() / 100 * units.absoluteTotal()) {
      return Requirement.FREE;
    }
    double needed = 100 / settings.dominanceK() * sumN - units.absoluteTotal();
    return required(cell, Status.DOMINANCE, needed);
  }

  /** p %: the second largest unit must not estimate the largest within p % of it. */
  private Requirement pPercent(Cell cell, Contributions units) {
    double x1 = largest(units, 0);
    double rest = units.absoluteTotal() - x1 - largest(units, 1);
    double needed = settings.pPercent() / 100 * x1 - rest;
    if (units.contributors() == 0 || needed <= 0) {
      return Requirement.FREE;
    }
    return required(cell, Status.P_PERCENT, needed);
  }

  /**
   * At least one unit of value on both sides; below, a non-negative cell needs no interval under
   * zero (an intruder knows that much anyway).
   */
  private static Requirement required(Cell cell, Status status, double needed) {
    double upper = Math.max(1, needed);
    double lower = cell.nonNegative() ? Math.min(upper, Math.max(0, cell.value())) : upper;
    return new Requirement(status, lower, upper);
  }

  private static double largestSum(Contributions units, int n) {
    double sum = 0;
    for (int i = 0; i < Math.min(n, units.largest().length); i++) {
      sum += Math.abs(units.largest()[i]);
    }
    return sum;
  }

  private static double largest(Contributions units, int rank) {
    return rank < units.largest().length ? Math.abs(units.largest()[rank]) : 0;
  }
}
