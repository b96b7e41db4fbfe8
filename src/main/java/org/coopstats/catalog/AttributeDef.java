package org.coopstats.catalog;

/** An attribute attached to each observation (status, unit, comment …). */
public record AttributeDef(
    String id,
    int position,
    String codeListId,
    boolean required,
    String defaultValue,
    String nameEn,
    String description) {

  /** The observation table column that stores this attribute. */
  public String column() {
    return id.toLowerCase(java.util.Locale.ROOT);
  }
}
