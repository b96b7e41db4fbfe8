package org.coopstats.upload;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.coopstats.common.ProblemException;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads an Excel workbook: the first sheet, laid out as the CSV (a header row naming the columns,
 * one observation per row), streamed row by row with POI's SAX reader. Rows are numbered as Excel
 * numbers them.
 */
class XlsxRowSource implements RowSource {

  private final Path file;

  XlsxRowSource(Path file) {
    this.file = file;
  }

  @Override
  public void read(Sink sink, Consumer<ValidationIssue> issues) {
    try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(workbook);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        issues.accept(fault(1, "The workbook has no sheet."));
        return;
      }
      Rows rows = new Rows(sink);
      try (InputStream sheet = sheets.next()) {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        XMLReader parser = factory.newSAXParser().getXMLReader();
        parser.setContentHandler(
            new XSSFSheetXMLHandler(styles, null, strings, rows, new PlainNumbers(), false));
        parser.parse(new InputSource(sheet));
      } catch (StopReading stop) {
        return;
      }
      if (rows.header == null) {
        issues.accept(fault(1, "The first sheet is empty: its first row must name the columns."));
      }
    } catch (ProblemException | UploadProgress.CancelledException e) {
      throw e;
    } catch (Exception e) {
      issues.accept(
          fault(
              1,
              "The file is not a readable .xlsx workbook ("
                  + e.getClass().getSimpleName()
                  + "). Save it as Excel Workbook (.xlsx) and send it again."));
    }
  }

  private static ValidationIssue fault(long row, String message) {
    return ValidationIssue.error(RowRef.csvLine(row), null, null, "FORMAT", message);
  }

  /** Collects each row's cells and hands the rows to the sink. */
  private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Sink sink;
    private List<String> header;
    private Map<Integer, String> cells = new HashMap<>();

    Rows(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void startRow(int rowNum) {
      cells = new HashMap<>();
    }

    @Override
    public void endRow(int rowNum) {
      if (header == null) {
        header = new ArrayList<>();
        int width = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (int i = 0; i < width; i++) {
          header.add(cells.getOrDefault(i, "").trim().toUpperCase(Locale.ROOT));
        }
        if (!sink.header(header.stream().filter(h -> !h.isEmpty()).toList())) {
          throw new StopReading();
        }
        return;
      }
      if (cells.values().stream().allMatch(String::isBlank)) {
        return;
      }
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (!header.get(i).isEmpty()) {
          values.put(header.get(i), cells.get(i));
        }
      }
      sink.row(new SourceRow(RowRef.csvLine(rowNum + 1L), values));
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
      cells.put(new CellReference(reference).getCol() & 0xFFFF, formattedValue);
    }
  }

  /**
   * Numbers as written, never rounded to a display format ("1.23457E+11"); dates as Excel shows
   * them.
   */
  private static final class PlainNumbers extends DataFormatter {
    PlainNumbers() {
      super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString)) {
        return super.formatRawCellContents(value, formatIndex, formatString);
      }
      return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
  }

  /** Ends the SAX parse early (a bad header). */
  private static final class StopReading extends RuntimeException {
    StopReading() {
      super(null, null, false, false);
    }
  }
}
