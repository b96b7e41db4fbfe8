package org.coopstats.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.coopstats.common.ProblemException;

/** Fails with a 413 problem as soon as a body goes past its size limit. */
public class SizeLimitedInputStream extends FilterInputStream {

  private final long limit;
  private long read;

  public SizeLimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > limit) {
      throw tooLarge(limit);
    }
  }

  public static ProblemException tooLarge(long limit) {
    return ProblemException.payloadTooLarge(
        "The body is larger than the upload limit of "
            + limit
            + " bytes (coopstats.upload.max-bytes). Split the data into several uploads.");
  }
}
