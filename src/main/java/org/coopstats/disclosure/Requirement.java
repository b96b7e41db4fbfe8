package org.coopstats.disclosure;

/**
 * What the primary rules make of one cell: its status and the protection it needs below and above
 * its value (0 when it needs none).
 */
record Requirement(Status status, double lower, double upper) {

  static final Requirement FREE = new Requirement(Status.FREE, 0, 0);
  static final Requirement SECONDARY = new Requirement(Status.SECONDARY, 0, 0);
  static final Requirement HIDDEN = new Requirement(Status.HIDDEN, 0, 0);

  /** The stronger of two rules' verdicts: the first status by precedence, the larger protection. */
  Requirement and(Requirement other) {
    if (!other.status.primary()) {
      return this;
    }
    if (!status.primary()) {
      return other;
    }
    return new Requirement(status, Math.max(lower, other.lower), Math.max(upper, other.upper));
  }
}
