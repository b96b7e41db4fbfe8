package org.coopstats.tabulation;

import java.util.List;
import java.util.Map;

/** COOP_STATS series keys: the dimension codes in key order, joined by dots. */
final class SeriesKeys {

  static final List<String> DIMENSIONS =
      List.of(
          "REF_AREA",
          "MEASURE",
          "COOP_TYPE",
          "COOP_LEVEL",
          "ACTIVITY",
          "SEX",
          "MEMBER_KIND",
          "WORK_CAT");

  private SeriesKeys() {}

  /** The key of the cell with these codes; a dimension not given is _Z (not applicable). */
  static String of(Map<String, String> codes) {
    StringBuilder key = new StringBuilder(48);
    for (String dimension : DIMENSIONS) {
      if (key.length() > 0) {
        key.append('.');
      }
      key.append(codes.getOrDefault(dimension, "_Z"));
    }
    return key.toString();
  }

  static String[] codes(String key) {
    return key.split("\\.", -1);
  }
}
