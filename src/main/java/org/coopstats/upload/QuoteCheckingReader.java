package org.coopstats.upload;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows the RFC 4180 quoting of a CSV text on its way to FastCSV, to read quotes as commons-csv
 * read them. Blanks between a closing quote and the next separator or line break are dropped (they
 * are no part of the value; FastCSV's strict parser would refuse them). The first record whose
 * quoting is broken is remembered: a quote still open at the end of the text, or anything else
 * after a closing quote. {@link CsvRowSource} reports that fault when the parser reaches the record
 * it names, so that the records before it are read as before.
 */
final class QuoteCheckingReader extends FilterReader {

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3; // in a quoted field: its closing quote or half of ""
  private static final int AFTER_QUOTE = 4; // blanks after a closing quote

  // What following one character did to it (step).
  private static final int KEPT = 0;
  private static final int DROPPED = 1; // a blank after a closing quote
  private static final int BROKEN = 2; // the fault is recorded; follow no further

  private final char separator;
  private int state = FIELD_START;
  private boolean lastWasCr;
  private long line = 1;
  private long recordLine = 1;
  private long faultLine;
  private String fault;

  QuoteCheckingReader(Reader in, char separator) {
    super(in);
    this.separator = separator;
  }

  /** The line on which the first record with broken quoting starts; 0 while there is none. */
  long faultLine() {
    return faultLine;
  }

  /** What is wrong with the quoting on {@link #faultLine()}. */
  String fault() {
    return fault;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    return read(one, 0, 1) < 0 ? -1 : one[0];
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    while (true) {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        if (faultLine == 0 && state == QUOTED) {
          faultLine = recordLine;
          fault = "a quote opened in the record on line " + recordLine + " is not closed";
        }
        return n;
      }
      if (n == 0 || faultLine != 0) {
        return n;
      }
      int kept = follow(buffer, offset, offset + n);
      if (kept > 0) {
        return kept;
      }
    }
  }

  @Override
  public long skip(long n) throws IOException {
    char[] skipped = new char[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int read = read(skipped, 0, (int) Math.min(left, skipped.length));
      if (read < 0) {
        break;
      }
      left -= read;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false; // a reset would replay characters already followed
  }

  @Override
  public void mark(int readAheadLimit) throws IOException {
    throw new IOException("mark() not supported");
  }

  @Override
  public void reset() throws IOException {
    throw new IOException("reset() not supported");
  }

  /**
   * Follows {@code buffer[from, to)}, dropping the blanks after closing quotes; returns how many
   * characters are kept (moved to the front). Line breaks are counted as FastCSV counts them (CR,
   * LF or CRLF), so that a record's first line here is the one FastCSV gives it.
   */
  private int follow(char[] buffer, int from, int to) {
    int kept = from; // where the next kept character goes: i until a blank has been dropped
    int i = from;
    while (i < to) {
      if (kept == i && state <= UNQUOTED) {
        i = kept = runOutsideQuotes(buffer, i, to);
      } else if (kept == i && state == QUOTED) {
        i = kept = runInsideQuotes(buffer, i, to);
      }
      if (i == to) {
        break;
      }
      // One character at a time: quotes, and everything after a blank has been dropped.
      char c = buffer[i++];
      int fate = step(c);
      if (fate == DROPPED) {
        continue;
      }
      if (fate == BROKEN) {
        // Stop following: pass the rest on as it is.
        System.arraycopy(buffer, i - 1, buffer, kept, to - i + 1);
        return kept - from + to - i + 1;
      }
      buffer[kept++] = c;
    }
    return kept - from;
  }

  /**
   * Runs over characters outside quotes up to a quote that opens a field (or {@code to}); returns
   * where it stopped. Only line breaks and such a quote matter there, all of them characters up to
   * '"', so most characters cost one comparison.
   */
  private int runOutsideQuotes(char[] buffer, int from, int to) {
    char sep = separator;
    long ln = line;
    long record = recordLine;
    int i = from;
    for (; i < to; i++) {
      char c = buffer[i];
      if (c > '"') {
        continue;
      }
      if (c == '\n') {
        if (!(i > from ? buffer[i - 1] == '\r' : lastWasCr)) {
          ln++;
        }
        record = ln;
      } else if (c == '\r') {
        ln++;
        record = ln;
      } else if (c == '"' && (i > from ? isBoundary(buffer[i - 1], sep) : state == FIELD_START)) {
        break; // opens a quoted field: followed one by one
      }
    }
    if (i > from) {
      char last = buffer[i - 1];
      lastWasCr = last == '\r';
      state = isBoundary(last, sep) ? FIELD_START : UNQUOTED;
    }
    line = ln;
    recordLine = record;
    return i;
  }

  /**
   * Runs over characters inside quotes up to the next quote (or {@code to}); returns where it
   * stopped. Only the quote matters there, and line breaks, to be counted.
   */
  private int runInsideQuotes(char[] buffer, int from, int to) {
    long ln = line;
    int i = from;
    for (; i < to; i++) {
      char c = buffer[i];
      if (c > '"') {
        continue;
      }
      if (c == '"') {
        break;
      } else if (c == '\n') {
        if (!(i > from ? buffer[i - 1] == '\r' : lastWasCr)) {
          ln++;
        }
      } else if (c == '\r') {
        ln++;
      }
    }
    if (i > from) {
      lastWasCr = buffer[i - 1] == '\r';
    }
    line = ln;
    return i;
  }

  /** Follows one character: a line break, or a character of the field being read. */
  private int step(char c) {
    if (c == '\n' || c == '\r') {
      if (c == '\r' || !lastWasCr) {
        line++;
      }
      lastWasCr = c == '\r';
      if (state != QUOTED) {
        state = FIELD_START;
        recordLine = line;
      }
      return KEPT;
    }
    lastWasCr = false;
    switch (state) {
      case FIELD_START -> state = c == '"' ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
      case UNQUOTED -> {
        if (c == separator) {
          state = FIELD_START;
        }
      }
      case QUOTED -> {
        if (c == '"') {
          state = QUOTE_SEEN;
        }
      }
      default -> { // QUOTE_SEEN, AFTER_QUOTE
        return afterQuote(c);
      }
    }
    return KEPT;
  }

  /** A character after a quote in a quoted field: its closing quote or half of "". */
  private int afterQuote(char c) {
    if (c == separator) {
      state = FIELD_START;
    } else if (c == '"' && state == QUOTE_SEEN) {
      state = QUOTED; // a doubled quote inside the quotes
    } else if (Character.isWhitespace(c)) {
      state = AFTER_QUOTE;
      return DROPPED;
    } else {
      faultLine = recordLine;
      fault =
          "invalid character '"
              + c
              + "' after a closing quote on line "
              + line
              + "; a quoted value ends at its closing quote";
      return BROKEN;
    }
    return KEPT;
  }

  private static boolean isBoundary(char c, char separator) {
    return c == separator || c == '\n' || c == '\r';
  }
}
