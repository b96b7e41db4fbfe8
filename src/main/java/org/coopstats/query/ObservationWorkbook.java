package org.coopstats.query;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A page of observations as one Excel sheet, written as it is read: POI's streaming workbook keeps
 * a window of rows in memory and the others in a temporary file, deleted on close.
 */
final class ObservationWorkbook implements AutoCloseable {

  /** Rows kept in memory before they go to the temporary file. */
  private static final int WINDOW = 200;

  private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
  private final SXSSFSheet sheet = workbook.createSheet("observations");
  private final CellStyle number = workbook.createCellStyle();
  private int next;

  ObservationWorkbook(List<String> columns) {
    workbook.setCompressTempFiles(true);
    number.setDataFormat(workbook.createDataFormat().getFormat("#,##0.########"));
    Font boldFont = workbook.createFont();
    boldFont.setBold(true);
    CellStyle bold = workbook.createCellStyle();
    bold.setFont(boldFont);
    Row header = sheet.createRow(next++);
    for (int i = 0; i < columns.size(); i++) {
      Cell cell = header.createCell(i);
      cell.setCellValue(columns.get(i));
      cell.setCellStyle(bold);
    }
    sheet.createFreezePane(0, 1);
  }

  /** A row of cells: a number for a value, text for the rest (codes are text, never numbers). */
  void add(List<Object> cells) {
    Row row = sheet.createRow(next++);
    for (int i = 0; i < cells.size(); i++) {
      Object value = cells.get(i);
      Cell cell = row.createCell(i);
      if (value instanceof BigDecimal decimal) {
        cell.setCellValue(decimal.doubleValue());
        cell.setCellStyle(number);
      } else if (value instanceof Long whole) {
        cell.setCellValue(whole);
      } else if (!"".equals(value) && value != null) {
        cell.setCellValue(value.toString());
      }
    }
  }

  void write(OutputStream output) throws IOException {
    workbook.write(output);
  }

  /** Also deletes the temporary file. */
  @Override
  public void close() throws IOException {
    workbook.close();
  }
}
