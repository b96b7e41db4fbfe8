package org.coopstats.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import org.coopstats.common.ProblemException;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.ValidationIssue;
import org.junit.jupiter.api.Test;

/** The results, refusal and audit text an upload gives, from what it found and changed. */
class UploadResultsTest {

  private static final ValidationIssue WARNING =
      ValidationIssue.of(
          RowRef.csvLine(3),
          "OBS_VALUE",
          "5",
          "R05",
          ValidationIssue.Severity.WARNING,
          "short",
          null,
          null,
          null,
          null);
  private static final ValidationIssue ERROR =
      ValidationIssue.error(RowRef.csvLine(2), "REF_AREA", "XX", "R01", "unknown");

  private static final UploadCommand REPLACE =
      UploadCommand.of(7, UploadService.Format.CSV, InputStream.nullInputStream())
          .withMode(UploadService.Mode.REPLACE);

  @Test
  void aDryRunCountsItsIssuesAndChangesNothing() {
    UploadResult result =
        UploadResults.dryRun(
            REPLACE, new IssueCollector.Findings(10, 1, 1, List.of(ERROR, WARNING)));
    assertThat(result.dryRun()).isTrue();
    assertThat(result.replayed()).isFalse();
    assertThat(result.submissionId()).isNull();
    assertThat(result.mode()).isEqualTo("replace");
    assertThat(result.rowsRead()).isEqualTo(10);
    assertThat(result.inserted() + result.updated() + result.deleted()).isZero();
    assertThat(result.errorCount()).isEqualTo(1);
    assertThat(result.warningCount()).isEqualTo(1);
    assertThat(result.issues()).containsExactly(ERROR, WARNING);
  }

  @Test
  void aStoredUploadNamesItsChangesAndThenItsSubmission() {
    UploadResult stored =
        UploadResults.stored(
            REPLACE,
            new IssueCollector.Findings(10, 0, 1, List.of(WARNING)),
            new DraftWriter.Change(6, 4, 3));
    assertThat(stored.submissionId()).isNull();
    assertThat(stored.dryRun()).isFalse();
    assertThat(List.of(stored.inserted(), stored.updated(), stored.deleted()))
        .containsExactly(6L, 4L, 3L);
    UploadResult recorded = UploadResults.withSubmission(stored, 42);
    assertThat(recorded.submissionId()).isEqualTo(42L);
    assertThat(recorded)
        .usingRecursiveComparison()
        .ignoringFields("submissionId")
        .isEqualTo(stored);
    assertThat(UploadResults.auditDetail(recorded))
        .isEqualTo(
            "submission 42, replace: 10 rows, 6 added, 4 updated, 3 removed from the draft,"
                + " 1 warnings");
  }

  @Test
  void aReplayGivesTheRecordedSubmissionAgain() {
    SubmissionRepository.Submission submission =
        new SubmissionRepository.Submission(
            42,
            7,
            OffsetDateTime.parse("2024-01-01T00:00Z"),
            "alice",
            "CSV",
            "merge",
            10,
            6,
            4,
            0,
            1,
            "k1");
    UploadResult replayed = UploadResults.replayed(submission, List.of(WARNING));
    assertThat(replayed.replayed()).isTrue();
    assertThat(replayed.submissionId()).isEqualTo(42L);
    assertThat(replayed.mode()).isEqualTo("merge");
    assertThat(replayed.rowsRead()).isEqualTo(10);
    assertThat(replayed.warningCount()).isEqualTo(1);
    assertThat(replayed.issues()).containsExactly(WARNING);
  }

  @Test
  void aRefusalCountsTheErrorsAndSaysWhenNotAllAreListed() {
    ProblemException one =
        UploadResults.rejected(new IssueCollector.Findings(5, 1, 0, List.of(ERROR)));
    assertThat(one.status()).isEqualTo(422);
    assertThat(one.slug()).isEqualTo("validation-failed");
    assertThat(one.getMessage())
        .isEqualTo(
            "1 error in the submission; nothing was stored. Fix it and send the whole file again.");
    assertThat(one.extensions())
        .containsEntry("errorCount", 1)
        .containsEntry("warningCount", 0)
        .containsEntry("errorsShown", 1)
        .containsEntry("rowsRead", 5L);

    ProblemException capped =
        UploadResults.rejected(new IssueCollector.Findings(5, 3, 1, List.of(ERROR, ERROR)));
    assertThat(capped.getMessage())
        .startsWith("3 errors in the submission; nothing was stored. Fix them")
        .endsWith(" Only the first 2 issues are listed.");
    assertThat(capped.errors()).hasSize(2);
  }
}
