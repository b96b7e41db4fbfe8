package org.coopstats.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.coopstats.validation.ValidationIssue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an upload did, or (dry run) would do, with the warnings found. */
@Schema(name = "UploadResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(
    long datasetId,
    @Schema(description = "The stored submission (none for a dry run)") Long submissionId,
    @Schema(description = "merge (default) or replace") String mode,
    @Schema(description = "true: checked only, nothing stored") boolean dryRun,
    @Schema(description = "true: an earlier submission with this Idempotency-Key, replayed")
        boolean replayed,
    @Schema(description = "Data rows read from the body") long rowsRead,
    @Schema(description = "Observations added to the draft") long inserted,
    @Schema(description = "Draft observations whose value or attributes were replaced")
        long updated,
    @Schema(description = "Draft observations removed (replace mode)") long deleted,
    @Schema(description = "Errors found (dry run only: a real upload with errors is a 422)")
        int errorCount,
    @Schema(description = "Warnings found; they are kept with the submission") int warningCount,
    @Schema(description = "The issues, up to coopstats.upload.max-errors")
        List<ValidationIssue> issues) {}
