package org.coopstats.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.coopstats.common.ProblemException;

/**
 * The zip archive of a workbook, read with a bound on how many bytes its parts may inflate to.
 * POI's own guard is a compression ratio (100:1): a 61 MB workbook whose shared strings inflate to
 * 3.9 GB passes it and fills the heap. Here every part read counts against one total, derived from
 * {@code coopstats.upload.max-bytes}, checked against the sizes the zip declares before a part is
 * inflated and against the bytes actually inflated while it is read (a zip's sizes can lie). Parts
 * that POI reads whole into memory (relationships, content types, the workbook, styles, theme) each
 * have a smaller bound; only the sheet (streamed) and the shared strings (with their own budget)
 * may be larger.
 */
final class BoundedZipSource implements ZipEntrySource {

  /**
   * How many times the largest upload its parts may inflate to, in total. A sheet's XML inflates
   * about ten-fold; the largest legitimate workbook (coopstats.upload.max-rows rows) inflates to
   * well under this.
   */
  static final int INFLATE_FACTOR = 8;

  static final String TOTAL_SETTING = "coopstats.upload.max-bytes";
  static final String PART_SETTING = "coopstats.upload.xlsx-max-part-bytes";

  private final ZipFileZipEntrySource zip;
  private final long maxBytes;
  private final long totalLimit;
  private final long partLimit;
  private final Set<String> streamed = new HashSet<>();
  private long inflated;

  /** The first bound crossed; kept because POI may wrap what a stream throws. */
  private ProblemException exceeded;

  private BoundedZipSource(ZipFileZipEntrySource zip, UploadLimits limits) {
    this.zip = zip;
    this.maxBytes = limits.maxBytes();
    this.totalLimit = totalLimit(limits);
    this.partLimit = Math.min(limits.xlsxMaxPartBytes(), totalLimit);
  }

  static BoundedZipSource open(Path file, UploadLimits limits) throws IOException {
    return new BoundedZipSource(
        new ZipFileZipEntrySource(new ZipSecureFile(file.toFile())), limits);
  }

  static long totalLimit(UploadLimits limits) {
    long max = limits.maxBytes();
    return max > Long.MAX_VALUE / INFLATE_FACTOR ? Long.MAX_VALUE : max * INFLATE_FACTOR;
  }

  /** The parts that may be larger than a structural part: streamed or budgeted by the reader. */
  void allowLarge(String entryName) {
    streamed.add(entryName);
  }

  /**
   * Refuses, before any of them is inflated, parts whose declared sizes together with what has been
   * inflated so far exceed the total.
   */
  void requireRoomFor(Collection<ZipArchiveEntry> entries) {
    long sum = inflated;
    ZipArchiveEntry largest = null;
    for (ZipArchiveEntry entry : entries) {
      checkPart(entry, Math.max(entry.getSize(), 0), false);
      sum += Math.max(entry.getSize(), 0);
      if (largest == null || entry.getSize() > largest.getSize()) {
        largest = entry;
      }
    }
    if (sum > totalLimit) {
      throw fail(totalTooLarge(largest, largest.getSize(), false));
    }
  }

  /** The bound crossed, if any, however POI wrapped it. */
  ProblemException exceeded() {
    return exceeded;
  }

  @Override
  public Enumeration<? extends ZipArchiveEntry> getEntries() {
    return zip.getEntries();
  }

  @Override
  public ZipArchiveEntry getEntry(String path) {
    return zip.getEntry(path);
  }

  @Override
  public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
    return new Counting(zip.getInputStream(entry), entry);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  @Override
  public boolean isClosed() {
    return zip.isClosed();
  }

  private void checkPart(ZipArchiveEntry entry, long size, boolean whileReading) {
    if (!streamed.contains(entry.getName()) && size > partLimit) {
      throw fail(
          problem(
              "The workbook's part "
                  + entry.getName()
                  + (whileReading
                      ? " inflated past "
                          + partLimit
                          + " bytes while being read (its zip entry"
                          + " declared "
                          + entry.getSize()
                          + ")"
                      : " holds " + entry.getSize() + " bytes uncompressed")
                  + ", more than the "
                  + partLimit
                  + " bytes a workbook's structural part (styles, theme, relationships, workbook)"
                  + " may hold ("
                  + PART_SETTING
                  + "). Save the sheet in a new workbook, or send the data as CSV.",
              PART_SETTING,
              partLimit));
    }
  }

  private ProblemException totalTooLarge(ZipArchiveEntry part, long size, boolean whileReading) {
    return problem(
        "The workbook's parts inflate to more than "
            + totalLimit
            + " bytes, the most an Excel upload may inflate to ("
            + INFLATE_FACTOR
            + " × "
            + TOTAL_SETTING
            + " = "
            + INFLATE_FACTOR
            + " × "
            + maxBytes
            + "): "
            + (whileReading
                ? "its part "
                    + part.getName()
                    + " inflated past that while being read (its zip"
                    + " entry declared "
                    + part.getSize()
                    + " bytes)"
                : "its part " + part.getName() + " alone holds " + size + " bytes uncompressed")
            + ". It was refused before being read. Send the data as CSV, or split it into several"
            + " workbooks.",
        TOTAL_SETTING,
        totalLimit);
  }

  static ProblemException problem(String detail, String setting, long limit) {
    return new ProblemException(
        413,
        "payload-too-large",
        "Payload too large",
        detail,
        null,
        Map.of("setting", setting, "limit", limit));
  }

  private ProblemException fail(ProblemException problem) {
    if (exceeded == null) {
      exceeded = problem;
    }
    return exceeded;
  }

  /** Counts a part's inflated bytes, and checks its declared size before inflating any. */
  private final class Counting extends FilterInputStream {
    private final ZipArchiveEntry entry;
    private boolean checked;
    private long read;

    Counting(InputStream in, ZipArchiveEntry entry) {
      super(in);
      this.entry = entry;
    }

    @Override
    public int read() throws IOException {
      before();
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      before();
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // read, so that skipped bytes are inflated and counted too
      byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      return buffer.length == 0 ? 0 : Math.max(0, read(buffer, 0, buffer.length));
    }

    /** At the first read, not on opening: the reader marks the streamed parts after opening. */
    private void before() {
      if (exceeded != null) {
        throw exceeded;
      }
      if (!checked) {
        checked = true;
        long declared = Math.max(entry.getSize(), 0);
        checkPart(entry, declared, false);
        if (inflated + declared > totalLimit) {
          throw fail(totalTooLarge(entry, declared, false));
        }
      }
    }

    private void count(int n) {
      read += n;
      inflated += n;
      checkPart(entry, read, true);
      if (inflated > totalLimit) {
        throw fail(totalTooLarge(entry, read, true));
      }
    }
  }
}
