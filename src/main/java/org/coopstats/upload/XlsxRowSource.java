package org.coopstats.upload;

import java.io.IOException;
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
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.ZipPackagePart;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.coopstats.common.ProblemException;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads an Excel workbook: the first sheet, laid out as the CSV (a header row naming the columns,
 * one observation per row), streamed row by row with POI's SAX reader. Rows are numbered as Excel
 * numbers them.
 */
class XlsxRowSource implements RowSource {

  private final Path file;
  private final UploadLimits limits;

  XlsxRowSource(Path file, UploadLimits limits) {
    this.file = file;
    this.limits = limits;
  }

  /**
   * Refuses, without inflating them, a workbook whose parts declare more than the bounds allow (a
   * job checks this before it is queued); a workbook that cannot be read is left to {@link #read}
   * to report.
   */
  static void checkDeclaredSizes(Path file, UploadLimits limits) {
    try (BoundedZipSource zip = BoundedZipSource.open(file, limits);
        OPCPackage workbook = OPCPackage.open(zip)) {
      Parts parts = Parts.of(workbook, zip);
      if (parts != null) {
        parts.sheet.close();
      }
    } catch (ProblemException e) {
      throw e;
    } catch (Exception e) {
      // unreadable: the job reports it as a FORMAT fault
    }
  }

  @Override
  public void read(Sink sink, Consumer<ValidationIssue> issues) {
    BoundedZipSource zip = null;
    try (BoundedZipSource opened = BoundedZipSource.open(file, limits);
        OPCPackage workbook = OPCPackage.open(opened)) {
      zip = opened;
      Parts parts = Parts.of(workbook, zip);
      if (parts == null) {
        issues.accept(fault(1, "The workbook has no sheet."));
        return;
      }
      Rows rows = new Rows(sink, limits.maxLineLength());
      try (InputStream sheet = parts.sheet) {
        SharedStrings strings = BudgetedSharedStrings.read(parts.sharedStrings, limits);
        StylesTable styles = new XSSFReader(workbook).getStylesTable();
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        XMLReader parser = factory.newSAXParser().getXMLReader();
        parser.setContentHandler(
            rows.bounded(
                new XSSFSheetXMLHandler(styles, null, strings, rows, new PlainNumbers(), false)));
        parser.parse(new InputSource(sheet));
      } catch (StopReading stop) {
        return;
      } catch (RowTooLong tooLong) {
        issues.accept(fault(tooLong.row, tooLong.getMessage()));
        return;
      }
      if (rows.header == null) {
        issues.accept(fault(1, "The first sheet is empty: its first row must name the columns."));
      }
    } catch (ProblemException | UploadProgress.CancelledException e) {
      throw e;
    } catch (Exception e) {
      if (zip != null && zip.exceeded() != null) {
        throw zip.exceeded(); // a bound crossed inside POI, which wrapped it
      }
      issues.accept(
          fault(
              1,
              "The file is not a readable .xlsx workbook ("
                  + e.getClass().getSimpleName()
                  + "). Save it as Excel Workbook (.xlsx) and send it again."));
    }
  }

