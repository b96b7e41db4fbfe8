package org.coopstats.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the code-list and structure API. */
public final class CatalogViews {

  private CatalogViews() {}

  @Schema(name = "CodeListSummary")
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

  @Schema(name = "CodeList")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CodeListView(
      String id,
      String agency,
      String version,
      Map<String, String> names,
      String description,
      @Schema(description = "Codes in display order, each with its parent") List<CodeView> items,
      long total,
      int offset,
      int limit,
      @Schema(description = "The codes as a tree (parents before children); with ?view=tree")
          List<CodeNode> hierarchy) {}

  @Schema(name = "Code")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CodeView(String id, Map<String, String> names, String parent) {
    static CodeView of(Code code) {
      return new CodeView(
          code.id(),
          CatalogViews.names(code.nameEn(), code.nameFr(), code.nameEs()),
          code.parentId());
    }
  }

  @Schema(name = "CodeNode")
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record CodeNode(String id, String name, List<CodeNode> children) {}

  @Schema(name = "DataStructure")
  public record StructureView(
      String id,
      String agency,
      String version,
      String name,
      String description,
      List<DimensionView> dimensions,
      List<AttributeView> attributes,
      List<MeasureView> measures) {}

  @Schema(name = "Dimension")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DimensionView(
      String id,
      int position,
      String name,
      String description,
      String codeList,
      @Schema(description = "Code used when the column is left out and the dimension applies")
          String defaultCode,
      @Schema(description = "False: applies only to the measures that list it, otherwise _Z")
          boolean appliesToAllMeasures,
      boolean timeDimension) {}

  @Schema(name = "Attribute")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttributeView(
      String id,
      String name,
      String description,
      String codeList,
      boolean required,
      String defaultValue) {}

  @Schema(name = "Measure")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MeasureView(
      String id,
      String name,
      @Schema(description = "INTEGER or DECIMAL") String valueType,
      @Schema(description = "COUNT, FTE or MONEY") String quantity,
      @Schema(description = "STOCK, FLOW or AVERAGE") String temporality,
      boolean allowsNegative,
      String defaultUnit,
      String unitCodeList,
      List<String> allowedUnits,
      @Schema(description = "Optional dimensions that apply, with the condition if any")
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
