package org.coopstats.sdmx;

/**
 * Versions in the paths of the SDMX REST 2.x API: one or several (comma-separated), each exact
 * ({@code 1.0}), a wildcard ({@code *} any, {@code +} the latest stable, {@code ~} the latest) or a
 * semantic-version wildcard ({@code 1.*}, {@code 1+.0.0}: 1.0.0 or any later stable version). Every
 * artefact here has one version, final, which is its latest stable one: a wildcard matches it when
 * its parts allow it. A version with fewer parts counts its missing parts as 0 ({@code 1.0} is
 * {@code 1.0.0}).
 */
final class SdmxVersions {

  private SdmxVersions() {}

  /** Whether {@code actual} is one of the versions {@code wanted} names (null or empty: any). */
  static boolean matches(String wanted, String actual) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    for (String pattern : wanted.split(",", -1)) {
      if (matchesOne(pattern, actual)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesOne(String pattern, String actual) {
    if (pattern.equals("*")
        || pattern.equals("+")
        || pattern.equals("~")
        || pattern.equals("latest")
        || pattern.equals(actual)) {
      return true;
    }
    String[] wanted = pattern.split("\\.", -1);
    String[] parts = actual.split("\\.", -1);
    if (wanted.length > 3 || parts.length > 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      String w = i < wanted.length ? wanted[i] : "0";
      String a = i < parts.length ? parts[i] : "0";
      if (!partMatches(w, a)) {
        return false;
      }
    }
    return true;
  }

  /** One part: {@code *}, {@code +} or {@code ~} any; {@code N+} or {@code N~} N or more; or N. */
  private static boolean partMatches(String wanted, String actual) {
    if (wanted.equals("*") || wanted.equals("+") || wanted.equals("~")) {
      return true;
    }
    Integer number = number(actual);
    if (number == null) {
      return wanted.equals(actual);
    }
    if (wanted.endsWith("+") || wanted.endsWith("~")) {
      Integer least = number(wanted.substring(0, wanted.length() - 1));
      return least != null && number >= least;
    }
    Integer exact = number(wanted);
    return exact != null && exact.equals(number);
  }

  private static Integer number(String text) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.valueOf(text);
  }
}
