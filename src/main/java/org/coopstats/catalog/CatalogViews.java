package org.coopstats.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Response bodies of the code-list and structure API. */
public final class CatalogViews {

  private CatalogViews() {}

  public record CodeListSummary(
      String id, String agency, String version, Map<String, String> names, int codes) {

    static CodeListSummary of(CodeList list) {
      return new CodeListSummary(
          list.id(),
          list.agency(),
          list.version(),
          CatalogViews.names(list.nameEn(), list.nameFr(), list.nameEs()),
          list.codes().size());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CodeListView(
      String id,
      String agency,
      String version,
      Map<String, String> names,
      String description,
      List<CodeView> items,
      long total,
      int offset,
      int limit,
      List<CodeNode> hierarchy) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CodeView(String id, Map<String, String> names, String parent) {
    static CodeView of(Code code) {
      return new CodeView(
          code.id(),
          CatalogViews.names(code.nameEn(), code.nameFr(), code.nameEs()),
          code.parentId());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record CodeNode(String id, String name, List<CodeNode> children) {}

  public record StructureView(
      String id,
      String agency,
      String version,
      String name,
      String description,
      List<DimensionView> dimensions,
      List<AttributeView> attributes,
      List<MeasureView> measures,
      boolean derived) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DimensionView(
      String id,
      int position,
      String name,
      String description,
      String codeList,
      String defaultCode,
      boolean appliesToAllMeasures,
      boolean timeDimension) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttributeView(
      String id,
      String name,
      String description,
      String codeList,
      boolean required,
      String defaultValue) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MeasureView(
      String id,
      String name,
      String valueType,
      String quantity,
      String temporality,
      boolean allowsNegative,
      String defaultUnit,
      String unitCodeList,
      List<String> allowedUnits,
      Map<String, String> dimensions,
      // The largest absolute value taken, in units (the value times 10^UNIT_MULT); R02 refuses
      // larger ones.
      java.math.BigDecimal maxMagnitude) {}

  static Map<String, String> names(String en, String fr, String es) {
    Map<String, String> names = new java.util.LinkedHashMap<>();
    names.put("en", en);
    if (fr != null) {
      names.put("fr", fr);
    }
    if (es != null) {
      names.put("es", es);
    }
    return names;
  }
}
