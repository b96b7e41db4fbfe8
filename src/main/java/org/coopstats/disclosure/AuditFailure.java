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
    throw new UnsupportedOperationException("not yet");
  }
}
