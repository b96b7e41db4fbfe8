package org.coopstats.common;

/** Offset paging with a default and a cap, checked once here for every list. */
public record PageRequest(int offset, int limit) {

  public static PageRequest of(Integer offset, Integer limit, int defaultLimit, int maxLimit) {
    int resolvedOffset = offset == null ? 0 : offset;
    int resolvedLimit = limit == null ? defaultLimit : limit;
    if (resolvedOffset < 0) {
      throw ProblemException.badRequest("offset must be 0 or more; it was " + resolvedOffset + ".");
    }
    if (resolvedLimit < 1 || resolvedLimit > maxLimit) {
      throw ProblemException.badRequest(
          "limit must be between 1 and " + maxLimit + "; it was " + resolvedLimit + ".");
    }
    return new PageRequest(resolvedOffset, resolvedLimit);
  }
}
