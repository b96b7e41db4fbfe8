package org.coopstats.upload;

import java.io.InputStream;

/**
 * One upload as asked for: into which dataset, the body and its format, merged into the draft or
 * replacing it, whether only checked (a dry run), the Idempotency-Key that makes a repeat safe, and
 * who watches its progress. Made with {@link #of} and the {@code with…} steps.
 *
 * @param declaredLength the body's length as the request declared it; -1 when unknown
 * @param idempotencyKey null for none
 */
public record UploadCommand(
    long datasetId,
    UploadService.Format format,
    UploadService.Mode mode,
    InputStream body,
    long declaredLength,
    boolean dryRun,
    String idempotencyKey,
    UploadProgress progress) {

  /** An upload merged into the draft, of a body of unknown length, with no key, unwatched. */
  public static UploadCommand of(long datasetId, UploadService.Format format, InputStream body) {
    return new UploadCommand(
        datasetId, format, UploadService.Mode.MERGE, body, -1, false, null, UploadProgress.NONE);
  }

  public UploadCommand withMode(UploadService.Mode mode) {
    return new UploadCommand(
        datasetId, format, mode, body, declaredLength, dryRun, idempotencyKey, progress);
  }

  /** The body to read, and its length if known (-1 if not). */
  public UploadCommand withBody(InputStream body, long declaredLength) {
    return new UploadCommand(
        datasetId, format, mode, body, declaredLength, dryRun, idempotencyKey, progress);
  }

  public UploadCommand withDryRun(boolean dryRun) {
    return new UploadCommand(
        datasetId, format, mode, body, declaredLength, dryRun, idempotencyKey, progress);
  }

  public UploadCommand withIdempotencyKey(String idempotencyKey) {
    return new UploadCommand(
        datasetId, format, mode, body, declaredLength, dryRun, idempotencyKey, progress);
  }

  public UploadCommand withProgress(UploadProgress progress) {
    return new UploadCommand(
        datasetId, format, mode, body, declaredLength, dryRun, idempotencyKey, progress);
  }

  boolean replaces() {
    return mode == UploadService.Mode.REPLACE;
  }
}
