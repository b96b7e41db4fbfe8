package org.coopstats.catalog;

/** Picks a label in the language asked for: {@code en}, {@code fr} or {@code es}. */
final class Labels {

  private Labels() {}

  /** The label in {@code lang}, English where that one is missing. */
  static String pick(String lang, String en, String fr, String es) {
    String name =
        switch (lang == null ? "en" : lang) {
          case "fr" -> fr;
          case "es" -> es;
          default -> en;
        };
    return name == null ? en : name;
  }
}
