package org.coopstats.upload;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading a text whose line grows past a limit, so that a file without line breaks (a binary,
 * a 50 MB single line) is refused before it is held in memory.
 */
class LineLengthLimitedReader extends FilterReader {

  /** Thrown when a line is longer than the limit. */
  static final class LineTooLongException extends IOException {
    final long line;

    LineTooLongException(long line, int limit) {
      super("line " + line + " is longer than " + limit + " characters");
      this.line = line;
    }
  }

  private final int limit;
  private int length;
  private long line = 1;

  LineLengthLimitedReader(Reader in, int limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      count((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      count(buffer[offset + i]);
    }
    return n;
  }

  private void count(char c) throws LineTooLongException {
    if (c == '\n') {
      line++;
      length = 0;
    } else if (++length > limit) {
      throw new LineTooLongException(line, limit);
    }
  }
}
