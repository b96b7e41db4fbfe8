package org.coopstats.upload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Reads a CSV submission: UTF-8 with or without a byte-order mark, a header line naming the
 * columns, comma or semicolon separated (told apart on the header), RFC 4180 quoting.
 */
public class CsvRowSource implements RowSource {

  private final BufferedReader reader;
  private final int maxLineLength;

  public CsvRowSource(InputStream input, int maxLineLength) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.reader =
        new BufferedReader(
            new LineLengthLimitedReader(new InputStreamReader(input, decoder), maxLineLength),
            1 << 16);
    this.maxLineLength = maxLineLength;
  }

  @Override
  public void read(Sink sink, Consumer<ValidationIssue> issues) {
    char delimiter;
    try {
      // BufferedReader allocates the whole read-ahead limit once a line outgrows its buffer:
      // bound it by the longest line allowed (an unbounded mark took 2 GB under -Xmx256m).
      reader.mark(maxLineLength + 2);
      String first = reader.readLine();
      reader.reset();
      if (first == null || first.isBlank()) {
        issues.accept(fault(1, "The file is empty: the first line must name the columns."));
        return;
      }
      if (first.charAt(0) == '\uFEFF') {
        reader.skip(1);
      }
      delimiter = first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
    } catch (CharacterCodingException e) {
      issues.accept(fault(1, "The file is not valid UTF-8. Save it as UTF-8 and send it again."));
      return;
    } catch (IOException e) {
      issues.accept(readFault(e, 0));
      return;
    }
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .setTrim(true)
            .get();
    long lastLine = 1;
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = new ArrayList<>();
      for (String name : parser.getHeaderNames()) {
        header.add(name.trim().toUpperCase(Locale.ROOT));
      }
      if (!sink.header(header)) {
        return;
      }
      int width = header.size();
      Map<String, Integer> columnIndex = new HashMap<>();
      for (int i = 0; i < width; i++) {
        columnIndex.put(header.get(i), i); // a repeated name reads its last column
      }
      for (CSVRecord record : parser) {
        lastLine = parser.getCurrentLineNumber();
        long line = record.getRecordNumber() + 1;
        if (record.size() != width) {
          issues.accept(
              ValidationIssue.error(
                  RowRef.csvLine(line),
                  null,
                  null,
                  "FORMAT",
                  "This line has "
                      + record.size()
                      + " fields but the header has "
                      + width
                      + ". Check for a missing or extra "
                      + (delimiter == ';' ? "semicolon" : "comma")
                      + " or an unquoted one inside a value."));
          continue;
        }
        sink.row(new SourceRow(RowRef.csvLine(line), new RecordValues(columnIndex, record)));
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      issues.accept(readFault(e, lastLine));
    } catch (IOException e) {
      issues.accept(readFault(e, lastLine));
    }
  }

  /** The values of a record by column name, read through the header (no map built per row). */
  private static final class RecordValues extends AbstractMap<String, String> {

    private final Map<String, Integer> columnIndex;
    private final CSVRecord record;

    RecordValues(Map<String, Integer> columnIndex, CSVRecord record) {
      this.columnIndex = columnIndex;
      this.record = record;
    }

    @Override
    public String get(Object column) {
      Integer index = columnIndex.get(column);
      return index == null ? null : record.get(index);
    }

    @Override
    public boolean containsKey(Object column) {
      return columnIndex.containsKey(column);
    }

    @Override
    public int size() {
      return columnIndex.size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> values = new HashMap<>();
      columnIndex.forEach((column, index) -> values.put(column, record.get(index)));
      return Collections.unmodifiableMap(values).entrySet();
    }
  }

  private static ValidationIssue readFault(Exception e, long lastLine) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LineLengthLimitedReader.LineTooLongException tooLong) {
        return fault(
            tooLong.line,
            "Line "
                + tooLong.line
                + " is too long ("
                + t.getMessage()
                + "; coopstats.upload.max-line-length). Is this a CSV file with one observation"
                + " per line?");
      }
      if (t instanceof CharacterCodingException) {
        return fault(
            lastLine + 1,
            "The file is not valid UTF-8 after line "
                + lastLine
                + ". Save it as UTF-8 and send it again.");
      }
    }
    return fault(
        lastLine + 1,
        "The CSV cannot be read after line "
            + lastLine
            + " ("
            + e.getMessage()
            + "). Check for an unclosed quote.");
  }

  private static ValidationIssue fault(long line, String message) {
    return ValidationIssue.error(RowRef.csvLine(line), null, null, "FORMAT", message);
  }
}
