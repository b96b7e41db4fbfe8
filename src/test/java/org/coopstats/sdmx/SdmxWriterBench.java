package org.coopstats.sdmx;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.DataStructure;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;
import org.coopstats.sdmx.SdmxFormats.DataFormat;
import org.coopstats.support.TestStructure;

/**
 * The CPU a data message writer spends per observation, without the database: N rows at hand
 * (series of 20 years, every attribute set) written in each format to a counting sink, several
 * rounds, the best round's CPU time per observation printed. Not a test: run its main (see
 * bench/sdmx-export-bench.sh), e.g. {@code java -cp ... org.coopstats.sdmx.SdmxWriterBench 200000 7
 * genericdata,csv}.
 */
public final class SdmxWriterBench {

  /** CPU time of the writing thread: on a busy machine, wall time would count the waits too. */
  private static final java.lang.management.ThreadMXBean THREAD =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private SdmxWriterBench() {}

  /**
   * Like the server's output stream (Quarkus's VertxOutputStream): a byte written alone becomes a
   * one-byte array written (its write(int) allocates one), and what is written is copied into a
   * buffer sent on when full; here only counted.
   */
  private static final class Counting extends OutputStream {
    private final byte[] buffer = new byte[8_192];
    private int used;
    long bytes;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        int n = Math.min(len, buffer.length - used);
        System.arraycopy(b, off, buffer, used, n);
        used += n;
        off += n;
        len -= n;
        bytes += n;
        if (used == buffer.length) {
          used = 0;
        }
      }
    }
  }

  /**
   * Series of 20 yearly values; a series' key: one of 10 areas and, in the last dimension, a
   * made-up code per ten series (the writers do not look codes up but for SDMX-JSON's labels).
   */
  static List<ObservationRow> rows(DataStructure structure, int count) {
    List<String> attributeIds = structure.attributes().stream().map(AttributeDef::id).toList();
    int width = structure.seriesDimensions().size();
    OffsetDateTime from = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    String[] areas = {"CAN", "KOR", "TZA", "ITA", "CRI", "TUR", "FRA", "DEU", "BRA", "IND"};
    List<String> usual = Arrays.asList("A", "F", "NUMBER", "0", null);
    // a comment with what XML must escape, and what it need not
    List<String> commented = Arrays.asList("E", "F", "NUMBER", "3", "a<b & \"c\" > 'd'\n\té€😀");
    List<ObservationRow> rows = new ArrayList<>(count);
    List<String> key = null;
    for (int i = 0; i < count; i++) {
      int series = i / 20;
      if (i % 20 == 0) {
        String[] codes = new String[width];
        Arrays.fill(codes, "_T");
        codes[0] = areas[series % areas.length];
        codes[1] = "COOPS";
        codes[width - 1] = "W" + series / areas.length;
        key = List.of(codes);
      }
      rows.add(
          new ObservationRow(
              1L,
              "P1",
              key,
              Integer.toString(2005 + i % 20),
              BigDecimal.valueOf(1000L + i, 1),
              attributeIds,
              (i % 7 == 3 ? commented : usual).subList(0, attributeIds.size()),
              from,
              null,
              null));
    }
    return rows;
  }

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    List<String> formats =
        args.length > 2
            ? List.of(args[2].split(","))
            : List.of("genericdata", "structurespecificdata", "jsondata", "csv");
    String dump = args.length > 3 ? args[3] : null;
    Map<String, List<String>> parameters = new java.util.HashMap<>();
    if (args.length > 4) {
      for (String pair : args[4].split("&")) {
        String[] nameValue = pair.split("=", 2);
        parameters.put(nameValue[0], List.of(nameValue[1]));
      }
    }
    DataStructure structure = TestStructure.coopStats();
    List<ObservationRow> rows = rows(structure, count);
    SdmxDataRequest request =
        SdmxDataRequest.parse(
            structure, "COOP_STATS", "all", "all", parameters, OffsetDateTime.now());
    for (String format : formats) {
      DataFormat dataFormat = SdmxFormats.dataFormat(format, List::of);
      long best = Long.MAX_VALUE;
      long bytes = 0;
      for (int round = 0; round < rounds; round++) {
        Counting out = new Counting();
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        ObservationRows source = ObservationRows.of(rows);
        long start = THREAD.getCurrentThreadCpuTime();
        SdmxService.writeData(
            new SdmxService.DataAnswer(structure, request, dataFormat, OffsetDateTime.now(), null),
            new SdmxDataSets(source, request),
            "http://localhost/",
            dump == null ? out : kept);
        best = Math.min(best, THREAD.getCurrentThreadCpuTime() - start);
        bytes = dump == null ? out.bytes : kept.size();
        if (dump != null && round == rounds - 1) {
          java.nio.file.Files.write(java.nio.file.Path.of(dump + "." + format), kept.toByteArray());
        }
      }
      System.out.printf(
          "%-22s %,d obs  best round %,.1f ms CPU  %,.0f ns/obs  %,d bytes%n",
          format, count, best / 1e6, (double) best / count, bytes);
    }
  }
}
