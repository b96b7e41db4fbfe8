package org.coopstats.table;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coopstats.table.TableGrid.Cell;
import org.coopstats.table.TableGrid.Heading;

/**
 * A table as a wide CSV, laid out as a person would: a heading line per column axis (the row axes'
 * names on the last), then one line per row, its headings then a value per column. Values are
 * written as stored; a cell without a value (incomplete, refused, empty) is empty. Flags and units
 * are in the JSON and Excel forms.
 */
final class TableCsv {

  private TableCsv() {}

  static void write(TableGrid grid, Writer writer) throws IOException {
    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
    int levels = Math.max(1, grid.columnDimensions().size());
    for (int level = 0; level < levels; level++) {
      List<String> line = new ArrayList<>();
      for (String dimension : grid.rowDimensions()) {
        line.add(level == levels - 1 ? dimension : "");
      }
      for (List<Heading> column : grid.columns()) {
        line.add(column.isEmpty() ? grid.title() : column.get(level).name());
      }
      csv.printRecord(line);
    }
    for (TableGrid.Row row : grid.rows()) {
      List<String> line = new ArrayList<>();
      row.heading().forEach(h -> line.add(h.name()));
      for (Cell cell : row.cells()) {
        line.add(cell.hasValue() ? cell.value().toPlainString() : "");
      }
      csv.printRecord(line);
    }
    csv.flush();
  }
}
