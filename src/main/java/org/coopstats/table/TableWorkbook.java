package org.coopstats.table;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.coopstats.catalog.CodeList;
import org.coopstats.table.TableGrid.Cell;
import org.coopstats.table.TableGrid.Heading;

/**
 * A table as an Excel workbook (.xlsx): its title, area and period, the headings, a numeric cell
 * per figure (computed ones in italics), each row's units, and footnotes: the table's notes, the
 * counting rules, and a line for every cell that is computed, incomplete, refused or flagged.
 */
final class TableWorkbook {

  /** Marks a cell that has no figure because it is incomplete or refused (see its footnote). */
  static final String NOT_AVAILABLE = "..";

  private final TableGrid grid;
  private final CodeList statuses;
  private final XSSFWorkbook workbook = new XSSFWorkbook();
  private final Sheet sheet;
  private final CellStyle bold;
  private final CellStyle number;
  private final CellStyle computed;
  private final List<String> footnotes = new ArrayList<>();
  private int next;

  /**
   * @param statuses the code list of OBS_STATUS, for the footnotes' labels
   */
  TableWorkbook(TableGrid grid, CodeList statuses) {
    this.grid = grid;
    this.statuses = statuses;
    this.sheet = workbook.createSheet(sheetName(grid.id()));
    Font boldFont = workbook.createFont();
    boldFont.setBold(true);
    this.bold = workbook.createCellStyle();
    bold.setFont(boldFont);
    short format = workbook.createDataFormat().getFormat("#,##0.###");
    this.number = workbook.createCellStyle();
    number.setDataFormat(format);
    Font italic = workbook.createFont();
    italic.setItalic(true);
    this.computed = workbook.createCellStyle();
    computed.setDataFormat(format);
    computed.setFont(italic);
  }

  void write(OutputStream output) throws IOException {
    try (workbook) {
      title();
      headings();
      grid.rows().forEach(this::row);
      notes();
      workbook.write(output);
    }
  }

  private void title() {
    Row title = sheet.createRow(next++);
    text(title, 0, grid.title()).setCellStyle(bold);
    String period =
        grid.timePeriod() != null
            ? grid.timePeriod()
            : (grid.startPeriod() == null ? "" : grid.startPeriod())
                + "–"
                + (grid.endPeriod() == null ? "" : grid.endPeriod());
    text(sheet.createRow(next++), 0, grid.refArea().name() + ", " + period);
    text(
        sheet.createRow(next++),
        0,
        "Released data"
            + (grid.asOf() == null ? "" : " as of " + grid.asOf())
            + " (CoopStats table "
            + grid.id()
            + ")");
    next++;
  }

  private void headings() {
    int levels = Math.max(1, grid.columnDimensions().size());
    int offset = grid.rowDimensions().size();
    for (int level = 0; level < levels; level++) {
      Row row = sheet.createRow(next++);
      for (int i = 0; i < offset && level == levels - 1; i++) {
        text(row, i, grid.rowDimensions().get(i)).setCellStyle(bold);
      }
      for (int c = 0; c < grid.columns().size(); c++) {
        List<Heading> column = grid.columns().get(c);
        String name = column.isEmpty() ? "" : column.get(level).name();
        text(row, offset + c, name).setCellStyle(bold);
      }
      if (level == levels - 1) {
        text(row, offset + grid.columns().size(), "Unit").setCellStyle(bold);
      }
    }
  }

  private void row(TableGrid.Row line) {
    Row row = sheet.createRow(next++);
    int c = 0;
    for (Heading heading : line.heading()) {
      text(row, c++, heading.name());
    }
    Set<String> units = new LinkedHashSet<>();
    for (int i = 0; i < line.cells().size(); i++) {
      Cell cell = line.cells().get(i);
      int column = c + i;
      if (cell.hasValue()) {
        org.apache.poi.ss.usermodel.Cell target = row.createCell(column);
        target.setCellValue(cell.value().doubleValue());
        target.setCellStyle(Cell.COMPUTED.equals(cell.origin()) ? computed : number);
        units.add(unit(cell));
      } else if (Cell.INCOMPLETE.equals(cell.origin()) || Cell.REFUSED.equals(cell.origin())) {
        text(row, column, NOT_AVAILABLE);
      }
      footnote(new CellReference(row.getRowNum(), column).formatAsString(), cell);
    }
    text(row, c + line.cells().size(), String.join("; ", units));
  }

  private void footnote(String at, Cell cell) {
    switch (cell.origin()) {
      case Cell.COMPUTED ->
          footnotes.add(
              at
                  + ": computed, the sum of "
                  + cell.summedDimension()
                  + " "
                  + String.join(", ", cell.summedCodes()));
      case Cell.INCOMPLETE ->
          footnotes.add(
              at
                  + ": incomplete, "
                  + cell.missing()
                  + " of the "
                  + cell.summedDimension()
                  + " children not reported ("
                  + String.join(", ", cell.missingCodes())
                  + "); not computed");
      case Cell.REFUSED -> footnotes.add(at + ": not computed. " + cell.reason());
      default -> {
        // reported, empty or not applicable: only its flags below
      }
    }
    if (cell.obsStatus() != null && !"A".equals(cell.obsStatus())) {
      footnotes.add(
          at
              + ": OBS_STATUS "
              + cell.obsStatus()
              + " ("
              + statuses.label(cell.obsStatus(), grid.lang())
              + ")");
    }
    if (cell.confStatus() != null && !"F".equals(cell.confStatus())) {
      footnotes.add(at + ": CONF_STATUS " + cell.confStatus());
    }
  }

  private void notes() {
    next++;
    text(sheet.createRow(next++), 0, "Notes").setCellStyle(bold);
    if (grid.notes() != null) {
      text(sheet.createRow(next++), 0, grid.notes());
    }
    text(sheet.createRow(next++), 0, NOT_AVAILABLE + ": no figure, see the cell's footnote.");
    for (String rule : grid.rules()) {
      text(sheet.createRow(next++), 0, rule);
    }
    for (String footnote : footnotes) {
      text(sheet.createRow(next++), 0, footnote);
    }
  }

  private static String unit(Cell cell) {
    return "0".equals(cell.unitMult()) || cell.unitMult() == null
        ? cell.unitMeasure()
        : cell.unitMeasure() + " × 10^" + cell.unitMult();
  }

  private static org.apache.poi.ss.usermodel.Cell text(Row row, int column, String value) {
    org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
    cell.setCellValue(value);
    return cell;
  }

  /** A sheet name: at most 31 characters. */
  private static String sheetName(String id) {
    return id.length() > 31 ? id.substring(0, 31) : id;
  }
}
