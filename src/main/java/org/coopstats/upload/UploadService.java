package org.coopstats.upload;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.coopstats.audit.AuditService;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.ProblemException;
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetRepository;
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

  public enum Format {
    CSV,
    JSON
  }

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

  public UploadService(
      DataSource dataSource,
      DatasetRepository datasets,
      CatalogService catalog,
      UploadLimits limits,
      Access access,
      AuditService audit) {
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
      long datasetId, Format format, Mode mode, InputStream body, long declaredLength) {
    if (declaredLength > limits.maxBytes()) {
      throw SizeLimitedInputStream.tooLarge(limits.maxBytes());
    }
    access.requireAuthenticated();
    Dataset dataset =
        datasets
            .findForUpdate(datasetId)
            .filter(
                d -> access.canSeeUnreleased(d.providerId) || d.isReleased(OffsetDateTime.now()))
            .orElseThrow(() -> ProblemException.notFound("There is no dataset " + datasetId + "."));
    access.require(Role.SUBMITTER, dataset.providerId);
    ObservationValidator validator =
        new ObservationValidator(catalog.catalog().structure(dataset.structureId).orElseThrow());
    InputStream limited = new SizeLimitedInputStream(body, limits.maxBytes());
    RowSource source =
        format == Format.CSV ? new CsvRowSource(limited) : new JsonRowSource(limited);

    IssueCollector issues = new IssueCollector(limits.maxErrors());
    try (Connection connection = dataSource.getConnection();
        ObservationStaging staging = new ObservationStaging(connection)) {
      long[] rowsRead = {0};
      source.read(
          new RowSource.Sink() {
            @Override
            public boolean header(List<String> columns) {
              int before = issues.count();
              issues.addAll(validator.checkColumns(columns, RowRef.csvLine(1)));
              return issues.count() == before;
            }

            @Override
            public void row(SourceRow row) {
              rowsRead[0]++;
              if (format == Format.JSON) {
                issues.addAll(unknownProperties(validator, row));
              }
              List<ValidationIssue> rowIssues = new ArrayList<>();
              CheckedObservation checked = validator.check(row, rowIssues);
              issues.addAll(rowIssues);
              if (checked != null) {
                try {
                  staging.add(checked);
                } catch (SQLException e) {
                  throw new StagingFailure(e);
                }
              }
            }
          },
          issues);
      staging.finish();
      if (rowsRead[0] == 0 && issues.count() == 0) {
        issues.accept(
            ValidationIssue.error(
                null, null, null, "FORMAT", "The submission holds no observations."));
      }
      for (ObservationStaging.Duplicate duplicate : staging.duplicates(limits.maxErrors())) {
        issues.accept(duplicateIssue(validator, format, duplicate));
      }
      if (issues.count() > 0) {
        throw rejected(issues, rowsRead[0]);
      }
      long deleted = 0;
      if (mode == Mode.REPLACE) {
        deleted = staging.deleteDraft(datasetId);
      }
      long[] written = staging.merge(datasetId);
      touch(connection, datasetId, mode == Mode.REPLACE);
      audit.record(
          access.actor(),
          "UPLOADED",
          dataset.providerId,
          datasetId,
          mode.name().toLowerCase(java.util.Locale.ROOT)
              + ": "
              + rowsRead[0]
              + " rows, "
              + written[0]
              + " added, "
              + written[1]
              + " updated, "
              + deleted
              + " removed from the draft");
      return new UploadResult(
          datasetId,
          mode.name().toLowerCase(java.util.Locale.ROOT),
          rowsRead[0],
          written[0],
          written[1],
          deleted);
    } catch (StagingFailure e) {
      throw new IllegalStateException("Writing the staged rows failed", e.getCause());
    } catch (SQLException e) {
      throw new IllegalStateException("Storing the submission failed", e);
    }
  }

  private List<ValidationIssue> unknownProperties(ObservationValidator validator, SourceRow row) {
    List<ValidationIssue> found = validator.checkColumns(row.values().keySet(), row.ref());
    // Required properties are checked per value by the row check; keep only unknown names here.
    return found.stream().filter(i -> "FORMAT".equals(i.rule())).toList();
  }

  private static ValidationIssue duplicateIssue(
      ObservationValidator validator, Format format, ObservationStaging.Duplicate duplicate) {
    List<DimensionDef> dims = validator.structure().seriesDimensions();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < dims.size(); i++) {
      key.append(i == 0 ? "" : ".").append(duplicate.key().get(i));
    }
    String where = format == Format.CSV ? "lines " : "indexes ";
    List<String> refs = duplicate.rowRefs().stream().map(String::valueOf).toList();
    long first = duplicate.rowRefs().get(1);
    RowRef ref = format == Format.CSV ? RowRef.csvLine(first) : RowRef.jsonIndex(first);
    return ValidationIssue.error(
        ref,
        "TIME_PERIOD",
        duplicate.period(),
        "R04",
        "Series "
            + key
            + " has more than one value for "
            + duplicate.period()
            + " ("
            + where
            + String.join(", ", refs)
            + "). Keep one row per series and period.");
  }

  private static ProblemException rejected(IssueCollector issues, long rowsRead) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("errorCount", issues.count());
    extensions.put("errorsShown", issues.shown().size());
    extensions.put("rowsRead", rowsRead);
    String detail =
        issues.count()
            + (issues.count() == 1 ? " error" : " errors")
            + " in the submission; nothing was stored. Fix "
            + (issues.count() == 1 ? "it" : "them")
            + " and send the whole file again."
            + (issues.count() > issues.shown().size()
                ? " Only the first " + issues.shown().size() + " are listed."
                : "");
    return new ProblemException(
        422, "validation-failed", "Submission rejected", detail, issues.shown(), extensions);
  }

  /** Dates the draft; a replacing upload makes the draft the whole next version. */
  private static void touch(Connection connection, long datasetId, boolean replaces)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE dataset SET updated_at = ?, draft_replaces = draft_replaces OR ? WHERE id = ?")) {
      statement.setObject(1, OffsetDateTime.now());
      statement.setBoolean(2, replaces);
      statement.setLong(3, datasetId);
      statement.executeUpdate();
    }
  }

  /** Keeps the first issues up to a cap and counts them all. */
  private static final class IssueCollector implements Consumer<ValidationIssue> {
    private final int cap;
    private final List<ValidationIssue> shown = new ArrayList<>();
    private int count;

    IssueCollector(int cap) {
      this.cap = cap;
    }

    @Override
    public void accept(ValidationIssue issue) {
      count++;
      if (shown.size() < cap) {
        shown.add(issue);
      }
    }

    void addAll(List<ValidationIssue> issues) {
      issues.forEach(this);
    }

    int count() {
      return count;
    }

    List<ValidationIssue> shown() {
      return shown;
    }
  }

  private static final class StagingFailure extends RuntimeException {
    StagingFailure(SQLException cause) {
      super(cause);
    }
  }
}
