package org.coopstats.disclosure;

/** A suppressed primary cell whose audited interval is narrower than its protection requires. */
public record AuditFailure(
    String cellId,
    Status status,
    double value,
    double low,
    double high,
    double lowerProtection,
    double upperProtection) {

  /**
   * What to tell whoever runs the tabulation. The value and the protection amounts derive from the
   * units' figures, so they stay out: the message gives only what an intruder can work out.
   */
  public String message() {
    String what = "Cell " + cellId + " (" + status + ", CONF_STATUS " + status.confStatus() + ")";
    String fix = ": suppress more cells around it or merge its categories with neighbouring ones";
    if (!(low < high)) {
      // The interval is the value itself then: name neither.
      return what + " can be recovered exactly from the published cells" + fix;
    }
    return what
        + " can be narrowed to ["
        + bound(low)
        + ", "
        + bound(high)
        + "] from the published cells, too narrow for its protection"
        + fix;
  }

  private static String bound(double bound) {
    if (Double.isInfinite(bound)) {
      return bound > 0 ? "+infinity" : "-infinity";
    }
    return String.format(java.util.Locale.ROOT, "%.6g", bound);
  }
}
