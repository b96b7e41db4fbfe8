package org.coopstats.upload;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import org.coopstats.common.Text;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Reads a CSV submission: UTF-8 with or without a byte-order mark, a header line naming the
 * columns, comma or semicolon separated (told apart on the header), RFC 4180 quoting.
 *
 * <p>Parsed with FastCSV (the whole read ~1.7x as fast as with commons-csv, used before), read as
 * commons-csv read it: values trimmed, blank lines skipped, blanks after a closing quote ignored,
 * and an unclosed quote or other characters after a closing quote refused (see
 * QuoteCheckingReader). A row's line is its record's number, the header being 1.
 */
public class CsvRowSource implements RowSource {

  /** What the decoder puts where the bytes are not UTF-8. */
  static final char NOT_UTF8 = '\uDFFF';

  private final BufferedReader reader;
  private final int maxLineLength;

  public CsvRowSource(InputStream input, int maxLineLength) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            // Bytes that are not UTF-8 become a lone surrogate, which no valid UTF-8 decodes to:
            // the field holding it is then refused with its line and column (reporting the
            // decoder's error named the line being read ahead, not the faulty one).
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(String.valueOf(NOT_UTF8));
    this.reader =
        new BufferedReader(
            new LineLengthLimitedReader(new InputStreamReader(input, decoder), maxLineLength),
            1 << 16);
    this.maxLineLength = maxLineLength;
  }

  @Override
  public void read(Sink sink, Consumer<ValidationIssue> issues) {
    char delimiter = delimiter(issues);
    if (delimiter == 0) {
      return;
    }
    QuoteCheckingReader quotes = new QuoteCheckingReader(reader, delimiter);
    Fields fields = new Fields();
    try (CsvReader<String[]> csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .skipEmptyLines(true)
            // A record of the wrong width is reported below, row by row.
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .allowUnclosedQuote(false)
            .build(fields, quotes)) {
      CloseableIterator<String[]> records = csv.iterator();
      List<String> header = header(records, quotes, fields, issues);
      if (header != null && sink.header(header)) {
        rows(records, header, delimiter, quotes, fields, sink, issues);
      }
    } catch (UncheckedIOException | CsvParseException e) {
      // A fault QuoteCheckingReader saw lies before anything the parser met further on.
      issues.accept(
          quotes.faultLine() != 0
              ? quoteFault(quotes)
              : readFault(e, Math.max(1, fields.startingLine - 1)));
    } catch (IOException e) {
      issues.accept(readFault(e, Math.max(1, fields.startingLine - 1)));
    }
  }

  /**
   * The separator, told apart on the first line, which is left to be read again (but for a byte
   * order mark); 0 when the file is empty or cannot be read (reported).
   */
  private char delimiter(Consumer<ValidationIssue> issues) {
    try {
      // BufferedReader allocates the whole read-ahead limit once a line outgrows its buffer:
      // bound it by the longest line allowed (an unbounded mark took 2 GB under -Xmx256m).
      reader.mark(maxLineLength + 2);
      String first = reader.readLine();
      reader.reset();
      if (first == null || first.isBlank()) {
        issues.accept(fault(1, "The file is empty: the first line must name the columns."));
        return 0;
      }
      if (first.charAt(0) == '\uFEFF') {
        reader.read(); // the byte order mark, in the buffer since the reset
      }
      return first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
    } catch (CharacterCodingException e) {
      issues.accept(fault(1, "The file is not valid UTF-8. Save it as UTF-8 and send it again."));
      return 0;
    } catch (IOException e) {
      issues.accept(readFault(e, 0));
      return 0;
    }
  }

  /**
   * The column names of the first record, upper case and interned (as the catalog's are: equal
   * names compare by identity); null when the header is faulty (reported).
   */
  private static List<String> header(
      CloseableIterator<String[]> records,
      QuoteCheckingReader quotes,
      Fields fields,
      Consumer<ValidationIssue> issues) {
    String[] names = records.hasNext() ? records.next() : new String[0];
    if (quotes.faultLine() != 0 && fields.startingLine >= quotes.faultLine()) {
      issues.accept(quoteFault(quotes));
      return null;
    }
    List<String> header = new ArrayList<>(names.length);
    for (String name : names) {
      header.add(name.toUpperCase(Locale.ROOT).intern());
    }
    if (fields.refusedField >= 0) {
      issues.accept(refusedText(1, "the header", fields.refusedField + 1, null, fields));
      return null;
    }
    return namesEachOnce(header, issues) ? header : null;
  }

  /**
   * Whether the header names each column once: a column named twice would be read from one of its
   * fields and the other ignored (each repeat reported).
   */
  private static boolean namesEachOnce(List<String> header, Consumer<ValidationIssue> issues) {
    Map<String, Integer> first = new HashMap<>();
    boolean once = true;
    for (int i = 0; i < header.size(); i++) {
      Integer before = first.putIfAbsent(header.get(i), i);
      if (before != null) {
        once = false;
        issues.accept(
            ValidationIssue.error(
                RowRef.csvLine(1),
                header.get(i),
                null,
                "FORMAT",
                "Column "
                    + header.get(i)
                    + " is named twice in the header (fields "
                    + (before + 1)
                    + " and "
                    + (i + 1)
                    + "): give each column once."));
      }
    }
    return once;
  }

  /**
   * Hands every record after the header to {@code sink}, but for those of the wrong width or
   * holding refused text (reported); stops at broken quoting. A row's line is its record's number
   * counting the header as 1, as commons-csv numbered them: blank lines and line breaks inside
   * quotes are not counted.
   */
  private static void rows(
      CloseableIterator<String[]> records,
      List<String> header,
      char delimiter,
      QuoteCheckingReader quotes,
      Fields fields,
      Sink sink,
      Consumer<ValidationIssue> issues) {
    Columns columns = new Columns(header);
    int width = header.size();
    long line = 1;
    while (records.hasNext()) {
      String[] record = records.next();
      if (quotes.faultLine() != 0 && fields.startingLine >= quotes.faultLine()) {
        issues.accept(quoteFault(quotes));
        return;
      }
      line++;
      if (record.length != width) {
        issues.accept(wrongWidth(line, record.length, width, delimiter));
      } else if (fields.refusedField >= 0) {
        issues.accept(
            refusedText(
                line, header.get(fields.refusedField), 0, record[fields.refusedField], fields));
      } else {
        sink.row(new SourceRow(RowRef.csvLine(line), new RecordValues(columns, record)));
      }
    }
    if (quotes.faultLine() != 0) {
      issues.accept(quoteFault(quotes));
    }
  }

  private static ValidationIssue wrongWidth(long line, int fieldCount, int width, char delimiter) {
    return ValidationIssue.error(
        RowRef.csvLine(line),
        null,
        null,
        "FORMAT",
        "This line has "
            + fieldCount
            + " fields but the header has "
            + width
            + ". Check for a missing or extra "
            + (delimiter == ';' ? "semicolon" : "comma")
            + " or an unquoted one inside a value.");
  }

  /**
   * Collects a record's fields as trimmed strings (commons-csv's {@code setTrim}: characters up to
   * U+0020 off both ends, quoted or not). It sets no limit of its own on their number or size:
   * LineLengthLimitedReader bounds a line, FastCSV's buffer (16 M characters) a value spanning
   * lines.
   */
  private static final class Fields extends CsvCallbackHandler<String[]> {

    private static final String[] NONE = new String[0];

    private static final int REMEMBERED_COLUMNS = 64;
    private static final int REMEMBERED_PER_COLUMN = 64; // a power of two

    private String[] fields = new String[32];
    private int count;
    private boolean empty;
    private final String[][] remembered = new String[REMEMBERED_COLUMNS][];
    private final String[] previousRow = new String[REMEMBERED_COLUMNS];

    /** The physical line on which the record being read starts (1 for the first). */
    long startingLine;

    /** The first field of the record holding a NUL (PostgreSQL cannot store it), or -1. */
    int refusedField = -1;

    /** Where in that field, from 0. */
    int refusedAt;

    /** Whether that is a NUL (else bytes that are not UTF-8). */
    boolean refusedNul;

    @Override
    protected RecordType getRecordType() {
      return empty ? RecordType.EMPTY : RecordType.DATA;
    }

    @Override
    protected int getFieldCount() {
      return count;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
      startingLine = startingLineNumber;
      refusedField = -1;
      count = 0;
      empty = false;
    }

    @Override
    protected void addField(char[] buffer, int offset, int length, boolean quoted) {
      int begin = offset;
      int end = offset + length;
      while (begin < end && buffer[begin] <= ' ') {
        begin++;
      }
      while (end > begin && buffer[end - 1] <= ' ') {
        end--;
      }
      if (refusedField < 0) {
        for (int i = begin; i < end; i++) {
          if (buffer[i] == 0 || buffer[i] == NOT_UTF8) {
            refusedField = count;
            refusedAt = i - begin;
            refusedNul = buffer[i] == 0;
            break;
          }
        }
      }
      if (count == fields.length) {
        fields = Arrays.copyOf(fields, count * 2);
      }
      fields[count] = begin == end ? "" : text(count, buffer, begin, end - begin);
      count++;
    }

    /**
     * The text of a field, as the String last read in its column with the same characters where
     * there is one: a column of codes, periods or units repeats a few values over millions of rows,
     * and a String read again costs no allocation and keeps its hash code for the look-ups.
     */
    private String text(int column, char[] buffer, int begin, int length) {
      if (column >= REMEMBERED_COLUMNS) {
        return new String(buffer, begin, length);
      }
      String previous = previousRow[column];
      if (previous != null && sameText(previous, buffer, begin, length)) {
        return previous; // rows sorted by key repeat most values of the row before
      }
      int hash = 0;
      for (int i = begin; i < begin + length; i++) {
        hash = 31 * hash + buffer[i]; // String.hashCode's, so that it can be compared with it
      }
      String[] seen = remembered[column];
      if (seen == null) {
        seen = remembered[column] = new String[REMEMBERED_PER_COLUMN];
      }
      int slot = (hash ^ (hash >>> 16)) & (REMEMBERED_PER_COLUMN - 1);
      String text = seen[slot];
      if (text != null && text.hashCode() == hash && sameText(text, buffer, begin, length)) {
        previousRow[column] = text;
        return text;
      }
      text = new String(buffer, begin, length);
      seen[slot] = text;
      previousRow[column] = text;
      return text;
    }

    private static boolean sameText(String text, char[] buffer, int begin, int length) {
      if (text.length() != length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (text.charAt(i) != buffer[begin + i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    protected void setComment(char[] buffer, int offset, int length) {
      throw new IllegalStateException("comments are not enabled");
    }

    @Override
    protected void setEmpty() {
      empty = true;
    }

    @Override
    protected String[] buildRecord() {
      return empty ? NONE : Arrays.copyOf(fields, count);
    }
  }

  /** The header's columns: where each name is read (a repeated name reads its last column). */
  private static final class Columns {
    final Map<String, Integer> index = new HashMap<>();
    final String[] names; // each name once, in header order
    final int[] fields; // the field each of names is read from

    Columns(List<String> header) {
      for (int i = 0; i < header.size(); i++) {
        index.put(header.get(i), i);
      }
      names = new String[index.size()];
      fields = new int[index.size()];
      int n = 0;
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i);
        if (index.get(name) == i) {
          names[n] = name;
          fields[n++] = i;
        }
      }
    }

    // The fields of the names asked before, by the name's String (open addressing, compared by
    // identity): the checks ask for the same interned names on every row, and a hit costs no
    // hashing of the name or boxed Integer. Names beyond half the table go to the map each time.
    private static final int ASKED_SLOTS = 64; // a power of two
    private final String[] askedNames = new String[ASKED_SLOTS];
    private final int[] askedFields = new int[ASKED_SLOTS];
    private int askedCount;

    /** The field a column is read from, or -1 if the header has no such column. */
    int field(Object column) {
      if (!(column instanceof String name)) {
        return -1;
      }
      int slot = name.hashCode() & (ASKED_SLOTS - 1);
      for (String asked;
          (asked = askedNames[slot]) != null;
          slot = (slot + 1) & (ASKED_SLOTS - 1)) {
        if (asked == name) {
          return askedFields[slot];
        }
      }
      Integer found = index.get(name);
      int field = found == null ? -1 : found;
      if (askedCount < ASKED_SLOTS / 2) {
        askedNames[slot] = name;
        askedFields[slot] = field;
        askedCount++;
      }
      return field;
    }
  }

  /** The values of a record by column name, read through the header (no map built per row). */
  private static final class RecordValues extends AbstractMap<String, String> {

    private final Columns columns;
    private final String[] record;

    RecordValues(Columns columns, String[] record) {
      this.columns = columns;
      this.record = record;
    }

    @Override
    public String get(Object column) {
      int field = columns.field(column);
      return field < 0 ? null : record[field];
    }

    @Override
    public boolean containsKey(Object column) {
      return columns.field(column) >= 0;
    }

    @Override
    public int size() {
      return columns.names.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < columns.names.length;
            }

            @Override
            public Entry<String, String> next() {
              if (next >= columns.names.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new SimpleImmutableEntry<>(columns.names[i], record[columns.fields[i]]);
            }
          };
        }

        @Override
        public int size() {
          return columns.names.length;
        }
      };
    }
  }

  /**
   * A NUL (PostgreSQL's text types cannot hold it) or bytes that are not UTF-8 in a field: refused
   * with its line and column, never passed on.
   */
  private static ValidationIssue refusedText(
      long line, String column, int fieldNumber, String value, Fields fields) {
    String where = fieldNumber > 0 ? column + ", field " + fieldNumber : column;
    return ValidationIssue.error(
        RowRef.csvLine(line),
        fieldNumber > 0 ? null : column,
        value == null ? null : Text.printable(value),
        "FORMAT",
        "Line "
            + line
            + ", "
            + where
            + (fields.refusedNul
                ? ": holds a NUL character (U+0000) at character "
                    + (fields.refusedAt + 1)
                    + ", which no value can contain. Remove it (is this a text file?)."
                : ": is not valid UTF-8 at character "
                    + (fields.refusedAt + 1)
                    + ". Save the file as UTF-8 and send it again."));
  }

  private static ValidationIssue quoteFault(QuoteCheckingReader quotes) {
    return readFault(quotes.fault(), Math.max(1, quotes.faultLine() - 1));
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
    // FastCSV wraps the parser's own words in "Exception when reading record ...": give those.
    String detail = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        detail = t.getMessage();
      }
    }
    return readFault(detail, lastLine);
  }

  private static ValidationIssue readFault(String detail, long lastLine) {
    return fault(
        lastLine + 1,
        "The CSV cannot be read after line "
            + lastLine
            + " ("
            + detail
            + "). Check for an unclosed quote.");
  }

  private static ValidationIssue fault(long line, String message) {
    return ValidationIssue.error(RowRef.csvLine(line), null, null, "FORMAT", message);
  }
}
