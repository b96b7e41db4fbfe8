package org.coopstats.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A submission's body opened as rows of its format. A workbook is a zip archive, read from its end:
 * it is spooled to a temporary file first, deleted when this closes.
 */
public final class OpenedSource implements AutoCloseable {

  private final RowSource rows;
  private final Path spooled;

  private OpenedSource(RowSource rows, Path spooled) {
    this.rows = rows;
    this.spooled = spooled;
  }

  /** A body of a file format (CSV, JSON, Excel), with the upload limits; for other uploads. */
  public static OpenedSource open(
      UploadService.Format format, InputStream body, UploadLimits limits) {
    if (format == UploadService.Format.TABULATION) {
      throw new IllegalArgumentException("Generated rows have no body to read");
    }
    return open(format, body, limits, null, null);
  }

  static OpenedSource open(
      UploadCommand command, InputStream body, UploadLimits limits, GeneratedRows generated) {
    return open(command.format(), body, limits, generated, command);
  }

  private static OpenedSource open(
      UploadService.Format format,
      InputStream body,
      UploadLimits limits,
      GeneratedRows generated,
      UploadCommand command) {
    return switch (format) {
      case CSV -> new OpenedSource(new CsvRowSource(body, limits.maxLineLength()), null);
      case JSON -> new OpenedSource(new JsonRowSource(body), null);
      case XLSX -> {
        Path file = UploadService.spool(body);
        yield new OpenedSource(new XlsxRowSource(file, limits), file);
      }
      case TABULATION ->
          new OpenedSource(generated.open(command.datasetId(), body, command.progress()), null);
    };
  }

  public RowSource rows() {
    return rows;
  }

  @Override
  public void close() {
    if (spooled != null) {
      try {
        Files.deleteIfExists(spooled);
      } catch (IOException e) {
        // a temporary file left behind is removed with the temporary directory
      }
    }
  }
}
