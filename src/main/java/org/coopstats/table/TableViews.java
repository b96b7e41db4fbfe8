package org.coopstats.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the definition endpoints answer. */
public final class TableViews {

  private TableViews() {}

  /** A table in the list: its title in the language asked for, and its shape. */
  public record TableSummary(
      String id,
      String title,
      String structure,
      List<String> measures,
      List<String> rowDimensions,
      List<String> columnDimensions,
      String data) {

    static TableSummary of(TableDefinition table, String lang) {
      return new TableSummary(
          table.id(),
          table.title(lang),
          table.structureId(),
          table.measures(),
          dimensions(table.rows()),
          dimensions(table.columns()),
          dataPath(table));
    }
  }

  /** A table's whole definition: its titles in every language, axes, fixed codes and notes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableDefinitionView(
      String id,
      String title,
      Map<String, String> titles,
      String structure,
      List<String> measures,
      List<AxisView> rows,
      List<AxisView> columns,
      Map<String, String> fixedFilters,
      String notes,
      String data) {

    static TableDefinitionView of(TableDefinition table, String lang) {
      Map<String, String> titles = new LinkedHashMap<>();
      titles.put("en", table.titleEn());
      if (table.titleFr() != null) {
        titles.put("fr", table.titleFr());
      }
      if (table.titleEs() != null) {
        titles.put("es", table.titleEs());
      }
      return new TableDefinitionView(
          table.id(),
          table.title(lang),
          titles,
          table.structureId(),
          table.measures(),
          table.rows().stream().map(AxisView::of).toList(),
          table.columns().stream().map(AxisView::of).toList(),
          table.fixed(),
          table.notes(),
          dataPath(table));
    }
  }

  /**
   * An axis: its dimension and the codes it shows ({@code codes} null: every code but {@code _Z};
   * {@code children}: the area asked for and its children).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AxisView(String dimension, List<String> codes, Boolean children) {
    static AxisView of(TableDefinition.Axis axis) {
      return new AxisView(axis.dimension(), axis.codes(), axis.children() ? Boolean.TRUE : null);
    }
  }

  private static List<String> dimensions(List<TableDefinition.Axis> axes) {
    return axes.stream().map(TableDefinition.Axis::dimension).toList();
  }

  private static String dataPath(TableDefinition table) {
    return "/api/v1/tables/" + table.id() + "/data";
  }
}
