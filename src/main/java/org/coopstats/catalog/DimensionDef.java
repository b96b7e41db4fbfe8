package org.coopstats.catalog;

/**
 * A dimension of a data structure. {@code appliesToAll} false means it applies only to the measures
 * that list it; for every other measure its value must be {@code _Z}.
 */
public record DimensionDef(
    String id,
    int position,
    String codeListId,
    boolean timeDimension,
    boolean appliesToAll,
    String nameEn,
    String description) {

  /** The observation table column that stores this dimension. */
  public String column() {
    return id.toLowerCase(java.util.Locale.ROOT);
  }
}
