package org.coopstats.upload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an accepted upload did. */
@Schema(name = "UploadResult")
public record UploadResult(
    long datasetId,
    @Schema(description = "merge (default) or replace") String mode,
    @Schema(description = "Data rows read from the body") long rowsRead,
    @Schema(description = "Observations added") long inserted,
    @Schema(description = "Observations whose value or attributes were replaced") long updated,
    @Schema(description = "Observations removed (replace mode)") long deleted) {}
