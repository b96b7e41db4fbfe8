package org.coopstats.observation;

import java.time.OffsetDateTime;

/**
 * Which values of the observation table a query sees.
 *
 * @param at the moment for {@link Kind#AS_OF}; the present for the others
 * @param since the lower bound of {@link Kind#CHANGES}
 */
public record Visibility(Kind kind, OffsetDateTime at, OffsetDateTime since) {

  public enum Kind {
    /** The values published and current at {@code at}. */
    AS_OF,
    /** Every value ever released (up to now), with its validity interval. */
    HISTORY,
    /** Values released, changed or deleted after {@code since}, as they stand now. */
    CHANGES,
    /** The draft: values uploaded and not yet published (the provider only). */
    DRAFT,
    /** The values current once every scheduled release is out (the provider only). */
    PREVIEW
  }

  public static Visibility asOf(OffsetDateTime at) {
    return new Visibility(Kind.AS_OF, at, null);
  }

  /** Views that show what only the provider may see. */
  public boolean isUnreleased() {
    return kind == Kind.DRAFT || kind == Kind.PREVIEW;
  }
}
