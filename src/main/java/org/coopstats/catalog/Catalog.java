package org.coopstats.catalog;

import java.util.Map;
import java.util.Optional;

/** All code lists and data structures, as loaded from the database at one moment. */
public record Catalog(Map<String, CodeList> codeLists, Map<String, DataStructure> structures) {

  public Optional<CodeList> codeList(String id) {
    return Optional.ofNullable(codeLists.get(id));
  }

  public Optional<DataStructure> structure(String id) {
    return Optional.ofNullable(structures.get(id));
  }
}
