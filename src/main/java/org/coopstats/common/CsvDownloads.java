package org.coopstats.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A JSON answer that is also offered as a CSV download: CSV when the client names text/csv before
 * any type JSON would do for.
 */
public final class CsvDownloads {

  /** Writes the CSV form of an answer. */
  @FunctionalInterface
  public interface CsvBody {
    void write(Writer writer) throws IOException;
  }

  private CsvDownloads() {}

  public static Response jsonOrCsv(HttpHeaders headers, Object json, CsvBody csv, String filename) {
    if (!wantsCsv(headers)) {
      return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }
    StreamingOutput body =
        output -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
          csv.write(writer);
          writer.flush();
        };
    return Response.ok(body, "text/csv; charset=UTF-8; header=present")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .build();
  }

  private static boolean wantsCsv(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }
}
