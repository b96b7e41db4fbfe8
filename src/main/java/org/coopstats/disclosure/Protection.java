package org.coopstats.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The disclosure-control engine: primary rules, secondary suppression, the audit by linear
 * programming and a bounded repair of what the audit finds.
 */
public final class Protection {

  /** Repair rounds (one more cell per failing primary cell each) before failures are reported. */
  private static final int REPAIR_ROUNDS = 12;

  /** Relative slack for the solver's rounding when comparing an interval with the protection. */
  private static final double TOLERANCE = 1e-6;

  private Protection() {}

  /**
   * Primary rules, secondary suppression (minimising the value suppressed), then the LP audit;
   * repairs and re-audits; failures is empty when every primary cell is protected.
   */
  public static ProtectionResult protect(ProtectionProblem problem) {
    Links links = new Links(problem);
    Requirement[] required = primary(problem);
    SecondarySuppression suppression = new SecondarySuppression(links, required);
    suppression.close();
    boolean[] suppressed = suppression.suppressed();
    LinearAudit audit = new LinearAudit(links);
    Intervals intervals = new Intervals(links.size());
    audit.intervals(suppressed, suppressed, intervals.low, intervals.high);
    boolean[] afterFirstAudit = suppressed.clone();
    List<Integer> failing = failing(links, required, suppressed, intervals);
    for (int round = 0; round < REPAIR_ROUNDS && !failing.isEmpty(); round++) {
      boolean repaired = false;
      for (int cell : failing) {
        Requirement need = required[cell];
        repaired |=
            suppression.rectangle(cell, need.lower(), need.upper()) || suppression.repair(cell);
      }
      if (!repaired) {
        break;
      }
      suppression.close();
      audit.intervals(suppressed, only(links.size(), failing), intervals.low, intervals.high);
      failing = failing(links, required, suppressed, intervals);
    }
    reaudit(links, audit, suppressed, afterFirstAudit, intervals);
    Status[] statuses = new Status[links.size()];
    for (int c = 0; c < statuses.length; c++) {
      statuses[c] =
          suppressed[c] && !required[c].status().suppressed()
              ? Status.SECONDARY
              : required[c].status();
    }
    return result(links, required, statuses, intervals, audit.linearPrograms());
  }

  /**
   * The LP audit of a given pattern (statuses, same order as cells), with the protection the
   * primary rules require. A cell the rules make primary but the pattern publishes fails outright.
   */
  public static ProtectionResult audit(ProtectionProblem problem, List<Status> pattern) {
    Links links = new Links(problem);
    if (pattern.size() != links.size()) {
      throw new IllegalArgumentException(
          "The pattern has " + pattern.size() + " statuses for " + links.size() + " cells");
    }
    Requirement[] required = primary(problem);
    boolean[] suppressed = new boolean[links.size()];
    Status[] statuses = pattern.toArray(new Status[0]);
    for (int c = 0; c < suppressed.length; c++) {
      suppressed[c] = statuses[c].suppressed();
    }
    LinearAudit audit = new LinearAudit(links);
    Intervals intervals = new Intervals(links.size());
    audit.intervals(suppressed, suppressed, intervals.low, intervals.high);
    return result(links, required, statuses, intervals, audit.linearPrograms());
  }

  private static Requirement[] primary(ProtectionProblem problem) {
    PrimaryRules rules = new PrimaryRules(problem.settings());
    return problem.cells().stream().map(rules::of).toArray(Requirement[]::new);
  }

  /** The primary cells whose audited interval is narrower than their protection. */
  private static List<Integer> failing(
      Links links, Requirement[] required, boolean[] suppressed, Intervals intervals) {
    List<Integer> failing = new ArrayList<>();
    for (int c = 0; c < links.size(); c++) {
      if (required[c].status().primary()
          && fails(links.cells.get(c).value(), required[c], suppressed[c], intervals, c)) {
        failing.add(c);
      }
    }
    return failing;
  }

  private static boolean fails(
      double value, Requirement required, boolean suppressed, Intervals intervals, int c) {
    if (!suppressed) {
      return true;
    }
    double slack = TOLERANCE * Math.max(1, Math.abs(value));
    boolean highEnough = intervals.high[c] >= value + required.upper() - slack;
    boolean lowEnough = intervals.low[c] <= value - required.lower() + slack;
    return !(highEnough && lowEnough); // NaN (the solver failed) fails too
  }

  private static boolean[] only(int size, List<Integer> cells) {
    boolean[] wanted = new boolean[size];
    cells.forEach(c -> wanted[c] = true);
    return wanted;
  }

  /**
   * The repair widened the components it added cells to, so their cells' intervals are worked out
   * again for the outcome; elsewhere the first audit stands.
   */
  private static void reaudit(
      Links links, LinearAudit audit, boolean[] suppressed, boolean[] before, Intervals intervals) {
    if (Arrays.equals(suppressed, before)) {
      return;
    }
    Components components = new Components(links, suppressed);
    boolean[] wanted = new boolean[links.size()];
    for (List<Integer> group : components.groups()) {
      if (group.stream().anyMatch(c -> !before[c])) {
        group.forEach(c -> wanted[c] = true);
      }
    }
    audit.intervals(suppressed, wanted, intervals.low, intervals.high);
  }

  private static ProtectionResult result(
      Links links, Requirement[] required, Status[] statuses, Intervals intervals, int programs) {
    List<CellOutcome> outcomes = new ArrayList<>(links.size());
    List<AuditFailure> failures = new ArrayList<>();
    int primary = 0;
    int secondary = 0;
    double suppressedValue = 0;
    for (int c = 0; c < links.size(); c++) {
      Cell cell = links.cells.get(c);
      Status status = statuses[c];
      Requirement need = status.primary() ? required[c] : Requirement.FREE;
      boolean isSuppressed = status.suppressed();
      outcomes.add(
          new CellOutcome(
              status,
              need.lower(),
              need.upper(),
              isSuppressed ? intervals.low[c] : Double.NaN,
              isSuppressed ? intervals.high[c] : Double.NaN));
      primary += status.primary() ? 1 : 0;
      secondary += status == Status.SECONDARY ? 1 : 0;
      suppressedValue += isSuppressed && !cell.isHidden() ? Math.abs(cell.value()) : 0;
      Requirement rule = status.primary() ? need : required[c];
      if (rule.status().primary() && fails(cell.value(), rule, isSuppressed, intervals, c)) {
        Status named = status.primary() ? status : rule.status();
        failures.add(failure(cell, named, rule, intervals, c, isSuppressed));
      }
    }
    return new ProtectionResult(outcomes, failures, primary, secondary, suppressedValue, programs);
  }

  private static AuditFailure failure(
      Cell cell, Status status, Requirement rule, Intervals intervals, int c, boolean suppressed) {
    double low = suppressed ? intervals.low[c] : cell.value();
    double high = suppressed ? intervals.high[c] : cell.value();
    return new AuditFailure(cell.id(), status, cell.value(), low, high, rule.lower(), rule.upper());
  }

  /** The audit's interval per cell, NaN until worked out. */
  private static final class Intervals {
    final double[] low;
    final double[] high;

    Intervals(int size) {
      low = new double[size];
      high = new double[size];
      Arrays.fill(low, Double.NaN);
      Arrays.fill(high, Double.NaN);
    }
  }
}
