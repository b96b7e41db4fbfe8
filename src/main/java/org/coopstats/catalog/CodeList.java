package org.coopstats.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A code list (classification) as data: its codes in display order, looked up by id. */
public record CodeList(
    String id,
    String agency,
    String version,
    String nameEn,
    String nameFr,
    String nameEs,
    String description,
    List<Code> codes,
    Map<String, Code> codesById) {

  public static CodeList of(
      String id,
      String agency,
      String version,
      String nameEn,
      String nameFr,
      String nameEs,
      String description,
      List<Code> codes) {
    Map<String, Code> byId = new LinkedHashMap<>();
    codes.forEach(code -> byId.put(code.id(), code));
    return new CodeList(
        id,
        agency,
        version,
        nameEn,
        nameFr,
        nameEs,
        description,
        List.copyOf(codes),
        Collections.unmodifiableMap(byId));
  }

  public boolean contains(String codeId) {
    return codesById.containsKey(codeId);
  }

  public Optional<Code> code(String codeId) {
    return Optional.ofNullable(codesById.get(codeId));
  }

  public String name(String lang) {
    return Labels.pick(lang, nameEn, nameFr, nameEs);
  }

  /** The label of a code, or the code itself when it is not in the list. */
  public String label(String codeId, String lang) {
    Code code = codesById.get(codeId);
    return code == null ? codeId : code.name(lang);
  }
}
