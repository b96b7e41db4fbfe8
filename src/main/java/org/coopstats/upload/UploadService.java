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
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
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
import org.coopstats.validation.ObservationValidator;
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
    XLSX,
    /** Rows the service makes itself, from a request naming what to derive (see GeneratedRows). */
    TABULATION;

    /** The format of a body of Content-Type {@code contentType}: JSON, Excel, else CSV. */
    public static Format of(String contentType) {
      String type =
          contentType == null
              ? ""
              : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (type.equals("application/json")) {
        return JSON;
      }
      return type.equals(XLSX_MEDIA_TYPE) ? XLSX : CSV;
    }

    /** Rows are named by their position (JSON, generated), not by a line of a sheet or file. */
    boolean rowsByIndex() {
      return this == JSON || this == TABULATION;
    }
  }

  public static final String XLSX_MEDIA_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  public enum Mode {
    MERGE,
    REPLACE;

    /** The {@code mode} query parameter: merge (default) or replace. */
    public static Mode parse(String mode) {
      if (mode == null || mode.isBlank()) {
        return MERGE;
      }
      try {
        return valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("mode '" + mode + "' is unknown: use merge or replace.");
      }
    }
  }

  private final DataSource dataSource;
  private final DatasetRepository datasets;
  private final CatalogService catalog;
  private final UploadLimits limits;
  private final Access access;
  private final AuditService audit;
  private final SubmissionRepository submissions;
  private final Clock time;
  private final GeneratedRows generated;

  public UploadService(
      DataSource dataSource,
      DatasetRepository datasets,
      CatalogService catalog,
      UploadLimits limits,
      Access access,
      AuditService audit,
      SubmissionRepository submissions,
      Clock time,
      GeneratedRows generated) {
    this.generated = generated;
    this.time = time;
    this.submissions = submissions;
    this.dataSource = dataSource;
    this.datasets = datasets;
    this.catalog = catalog;
    this.limits = limits;
    this.access = access;
    this.audit = audit;
  }

  /**
   * Takes a submission into its dataset's draft (or, a dry run, only checks it): the dataset is
   * locked for it, a repeat of an earlier submission's Idempotency-Key gets that one's result, and
   * a submission with any error is refused whole.
   */
  @Transactional
  @TransactionConfiguration(timeout = 3600)
  public UploadResult upload(UploadCommand command) {
    if (command.declaredLength() > limits.maxBytes()) {
      throw SizeLimitedInputStream.tooLarge(limits.maxBytes());
    }
    Dataset dataset = lockForSubmitter(command.datasetId());
    DigestInputStream body =
        new DigestInputStream(
            new SizeLimitedInputStream(command.body(), limits.maxBytes()), sha256());
    Optional<UploadResult> replayed = replay(command, body);
    if (replayed.isPresent()) {
      return replayed.get();
    }
    DataStructure structure = catalog.catalog().structure(dataset.structureId).orElseThrow();
    if (!command.dryRun()) {
      prepareDraftTable(command, structure);
    }
    try (OpenedSource source = OpenedSource.open(command, body, limits, generated);
        Connection connection = dataSource.getConnection();
        DraftWriter draft =
            DraftWriter.open(connection, structure, command, limits.mergeWorkMem())) {
      Upload upload = new Upload(command, dataset, structure, connection, draft);
      return upload.takeIn(source.rows(), body);
    } catch (RowChecker.StagingFailure e) {
      throw new IllegalStateException("Writing the staged rows failed", e.getCause());
    } catch (SQLException e) {
      throw new IllegalStateException("Storing the submission failed", e);
    }
  }

  /**
   * Gives the dataset its draft table, and drops the draft's key index when the upload writes into
   * an emptied draft, in a transaction of its own: attaching a table holds a lock that would make
   * the first uploads of other datasets wait for the end of this one, and dropping an index one
   * that would make every reader of drafts wait. The dataset's lock, held by the upload's
   * transaction, keeps the draft as it is meanwhile; if the upload fails, the next merge builds the
   * index again.
   */
  private void prepareDraftTable(UploadCommand command, DataStructure structure) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection connection = dataSource.getConnection()) {
                ObservationStaging.prepareDraftTable(
                    connection, structure, command.datasetId(), command.replaces());
              } catch (SQLException e) {
                throw new IllegalStateException("Preparing the draft table failed", e);
              }
            });
  }

  /** The dataset, locked for this upload, once the caller may see it and submit to it. */
  private Dataset lockForSubmitter(long datasetId) {
    access.requireAuthenticated();
    Dataset dataset =
        datasets
            .findForUpdate(datasetId)
            .filter(
                d ->
                    access.canSeeUnreleased(d.providerId) || d.isReleased(OffsetDateTime.now(time)))
            .orElseThrow(() -> ProblemException.notFound("There is no dataset " + datasetId + "."));
    access.require(Role.SUBMITTER, dataset.providerId);
    return dataset;
  }

  /**
   * The earlier result, when this upload repeats an Idempotency-Key of the dataset; its body is
   * read whole to compare it with the body the key was first used for.
   */
  private Optional<UploadResult> replay(UploadCommand command, DigestInputStream body) {
    if (!IdempotentReplay.applies(command)) {
      return Optional.empty();
    }
    Optional<IdempotentReplay.Earlier> earlier =
        submissions.findByKey(command.datasetId(), command.idempotencyKey());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    drain(body);
    return Optional.of(IdempotentReplay.replay(earlier.get(), hex(body), command.idempotencyKey()));
  }

  /** One upload into an opened draft, step by step. */
  private final class Upload {
    private final UploadCommand command;
    private final Dataset dataset;
    private final DataStructure structure;
    private final Connection connection;
    private final DraftWriter draft;
    private final UploadProgress progress;
    private final PhaseClock clock = new PhaseClock();
    private final IssueCollector issues = new IssueCollector(limits.maxErrors());

    Upload(
        UploadCommand command,
        Dataset dataset,
        DataStructure structure,
        Connection connection,
        DraftWriter draft) {
      this.command = command;
      this.dataset = dataset;
      this.structure = structure;
      this.connection = connection;
      this.draft = draft;
      this.progress = command.progress();
    }

    /** Reads, checks and, unless it is a dry run or has errors, stores the rows. */
    UploadResult takeIn(RowSource source, DigestInputStream body) throws SQLException {
      SubmissionRows rows = new SubmissionRows(structure, expectedRows());
      long rowsRead = readAndCheck(source, rows);
      clock.lap("read, check and write rows");
      progress.phase = "checking across rows";
      if (rowsRead == 0 && issues.errors() == 0) {
        issues.accept(
            ValidationIssue.error(
                null, null, null, "FORMAT", "The submission holds no observations."));
      }
      checkAcrossRows(rows);
      IssueCollector.Findings findings = issues.findings(rowsRead);
      if (command.dryRun()) {
        QuarkusTransaction.setRollbackOnly();
        return UploadResults.dryRun(command, findings);
      }
      if (findings.errors() > 0) {
        throw UploadResults.rejected(findings);
      }
      DraftWriter.Change change = store(rows);
      clock.lap("store");
      LOG.infof("Upload of %d rows into dataset %d: %s", rowsRead, command.datasetId(), clock);
      return record(findings, change, hex(body));
    }

    /**
     * The most rows the body likely holds (the shortest CSV rows of the usual columns take about 48
     * bytes, JSON rows well over 128), so that the rows' table does not grow: growing copies it,
     * and holds the old and the new table at once.
     */
    private long expectedRows() {
      long bytesPerRow = command.format().rowsByIndex() ? 128 : 48;
      long declared = command.declaredLength();
      return declared > 0 ? Math.min(limits.maxRows(), declared / bytesPerRow) : 0;
    }

    /** Reads and checks every row, writing those without faults; returns the rows read. */
    private long readAndCheck(RowSource source, SubmissionRows rows) throws SQLException {
      ObservationValidator validator = new ObservationValidator(structure);
      RowChecker checker =
          new RowChecker(validator, command, draft, rows, issues, limits.maxRows());
      source.read(checker, issues);
      draft.finish();
      return checker.rowsRead();
    }

    /**
     * R04 on every submission; R05–R09, and R10 against the published values, once the rows are
     * free of errors.
     */
    private void checkAcrossRows(SubmissionRows rows) throws SQLException {
      boolean csvLines = !command.format().rowsByIndex();
      CrossRowChecks crossRow = new CrossRowChecks(structure, rows, csvLines, limits.maxErrors());
      crossRow.duplicates(issues);
      progress.checkCancelled();
      if (issues.errors() > 0) {
        return;
      }
      crossRow.consistency(issues);
      if (dataset.version > 0) {
        OffsetDateTime now = OffsetDateTime.now(time);
        PublishedValues.compare(connection, structure, command.datasetId(), now, crossRow);
        crossRow.unlikelyChanges(issues);
      }
      clock.lap("R04-R10");
    }

    /**
     * Decides to store (a cancel that came first ends the upload instead), records the periods and
     * stores the rows.
     */
    private DraftWriter.Change store(SubmissionRows rows) throws SQLException {
      progress.settleOrCancel();
      progress.phase = "storing";
      // Periods are facts of the calendar: recorded in a transaction of their own, so that a
      // period another upload is adding does not make this one wait for that upload to end.
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                try (Connection periods = dataSource.getConnection()) {
                  ObservationStaging.recordPeriods(periods, rows.periods());
                } catch (SQLException e) {
                  throw new IllegalStateException("Recording the reference periods failed", e);
                }
              });
      return draft.store();
    }

    /** Dates the draft, records the submission with its warnings and audits it. */
    private UploadResult record(
        IssueCollector.Findings findings, DraftWriter.Change change, String bodySha256)
        throws SQLException {
      progress.rowsStored.set(change.stored());
      progress.stored();
      draft.date(OffsetDateTime.now(time));
      UploadResult stored = UploadResults.stored(command, findings, change);
      String actor = access.actor();
      long submissionId =
          submissions.save(
              stored, command.format().name(), actor, command.idempotencyKey(), bodySha256);
      UploadResult result = UploadResults.withSubmission(stored, submissionId);
      audit.record(
          actor,
          "UPLOADED",
          dataset.providerId,
          command.datasetId(),
          UploadResults.auditDetail(result));
      return result;
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
}
