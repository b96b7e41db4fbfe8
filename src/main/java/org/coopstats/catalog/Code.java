package org.coopstats.catalog;

/** One item of a code list, with its labels and its parent in the list's hierarchy. */
public record Code(
    String id, String nameEn, String nameFr, String nameEs, String parentId, int sortOrder) {

  /** The label in a language ({@code en}, {@code fr}, {@code es}), English where missing. */
  public String name(String lang) {
    String name =
        switch (lang == null ? "en" : lang) {
          case "fr" -> nameFr;
          case "es" -> nameEs;
          default -> nameEn;
        };
    return name == null ? nameEn : name;
  }
}
