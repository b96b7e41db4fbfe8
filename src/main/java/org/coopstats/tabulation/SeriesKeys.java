package org.coopstats.tabulation;

import java.util.List;
import java.util.Map;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;

/** A structure's series keys: its dimension codes in key order (the catalog's), joined by dots. */
final class SeriesKeys {

  private final List<String> dimensions;

  private SeriesKeys(List<String> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  static SeriesKeys of(DataStructure structure) {
    return new SeriesKeys(structure.seriesDimensions().stream().map(DimensionDef::id).toList());
  }

  List<String> dimensions() {
    return dimensions;
  }

  /** The key of the cell with these codes; a dimension not given is _Z (not applicable). */
  String key(Map<String, String> codes) {
    StringBuilder key = new StringBuilder(48);
    for (String dimension : dimensions) {
      if (key.length() > 0) {
        key.append('.');
      }
      key.append(codes.getOrDefault(dimension, DataStructure.NOT_APPLICABLE));
    }
    return key.toString();
  }

  static String[] codes(String key) {
    return key.split("\\.", -1);
  }
}
