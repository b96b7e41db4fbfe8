package org.coopstats.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A data structure definition (SDMX DSD) with everything needed to check data against it: its
 * dimensions in key order, attributes, measures and the code lists they draw on; and the table its
 * published values are kept in ({@code storage}, with the drafts in {@link #draftTable()}), null
 * for a structure whose values are derived ({@link #derived()}).
 */
public record DataStructure(
    String id,
    String agency,
    String version,
    String nameEn,
    String description,
    List<DimensionDef> dimensions,
    List<AttributeDef> attributes,
    Map<String, MeasureDef> measures,
    Map<String, CodeList> codeLists,
    String storage) {

  public static final String MEASURE = "MEASURE";
  public static final String REF_AREA = "REF_AREA";
  public static final String NOT_APPLICABLE = "_Z";
  public static final String TOTAL = "_T";

  /**
   * Whether the structure's values are derived from other structures' (indicators) rather than
   * stored: it has no tables, takes no uploads and is answered by computing.
   */
  public boolean derived() {
    return storage == null;
  }

  /** The table of the structure's published values (one column per dimension). */
  public String publishedTable() {
    if (storage == null) {
      throw new IllegalStateException("Structure " + id + " is derived: it has no tables");
    }
    return storage;
  }

  /** The table of the structure's drafts, partitioned by dataset, shaped as the published one. */
  public String draftTable() {
    return storage + "_draft";
  }

  /** The dimensions that form the series key, in key order (all but the time dimension). */
  public List<DimensionDef> seriesDimensions() {
    return dimensions.stream().filter(d -> !d.timeDimension()).toList();
  }

  public DimensionDef timeDimension() {
    return dimensions.stream().filter(DimensionDef::timeDimension).findFirst().orElseThrow();
  }

  public Optional<DimensionDef> dimension(String id) {
    return dimensions.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  public Optional<AttributeDef> attribute(String id) {
    return attributes.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public CodeList codeList(String id) {
    CodeList list = codeLists.get(id);
    if (list == null) {
      throw new IllegalStateException(
          "Structure " + this.id + " refers to unknown code list " + id);
    }
    return list;
  }

  /**
   * Whether a dimension is meaningful for a measure, given the values of the other dimensions (read
   * through {@code valueOf}).
   */
  public boolean applies(
      DimensionDef dimension, MeasureDef measure, Function<String, String> valueOf) {
    if (dimension.appliesToAll()) {
      return true;
    }
    MeasureDef.Condition condition = measure.dimensions().get(dimension.id());
    if (condition == null) {
      return false;
    }
    return condition.isAlways() || condition.code().equals(valueOf.apply(condition.dimension()));
  }
}