  /**
   * The parts read: the first sheet (opened, not yet inflated) and the shared strings. Their sizes,
   * with the styles' and the theme's, are checked against the bounds before any is inflated.
   */
  private record Parts(InputStream sheet, PackagePart sharedStrings) {
    static Parts of(OPCPackage workbook, BoundedZipSource zip) throws Exception {
      XSSFReader.SheetIterator sheets =
          (XSSFReader.SheetIterator) new XSSFReader(workbook).getSheetsData();
      if (!sheets.hasNext()) {
        return null;
      }
      InputStream sheet = sheets.next();
      try {
        PackagePart sheetPart = sheets.getSheetPart();
        PackagePart strings =
            workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType()).stream()
                .findFirst()
                .orElse(null);
        List<ZipArchiveEntry> entries = new ArrayList<>();
        for (PackagePart part : new PackagePart[] {sheetPart, strings}) {
          if (part instanceof ZipPackagePart zipPart) {
            zip.allowLarge(zipPart.getZipArchive().getName());
            entries.add(zipPart.getZipArchive());
          }
        }
        for (XSSFRelation relation : new XSSFRelation[] {XSSFRelation.STYLES, XSSFRelation.THEME}) {
          workbook.getPartsByContentType(relation.getContentType()).stream()
              .findFirst()
              .filter(ZipPackagePart.class::isInstance)
              .ifPresent(part -> entries.add(((ZipPackagePart) part).getZipArchive()));
        }
        zip.requireRoomFor(entries);
        return new Parts(sheet, strings);
      } catch (Exception | Error e) {
        sheet.close();
        throw e;
      }
    }
  }

  private static ValidationIssue fault(long row, String message) {
    return ValidationIssue.error(RowRef.csvLine(row), null, null, "FORMAT", message);
  }

  /** Collects each row's cells and hands the rows to the sink. */
  private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Sink sink;
    private final int maxRowChars;
    private List<String> header;
    private Map<Integer, String> cells = new HashMap<>();
    private int rowNum = -1;
    private long rowChars;

    Rows(Sink sink, int maxRowChars) {
      this.sink = sink;
      this.maxRowChars = maxRowChars;
    }

    /**
     * {@code handler}, with the characters of one row bounded as a CSV line is: POI collects a
     * cell's text whole before handing it on.
     */
    ContentHandler bounded(ContentHandler handler) {
      XMLFilterImpl filter =
          new XMLFilterImpl() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes atts)
                throws SAXException {
              if ("row".equals(local)) {
                rowChars = 0;
              }
              super.startElement(uri, local, qName, atts);
            }

            @Override
            public void characters(char[] ch, int start, int length) throws SAXException {
              rowChars += length;
              if (rowChars > maxRowChars) {
                throw new RowTooLong(rowNum + 1L, maxRowChars);
              }
              super.characters(ch, start, length);
            }
          };
      filter.setContentHandler(handler);
      return filter;
    }

    @Override
    public void startRow(int rowNum) {
      this.rowNum = rowNum;
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

  /**
   * The shared strings, read as POI's read-only table reads them, within a budget of strings and
   * characters: the table is held in memory while the sheet is read.
   */
  private static final class BudgetedSharedStrings extends ReadOnlySharedStringsTable {
    private static final String COUNT_SETTING = "coopstats.upload.xlsx-max-shared-strings";
    private static final String CHARS_SETTING = "coopstats.upload.xlsx-max-shared-string-chars";

    private final int maxStrings;
    private final long maxChars;
    private int strings;
    private long chars;
    private int textDepth;

    private BudgetedSharedStrings(UploadLimits limits) throws IOException, SAXException {
      super(InputStream.nullInputStream()); // reads nothing: the budget is not set yet
      this.maxStrings = limits.xlsxMaxSharedStrings();
      this.maxChars = limits.xlsxMaxSharedStringChars();
    }

    static SharedStrings read(PackagePart part, UploadLimits limits) throws Exception {
      BudgetedSharedStrings table = new BudgetedSharedStrings(limits);
      if (part != null) {
        try (InputStream in = part.getInputStream()) {
          table.readFrom(in);
        }
      }
      return table;
    }

    @Override
    public void startElement(String uri, String localName, String name, Attributes attributes)
        throws SAXException {
      if (uri != null && !uri.equals(XSSFRelation.NS_SPREADSHEETML)) {
        // ignored by POI too
      } else if ("t".equals(localName)) {
        textDepth++;
      } else if ("si".equals(localName) && ++strings > maxStrings) {
        throw BoundedZipSource.problem(
            "The workbook's shared-strings table holds more than "
                + maxStrings
                + " strings, the most an Excel upload may hold ("
                + COUNT_SETTING
                + "): the table is kept in memory while the sheet is read. Send the data as CSV,"
                + " or split it into several workbooks.",
            COUNT_SETTING,
            maxStrings);
      }
      super.startElement(uri, localName, name, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String name) throws SAXException {
      if ((uri == null || uri.equals(XSSFRelation.NS_SPREADSHEETML)) && "t".equals(localName)) {
        textDepth--;
      }
      super.endElement(uri, localName, name);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      if (textDepth > 0) {
        chars += length;
        if (chars > maxChars) {
          throw BoundedZipSource.problem(
              "The workbook's shared strings hold more than "
                  + maxChars
                  + " characters, the most an Excel upload may hold ("
                  + CHARS_SETTING
                  + "): the table is kept in memory while the sheet is read. Send the data as"
                  + " CSV, or split it into several workbooks.",
              CHARS_SETTING,
              maxChars);
        }
      }
      super.characters(ch, start, length);
    }
  }

  /** A row longer than a CSV line may be. */
  private static final class RowTooLong extends RuntimeException {
    final long row;

    RowTooLong(long row, int limit) {
      super(
          "Row "
              + row
              + " holds more than "
              + limit
              + " characters, the most a row may hold (coopstats.upload.max-line-length).",
          null,
          false,
          false);
      this.row = row;
    }
  }

  /** Ends the SAX parse early (a bad header). */
  private static final class StopReading extends RuntimeException {
    StopReading() {
      super(null, null, false, false);
    }
  }
}
