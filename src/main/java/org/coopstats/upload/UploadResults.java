package org.coopstats.upload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coopstats.common.ProblemException;
import org.coopstats.validation.ValidationIssue;

/** The answers an upload gives: its result (dry run, stored, replayed), its refusal, its audit. */
public final class UploadResults {

  private UploadResults() {}

  /** What a dry run found; nothing was stored. */
  static UploadResult dryRun(UploadCommand command, IssueCollector.Findings findings) {
    return new UploadResult(
        command.datasetId(),
        null,
        mode(command.mode()),
        true,
        false,
        findings.rowsRead(),
        0,
        0,
        0,
        findings.errors(),
        findings.warnings(),
        findings.shown());
  }

  /** What an accepted upload changed in the draft, before its submission is recorded. */
  static UploadResult stored(
      UploadCommand command, IssueCollector.Findings findings, DraftWriter.Change change) {
    return new UploadResult(
        command.datasetId(),
        null,
        mode(command.mode()),
        false,
        false,
        findings.rowsRead(),
        change.inserted(),
        change.updated(),
        change.deleted(),
        0,
        findings.warnings(),
        findings.shown());
  }

  /** The result once its submission is recorded under {@code submissionId}. */
  static UploadResult withSubmission(UploadResult result, long submissionId) {
    return new UploadResult(
        result.datasetId(),
        submissionId,
        result.mode(),
        result.dryRun(),
        result.replayed(),
        result.rowsRead(),
        result.inserted(),
        result.updated(),
        result.deleted(),
        result.errorCount(),
        result.warningCount(),
        result.issues());
  }

  /** A recorded submission's result, given again for a repeat of its Idempotency-Key. */
  static UploadResult replayed(
      SubmissionRepository.Submission submission, List<ValidationIssue> issues) {
    return new UploadResult(
        submission.datasetId(),
        submission.id(),
        submission.mode(),
        false,
        true,
        submission.rowsRead(),
        submission.inserted(),
        submission.updated(),
        submission.deleted(),
        0,
        submission.warningCount(),
        issues);
  }

  /** The refusal of a submission with errors: nothing of it is stored. */
  public static ProblemException rejected(IssueCollector.Findings findings) {
    int errors = findings.errors();
    int shown = findings.shown().size();
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("errorCount", errors);
    extensions.put("warningCount", findings.warnings());
    extensions.put("errorsShown", shown);
    extensions.put("rowsRead", findings.rowsRead());
    String detail =
        errors
            + (errors == 1 ? " error" : " errors")
            + " in the submission; nothing was stored. Fix "
            + (errors == 1 ? "it" : "them")
            + " and send the whole file again."
            + (errors + findings.warnings() > shown
                ? " Only the first " + shown + " issues are listed."
                : "");
    return new ProblemException(
        422, "validation-failed", "Submission rejected", detail, findings.shown(), extensions);
  }

  /** The audit log's account of a recorded submission. */
  static String auditDetail(UploadResult result) {
    return "submission "
        + result.submissionId()
        + ", "
        + result.mode()
        + ": "
        + result.rowsRead()
        + " rows, "
        + result.inserted()
        + " added, "
        + result.updated()
        + " updated, "
        + result.deleted()
        + " removed from the draft, "
        + result.warningCount()
        + " warnings";
  }

  /** A mode as results and the audit name it. */
  static String mode(UploadService.Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
