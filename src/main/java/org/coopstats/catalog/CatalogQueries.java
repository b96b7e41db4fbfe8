package org.coopstats.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.catalog.CatalogViews.AttributeView;
import org.coopstats.catalog.CatalogViews.CodeListSummary;
import org.coopstats.catalog.CatalogViews.CodeListView;
import org.coopstats.catalog.CatalogViews.CodeNode;
import org.coopstats.catalog.CatalogViews.CodeView;
import org.coopstats.catalog.CatalogViews.DimensionView;
import org.coopstats.catalog.CatalogViews.MeasureView;
import org.coopstats.catalog.CatalogViews.StructureView;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;

/** Read views of the code lists and structures. */
@ApplicationScoped
public class CatalogQueries {

  private final CatalogService catalog;

  public CatalogQueries(CatalogService catalog) {
    this.catalog = catalog;
  }

  public Page<CodeListSummary> codeLists(PageRequest page) {
    List<CodeListSummary> all =
        catalog.catalog().codeLists().values().stream().map(CodeListSummary::of).toList();
    return slice(all, page);
  }

  public Optional<CodeListView> codeList(String id, PageRequest page, boolean tree) {
    return catalog
        .catalog()
        .codeList(id)
        .map(
            list -> {
              Page<CodeView> items = slice(list.codes().stream().map(CodeView::of).toList(), page);
              return new CodeListView(
                  list.id(),
                  list.agency(),
                  list.version(),
                  CatalogViews.names(list.nameEn(), list.nameFr(), list.nameEs()),
                  list.description(),
                  items.items(),
                  items.total(),
                  items.offset(),
                  items.limit(),
                  tree ? hierarchy(list) : null);
            });
  }

  public List<StructureView> structures() {
    return catalog.catalog().structures().values().stream().map(this::view).toList();
  }

  public Optional<StructureView> structure(String id) {
    return catalog.catalog().structure(id).map(this::view);
  }

  private StructureView view(DataStructure structure) {
    return new StructureView(
        structure.id(),
        structure.agency(),
        structure.version(),
        structure.nameEn(),
        structure.description(),
        dimensions(structure),
        attributes(structure),
        measures(structure),
        structure.derived());
  }

  private static List<DimensionView> dimensions(DataStructure structure) {
    List<DimensionView> dimensions = new ArrayList<>();
    for (DimensionDef d : structure.dimensions()) {
      String defaultCode = null;
      if (d.codeListId() != null
          && structure.codeList(d.codeListId()).contains(DataStructure.TOTAL)) {
        defaultCode = DataStructure.TOTAL;
      }
      dimensions.add(
          new DimensionView(
              d.id(),
              d.position(),
              d.nameEn(),
              d.description(),
              d.codeListId(),
              defaultCode,
              d.appliesToAll(),
              d.timeDimension()));
    }
    return dimensions;
  }

  private static List<AttributeView> attributes(DataStructure structure) {
    return structure.attributes().stream()
        .map(
            a ->
                new AttributeView(
                    a.id(),
                    a.nameEn(),
                    a.description(),
                    a.codeListId(),
                    a.required(),
                    a.defaultValue()))
        .toList();
  }

  /** The measures in the order of the measure code list, named by their code. */
  /** The measures of the structure's MEASURE code list; none for one without (the indicators'). */
  private static List<MeasureView> measures(DataStructure structure) {
    Optional<DimensionDef> measure = structure.dimension(DataStructure.MEASURE);
    if (measure.isEmpty()) {
      return List.of();
    }
    CodeList measureNames = structure.codeList(measure.get().codeListId());
    List<MeasureView> measures = new ArrayList<>();
    for (Code code : measureNames.codes()) {
      MeasureDef m = structure.measures().get(code.id());
      if (m != null) {
        measures.add(measure(m, code));
      }
    }
    return measures;
  }

  private static MeasureView measure(MeasureDef m, Code code) {
    return new MeasureView(
        m.id(),
        code.nameEn(),
        m.valueType(),
        m.quantity(),
        m.temporality(),
        m.allowsNegative(),
        m.defaultUnit(),
        m.unitCodeList(),
        m.allowedUnits().isEmpty() ? null : List.copyOf(m.allowedUnits()),
        applicability(m),
        m.maxMagnitude());
  }

  /** For each dimension of a measure: "always", or "when DIMENSION=CODE". */
  private static Map<String, String> applicability(MeasureDef m) {
    Map<String, String> applies = new LinkedHashMap<>();
    m.dimensions()
        .forEach(
            (dimension, condition) ->
                applies.put(
                    dimension,
                    condition.isAlways()
                        ? "always"
                        : "when " + condition.dimension() + "=" + condition.code()));
    return applies;
  }

  private static List<CodeNode> hierarchy(CodeList list) {
    Map<String, List<Code>> children = new LinkedHashMap<>();
    List<Code> roots = new ArrayList<>();
    for (Code code : list.codes()) {
      if (code.parentId() == null) {
        roots.add(code);
      } else {
        children.computeIfAbsent(code.parentId(), k -> new ArrayList<>()).add(code);
      }
    }
    return roots.stream().map(root -> node(root, children)).toList();
  }

  private static CodeNode node(Code code, Map<String, List<Code>> children) {
    List<CodeNode> below =
        children.getOrDefault(code.id(), List.of()).stream().map(c -> node(c, children)).toList();
    return new CodeNode(code.id(), code.nameEn(), below);
  }

  private static <T> Page<T> slice(List<T> all, PageRequest page) {
    int from = Math.min(page.offset(), all.size());
    int to = Math.min(from + page.limit(), all.size());
    return new Page<>(all.subList(from, to), all.size(), page.offset(), page.limit());
  }
}
