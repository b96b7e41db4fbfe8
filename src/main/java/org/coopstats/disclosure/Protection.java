package org.coopstats.disclosure;

import java.util.List;

/** The disclosure-control engine. */
public final class Protection {

  private Protection() {}

  /**
   * Primary rules, secondary suppression (minimising the value suppressed), then the LP audit;
   * repairs and re-audits; failures is empty when every primary cell is protected.
   */
  public static ProtectionResult protect(ProtectionProblem problem) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The LP audit of a given pattern (statuses, same order as cells), with the protection the
   * primary rules require.
   */
  public static ProtectionResult audit(ProtectionProblem problem, List<Status> pattern) {
    throw new UnsupportedOperationException("not yet");
  }
}
