package org.coopstats.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.DataStructure;
import org.coopstats.table.TableGrid.Cell;
import org.coopstats.table.TableGrid.Heading;

/**
 * A table as one JSON-stat 2.0 dataset: its row dimensions then its column dimensions, the values
 * row-major (null where a cell has none), {@code status} the cells' OBS_STATUS, and in {@code
 * extension.origin} how every cell that is not simply reported was obtained.
 */
final class TableJsonStat {

  private TableJsonStat() {}

  static Map<String, Object> of(TableGrid grid, DataStructure structure) {
    List<String> ids = new ArrayList<>(grid.rowDimensions());
    ids.addAll(grid.columnDimensions());
    Map<String, Map<String, String>> categories = new LinkedHashMap<>();
    ids.forEach(id -> categories.put(id, new LinkedHashMap<>()));
    grid.rows()
        .forEach(
            r -> r.heading().forEach(h -> categories.get(h.dimension()).put(h.id(), h.name())));
    for (List<Heading> column : grid.columns()) {
      column.forEach(h -> categories.get(h.dimension()).put(h.id(), h.name()));
    }
    List<Object> values = new ArrayList<>();
    Map<String, String> status = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    for (TableGrid.Row row : grid.rows()) {
      for (Cell cell : row.cells()) {
        String index = Integer.toString(values.size());
        values.add(cell.value());
        if (cell.obsStatus() != null) {
          status.put(index, cell.obsStatus());
        }
        if (!Cell.REPORTED.equals(cell.origin()) && !Cell.EMPTY.equals(cell.origin())) {
          origin.put(index, cell.origin());
        }
      }
    }
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("version", "2.0");
    dataset.put("class", "dataset");
    dataset.put("label", grid.title() + " — " + grid.refArea().name());
    dataset.put("id", ids);
    dataset.put("size", ids.stream().map(id -> categories.get(id).size()).toList());
    dataset.put("dimension", dimensions(ids, categories, structure));
    dataset.put("value", values);
    dataset.put("status", status);
    Map<String, Object> extension = new LinkedHashMap<>();
    extension.put("structure", grid.structure());
    extension.put("origin", origin);
    extension.put("rules", grid.rules());
    dataset.put("extension", extension);
    return dataset;
  }

  private static Map<String, Object> dimensions(
      List<String> ids, Map<String, Map<String, String>> categories, DataStructure structure) {
    Map<String, Object> dimensions = new LinkedHashMap<>();
    for (String id : ids) {
      String label =
          id.equals(TableDefinition.TIME_PERIOD)
              ? structure.timeDimension().nameEn()
              : structure.dimension(id).orElseThrow().nameEn();
      Map<String, Object> category = new LinkedHashMap<>();
      category.put("index", new ArrayList<>(categories.get(id).keySet()));
      category.put("label", categories.get(id));
      dimensions.put(id, Map.of("label", label, "category", category));
    }
    return dimensions;
  }
}
