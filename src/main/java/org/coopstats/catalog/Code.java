package org.coopstats.catalog;

/** One item of a code list, with its labels and its parent in the list's hierarchy. */
public record Code(
    String id, String nameEn, String nameFr, String nameEs, String parentId, int sortOrder) {

  /** The label in a language ({@code en}, {@code fr}, {@code es}), English where missing. */
  public String name(String lang) {
    return Labels.pick(lang, nameEn, nameFr, nameEs);
  }
}
