package org.coopstats.upload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.coopstats.audit.AuditService;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.ProblemException;
import org.coopstats.consistency.CrossRowChecks;
import org.coopstats.consistency.SubmissionRows;
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetRepository;
import org.coopstats.observation.ObservationStaging;
import org.coopstats.security.Access;
import org.coopstats.security.Role;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.ObservationValidator;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Takes a submission into a dataset's draft: reads it row by row, checks every row, and stores all
 * of it or, on any error, nothing. Published values are never touched: the draft becomes the next
 * version when it is published. Writers of one dataset are serialised by a row lock on it.
 */
@ApplicationScoped
public class UploadService {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(UploadService.class);

  public enum Format {
    CSV,
    JSON,
    XLSX
  }

  public static final String XLSX_MEDIA_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  public enum Mode {
    MERGE,
    REPLACE
  }

  private final DataSource dataSource;
  private final DatasetRepository datasets;
  private final CatalogService catalog;
  private final UploadLimits limits;
  private final Access access;
  private final AuditService audit;
  private final SubmissionRepository submissions;
  private final Clock time;

  public UploadService(
      DataSource dataSource,
      DatasetRepository datasets,
      CatalogService catalog,
      UploadLimits limits,
      Access access,
      AuditService audit,
      SubmissionRepository submissions,
      Clock time) {
    this.time = time;
    this.submissions = submissions;
    this.dataSource = dataSource;
    this.datasets = datasets;
    this.catalog = catalog;
    this.limits = limits;
    this.access = access;
    this.audit = audit;
  }

