package org.coopstats.sdmx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.ProblemException;

/**
 * The {@code key} of an SDMX REST 2.x data or availability query: one or several keys separated by
 * {@code ,}, each the codes of the series dimensions in order separated by {@code .}, {@code *} (or
 * nothing) for any code, and positions left off at the end counting as {@code *}. Several codes in
 * one position ({@code +}, the SDMX 2.1 habit) are taken too.
 *
 * @param keys each key: per series dimension, the codes wanted, or null for any
 */
record SdmxV3Keys(List<List<Set<String>>> keys) {

  /** A key that takes every series. */
  static SdmxV3Keys all(DataStructure structure) {
    List<Set<String>> any = new ArrayList<>();
    structure.seriesDimensions().forEach(d -> any.add(null));
    return new SdmxV3Keys(List.of(any));
  }

  static SdmxV3Keys parse(DataStructure structure, String key) {
    if (key == null || key.isEmpty() || key.equals("*") || key.equals("all")) {
      return all(structure);
    }
    List<DimensionDef> dimensions = structure.seriesDimensions();
    List<List<Set<String>>> keys = new ArrayList<>();
    for (String one : key.split(",", -1)) {
      String[] positions = one.split("\\.", -1);
      if (positions.length > dimensions.size()) {
        throw ProblemException.badRequest(
            "The key '"
                + one
                + "' has "
                + positions.length
                + " positions; "
                + structure.id()
                + " has "
                + dimensions.size()
                + ": "
                + String.join(".", dimensions.stream().map(DimensionDef::id).toList())
                + ". Write * for any code of a position; positions left off at the end are *.");
      }
      List<Set<String>> codes = new ArrayList<>();
      for (int i = 0; i < dimensions.size(); i++) {
        codes.add(i < positions.length ? position(positions[i]) : null);
      }
      keys.add(codes);
    }
    return new SdmxV3Keys(List.copyOf(keys));
  }

  private static Set<String> position(String text) {
    if (text.isEmpty() || text.equals("*")) {
      return null;
    }
    Set<String> codes = new LinkedHashSet<>();
    for (String code : text.split("\\+")) {
      if (!code.isEmpty()) {
        codes.add(code);
      }
    }
    return codes.isEmpty() ? null : Set.copyOf(codes);
  }

  /** The codes any of the keys takes at a position: null when one of them takes any code there. */
  Set<String> union(int position) {
    Set<String> union = new LinkedHashSet<>();
    for (List<Set<String>> key : keys) {
      Set<String> codes = key.get(position);
      if (codes == null) {
        return null;
      }
      union.addAll(codes);
    }
    return union;
  }

  /** Whether a series key matches one of the keys. */
  boolean matches(List<String> seriesKey) {
    for (List<Set<String>> key : keys) {
      if (matches(key, seriesKey)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<Set<String>> key, List<String> seriesKey) {
    for (int i = 0; i < key.size(); i++) {
      Set<String> codes = key.get(i);
      if (codes != null && !codes.contains(seriesKey.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the keys select more than the product of their unions (several distinct keys). */
  boolean needsRowCheck() {
    return keys.size() > 1;
  }
}
