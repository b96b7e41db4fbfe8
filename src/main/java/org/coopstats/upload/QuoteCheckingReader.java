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
    char sep = separator;
    int s = state;
    boolean cr = lastWasCr;
    long ln = line;
    long record = recordLine;
    int kept = from; // where the next kept character goes: i until a blank has been dropped
    int i = from;
    while (i < to) {
      if (kept == i && s <= UNQUOTED) {
        // Outside quotes only line breaks and a quote opening a field matter: all of them are
        // characters up to '"', so most characters cost one comparison.
        int start = i;
        for (; i < to; i++) {
          char c = buffer[i];
          if (c > '"') {
            continue;
          }
          if (c == '\n') {
            if (!(i > start ? buffer[i - 1] == '\r' : cr)) {
              ln++;
            }
            record = ln;
          } else if (c == '\r') {
            ln++;
            record = ln;
          } else if (c == '"' && (i > start ? isBoundary(buffer[i - 1], sep) : s == FIELD_START)) {
            break; // opens a quoted field: followed one by one below
          }
        }
        if (i > start) {
          char last = buffer[i - 1];
          cr = last == '\r';
          s = isBoundary(last, sep) ? FIELD_START : UNQUOTED;
        }
        kept = i;
        if (i == to) {
          break;
        }
      } else if (kept == i && s == QUOTED) {
        // Inside quotes only the quote matters (and line breaks, to be counted).
        int start = i;
        for (; i < to; i++) {
          char c = buffer[i];
          if (c > '"') {
            continue;
          }
          if (c == '"') {
            break;
          } else if (c == '\n') {
            if (!(i > start ? buffer[i - 1] == '\r' : cr)) {
              ln++;
            }
          } else if (c == '\r') {
            ln++;
          }
        }
        if (i > start) {
          cr = buffer[i - 1] == '\r';
        }
        kept = i;
        if (i == to) {
          break;
        }
      }
      // One character at a time: quotes, and everything after a blank has been dropped.
      char c = buffer[i++];
      if (c == '\n' || c == '\r') {
        if (c == '\r' || !cr) {
          ln++;
        }
        cr = c == '\r';
        if (s != QUOTED) {
          s = FIELD_START;
          record = ln;
        }
      } else {
        cr = false;
        switch (s) {
          case FIELD_START -> s = c == '"' ? QUOTED : c == sep ? FIELD_START : UNQUOTED;
          case UNQUOTED -> {
            if (c == sep) {
              s = FIELD_START;
            }
          }
          case QUOTED -> {
            if (c == '"') {
              s = QUOTE_SEEN;
            }
          }
          default -> { // QUOTE_SEEN, AFTER_QUOTE
            if (c == sep) {
              s = FIELD_START;
            } else if (c == '"' && s == QUOTE_SEEN) {
              s = QUOTED; // a doubled quote inside the quotes
            } else if (Character.isWhitespace(c)) {
              s = AFTER_QUOTE;
              continue; // dropped
            } else {
              faultLine = record;
              fault =
                  "invalid character '"
                      + c
                      + "' after a closing quote on line "
                      + ln
                      + "; a quoted value ends at its closing quote";
              // Stop following: pass the rest on as it is.
              System.arraycopy(buffer, i - 1, buffer, kept, to - i + 1);
              return kept - from + to - i + 1;
            }
          }
        }
      }
      buffer[kept++] = c;
    }
    state = s;
    lastWasCr = cr;
    line = ln;
    recordLine = record;
    return kept - from;
  }

  private static boolean isBoundary(char c, char separator) {
    return c == separator || c == '\n' || c == '\r';
  }
}