  @Transactional
  @TransactionConfiguration(timeout = 3600)
  public UploadResult upload(
      long datasetId,
      Format format,
      Mode mode,
      InputStream body,
      long declaredLength,
      boolean dryRun,
      String idempotencyKey,
      UploadProgress progress) {
    if (declaredLength > limits.maxBytes()) {
      throw SizeLimitedInputStream.tooLarge(limits.maxBytes());
    }
    access.requireAuthenticated();
    Dataset dataset =
        datasets
            .findForUpdate(datasetId)
            .filter(
                d ->
                    access.canSeeUnreleased(d.providerId) || d.isReleased(OffsetDateTime.now(time)))
            .orElseThrow(() -> ProblemException.notFound("There is no dataset " + datasetId + "."));
    access.require(Role.SUBMITTER, dataset.providerId);
    DigestInputStream digest =
        new DigestInputStream(new SizeLimitedInputStream(body, limits.maxBytes()), sha256());
    if (idempotencyKey != null && !dryRun) {
      Optional<UploadResult> earlier = submissions.find(datasetId, idempotencyKey);
      if (earlier.isPresent()) {
        drain(digest);
        if (!submissions.sameBody(earlier.get().submissionId(), hex(digest))) {
          throw new ProblemException(
              422,
              "idempotency-key-reused",
              "Idempotency-Key reused",
              "Idempotency-Key '"
                  + idempotencyKey
                  + "' was used for a different body. Use a new key for a new submission.");
        }
        return earlier.get();
      }
    }
    DataStructure structure = catalog.catalog().structure(dataset.structureId).orElseThrow();
    ObservationValidator validator = new ObservationValidator(structure);
    Path spooled = format == Format.XLSX ? spool(digest) : null;
    RowSource source =
        switch (format) {
          case CSV -> new CsvRowSource(digest, limits.maxLineLength());
          case JSON -> new JsonRowSource(digest);
          case XLSX -> new XlsxRowSource(spooled, limits);
        };

    IssueCollector issues = new IssueCollector(limits.maxErrors());
    boolean csvLines = format != Format.JSON;
    try (Connection connection = dataSource.getConnection()) {
      PhaseClock clock = new PhaseClock();
      long deleted =
          mode == Mode.REPLACE && !dryRun
              ? ObservationStaging.deleteDraft(connection, datasetId)
              : 0;
      // A replacing upload has just emptied the draft.
      ObservationStaging.Target target =
          dryRun
              ? ObservationStaging.Target.NONE
              : mode == Mode.REPLACE || !ObservationStaging.hasDraft(connection, datasetId)
                  ? ObservationStaging.Target.DRAFT
                  : ObservationStaging.Target.MERGE;
      // Sized for the most rows the body likely holds (the shortest CSV rows of the usual columns
      // take about 48 bytes, JSON rows well over 128), so that the table does not grow: growing
      // copies it, and holds the old and the new table at once.
      long bytesPerRow = format == Format.JSON ? 128 : 48;
      SubmissionRows rows =
          new SubmissionRows(
              structure,
              declaredLength > 0 ? Math.min(limits.maxRows(), declaredLength / bytesPerRow) : 0);
      long rowsRead;
      long[] written;
      try (ObservationStaging staging =
          new ObservationStaging(connection, structure, datasetId, target, limits.mergeWorkMem())) {
        rowsRead = read(source, validator, format, staging, rows, issues, progress);
        staging.finish();
        clock.lap("read, check and write rows");
        progress.phase = "checking across rows";
        if (rowsRead == 0 && issues.errors() == 0) {
          issues.accept(
              ValidationIssue.error(
                  null, null, null, "FORMAT", "The submission holds no observations."));
        }
        CrossRowChecks crossRow = new CrossRowChecks(structure, rows, csvLines, limits.maxErrors());
        crossRow.duplicates(issues);
        progress.checkCancelled();
        if (issues.errors() == 0) {
          crossRow.consistency(issues);
          if (dataset.version > 0) {
            PublishedValues.compare(
                connection, structure, datasetId, OffsetDateTime.now(time), crossRow);
            crossRow.unlikelyChanges(issues);
          }
          clock.lap("R04-R10");
        }
        if (dryRun) {
          QuarkusTransaction.setRollbackOnly();
          return new UploadResult(
              datasetId,
              null,
              lower(mode),
              true,
              false,
              rowsRead,
              0,
              0,
              0,
              issues.errors(),
              issues.warnings(),
              issues.shown());
        }
        if (issues.errors() > 0) {
          throw rejected(issues, rowsRead);
        }
        progress.settleOrCancel();
        progress.phase = "storing";
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  try (Connection periods = dataSource.getConnection()) {
                    ObservationStaging.recordPeriods(periods, rows.periods());
                  } catch (SQLException e) {
                    throw new IllegalStateException("Recording the reference periods failed", e);
                  }
                });
        written = staging.store();
      }
      clock.lap("store");
      LOG.infof("Upload of %d rows into dataset %d: %s", rowsRead, datasetId, clock);
      progress.rowsStored.set(written[0] + written[1]);
      progress.stored();
      touch(connection, datasetId, mode == Mode.REPLACE, OffsetDateTime.now(time));
      UploadResult result =
          new UploadResult(
              datasetId,
              null,
              lower(mode),
              false,
              false,
              rowsRead,
              written[0],
              written[1],
              deleted,
              0,
              issues.warnings(),
              issues.shown());
      long submissionId =
          submissions.save(result, format.name(), access.actor(), idempotencyKey, hex(digest));
      audit.record(
          access.actor(),
          "UPLOADED",
          dataset.providerId,
          datasetId,
          "submission "
              + submissionId
              + ", "
              + lower(mode)
              + ": "
              + rowsRead
              + " rows, "
              + written[0]
              + " added, "
              + written[1]
              + " updated, "
              + deleted
              + " removed from the draft, "
              + issues.warnings()
              + " warnings");
      return new UploadResult(
          datasetId,
          submissionId,
          result.mode(),
          false,
          false,
          rowsRead,
          written[0],
          written[1],
          deleted,
          0,
          issues.warnings(),
          issues.shown());
    } catch (StagingFailure e) {
      throw new IllegalStateException("Writing the staged rows failed", e.getCause());
    } catch (SQLException e) {
      throw new IllegalStateException("Storing the submission failed", e);
    } finally {
      if (spooled != null) {
        try {
          Files.deleteIfExists(spooled);
        } catch (IOException e) {
          // a temporary file left behind is removed with the temporary directory
        }
      }
    }
  }

  /**
   * Copies a body to a temporary file: a workbook is a zip archive, read from its end; a job reads
   * its body after the request has ended. The file is gone if the copy fails.
   */
  static Path spool(InputStream body) {
    Path file = null;
    try {
      file = Files.createTempFile("coopstats-upload-", ".part");
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException notDeleted) {
          e.addSuppressed(notDeleted);
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException("Spooling the upload failed", (IOException) e);
    }
  }

  /** Reads and checks every row, staging those without faults; returns the rows read. */
  private long read(
      RowSource source,
      ObservationValidator validator,
      Format format,
      ObservationStaging staging,
      SubmissionRows rows,
      IssueCollector issues,
      UploadProgress progress) {
    long[] rowsRead = {0};
    List<ValidationIssue> rowIssues = new ArrayList<>();
    source.read(
        new RowSource.Sink() {
          @Override
          public boolean header(List<String> columns) {
            int before = issues.errors();
            issues.addAll(validator.checkColumns(columns, RowRef.csvLine(1)));
            return issues.errors() == before;
          }

          @Override
          public void row(SourceRow row) {
            rowsRead[0]++;
            if (rowsRead[0] > limits.maxRows()) {
              throw ProblemException.payloadTooLarge(
                  "The submission has more than "
                      + limits.maxRows()
                      + " observations, the most one upload may hold (coopstats.upload.max-rows)."
                      + " Split it into several uploads, for example by area or by year.");
            }
            progress.rowsRead.incrementAndGet();
            if ((rowsRead[0] & 1023) == 0) {
              progress.checkCancelled();
            }
            if (format == Format.JSON) {
              issues.addAll(unknownProperties(validator, row));
            }
            rowIssues.clear();
            CheckedObservation checked = validator.check(row, rowIssues);
            issues.addAll(rowIssues);
            progress.rowsChecked.incrementAndGet();
            if (checked != null) {
              try {
                staging.add(checked);
                rows.add(checked);
              } catch (SQLException e) {
                throw new StagingFailure(e);
              }
            }
          }
        },
        issues);
    return rowsRead[0];
  }

  private static String lower(Mode mode) {
    return mode.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void drain(InputStream in) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hex(DigestInputStream digest) {
    return HexFormat.of().formatHex(digest.getMessageDigest().digest());
  }

  private List<ValidationIssue> unknownProperties(ObservationValidator validator, SourceRow row) {
    List<ValidationIssue> found = validator.checkColumns(row.values().keySet(), row.ref());
    // Required properties are checked per value by the row check; keep only unknown names here.
    return found.stream().filter(i -> "FORMAT".equals(i.rule())).toList();
  }

  private static ProblemException rejected(IssueCollector issues, long rowsRead) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("errorCount", issues.errors());
    extensions.put("warningCount", issues.warnings());
    extensions.put("errorsShown", issues.shown().size());
    extensions.put("rowsRead", rowsRead);
    String detail =
        issues.errors()
            + (issues.errors() == 1 ? " error" : " errors")
            + " in the submission; nothing was stored. Fix "
            + (issues.errors() == 1 ? "it" : "them")
            + " and send the whole file again."
            + (issues.errors() + issues.warnings() > issues.shown().size()
                ? " Only the first " + issues.shown().size() + " issues are listed."
                : "");
    return new ProblemException(
        422, "validation-failed", "Submission rejected", detail, issues.shown(), extensions);
  }

  /** Dates the draft; a replacing upload makes the draft the whole next version. */
  private static void touch(
      Connection connection, long datasetId, boolean replaces, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE dataset SET updated_at = ?, draft_replaces = draft_replaces OR ? WHERE id = ?")) {
      statement.setObject(1, now);
      statement.setBoolean(2, replaces);
      statement.setLong(3, datasetId);
      statement.executeUpdate();
    }
  }

  /** Keeps the first issues up to a cap, errors first, and counts them all. */
  private static final class IssueCollector implements Consumer<ValidationIssue> {
    private final int cap;
    private final List<ValidationIssue> errors = new ArrayList<>();
    private final List<ValidationIssue> warnings = new ArrayList<>();
    private int errorCount;
    private int warningCount;

    IssueCollector(int cap) {
      this.cap = cap;
    }

    @Override
    public void accept(ValidationIssue issue) {
      if (issue.severity() == ValidationIssue.Severity.WARNING) {
        warningCount++;
        if (warnings.size() < cap) {
          warnings.add(issue);
        }
      } else {
        errorCount++;
        if (errors.size() < cap) {
          errors.add(issue);
        }
      }
    }

    void addAll(List<ValidationIssue> issues) {
      issues.forEach(this);
    }

    int errors() {
      return errorCount;
    }

    int warnings() {
      return warningCount;
    }

    /** Errors, then warnings, up to the cap. */
    List<ValidationIssue> shown() {
      List<ValidationIssue> shown = new ArrayList<>(errors);
      warnings.stream().limit(Math.max(0, cap - errors.size())).forEach(shown::add);
      return shown;
    }
  }

  private static final class StagingFailure extends RuntimeException {
    StagingFailure(SQLException cause) {
      super(cause);
    }
  }
}
