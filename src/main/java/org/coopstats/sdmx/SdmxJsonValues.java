package org.coopstats.sdmx;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.validation.TimePeriod;

/**
 * The distinct values of one component in an SDMX-JSON message (1.0 or 2.0), in order, and their
 * indexes: SDMX-JSON keys and observations refer to values by their index in such a list.
 */
final class SdmxJsonValues {
  private final Set<String> seen = new LinkedHashSet<>();
  private List<String> list = List.of();
  private final Map<String, Integer> indexes = new HashMap<>();

  /** The values in their order, once ordered. */
  List<String> list() {
    return list;
  }

  void add(String value) {
    if (value != null) {
      seen.add(value);
    }
  }

  /** Code-list order; values not in the list (none expected) after, sorted. */
  void orderBy(CodeList codes) {
    List<String> ordered = new ArrayList<>();
    codes.codes().stream().map(Code::id).filter(seen::contains).forEach(ordered::add);
    seen.stream().filter(v -> !codes.contains(v)).sorted().forEach(ordered::add);
    fix(ordered);
  }

  /** The order of first appearance. */
  void orderAsSeen() {
    fix(new ArrayList<>(seen));
  }

  /** Chronological (by the start of the period, then by id). */
  void orderByTime() {
    List<String> ordered = new ArrayList<>(seen);
    ordered.sort(
        Comparator.comparing(
                (String p) -> TimePeriod.parse(p).map(TimePeriod::start).orElse(LocalDate.MAX))
            .thenComparing(Comparator.naturalOrder()));
    fix(ordered);
  }

  private void fix(List<String> ordered) {
    list = ordered;
    for (int i = 0; i < ordered.size(); i++) {
      indexes.put(ordered.get(i), i);
    }
  }

  int index(String value) {
    return indexes.get(value);
  }
}
