package org.coopstats.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.coopstats.validation.ValidationIssue;

/** What an upload did, or (dry run) would do, with the warnings found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(
    long datasetId,
    Long submissionId,
    String mode,
    boolean dryRun,
    boolean replayed,
    long rowsRead,
    long inserted,
    long updated,
    long deleted,
    int errorCount,
    int warningCount,
    List<ValidationIssue> issues) {}
