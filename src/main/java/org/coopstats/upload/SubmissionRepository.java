package org.coopstats.upload;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.validation.ValidationIssue;

/** Accepted submissions and their warnings: the validation report kept with the dataset. */
@ApplicationScoped
public class SubmissionRepository {

  /** A stored submission, without its issues. */
  public record Submission(
      long id,
      long datasetId,
      OffsetDateTime submittedAt,
      String actor,
      String format,
      String mode,
      long rowsRead,
      long inserted,
      long updated,
      long deleted,
      int warningCount,
      String idempotencyKey) {}

  private static final String COLUMNS =
      "id, dataset_id, submitted_at, actor, format, mode, rows_read, inserted, updated, deleted,"
          + " warning_count, idempotency_key";

  private final DataSource dataSource;
  private final Clock clock;

  public SubmissionRepository(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  long save(UploadResult result, String format, String actor, String key, String sha256) {
    try (Connection connection = dataSource.getConnection()) {
      long id;
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO submission (dataset_id, actor, format, mode, rows_read, inserted,"
                  + " updated, deleted, warning_count, idempotency_key, body_sha256, submitted_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        statement.setLong(1, result.datasetId());
        statement.setString(2, actor);
        statement.setString(3, format);
        statement.setString(4, result.mode());
        statement.setLong(5, result.rowsRead());
        statement.setLong(6, result.inserted());
        statement.setLong(7, result.updated());
        statement.setLong(8, result.deleted());
        statement.setInt(9, result.warningCount());
        statement.setString(10, key);
        statement.setString(11, sha256);
        // the service's clock, not the database's now()
        statement.setObject(12, OffsetDateTime.now(clock));
        statement.executeUpdate();
        try (ResultSet keys = statement.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO submission_issue (submission_id, seq, rule, severity, line, idx,"
                  + " column_name, value, series_key, period, expected, found, message) VALUES"
                  + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int seq = 0;
        for (ValidationIssue issue : result.issues()) {
          statement.setLong(1, id);
          statement.setInt(2, seq++);
          statement.setString(3, issue.rule());
          statement.setString(4, issue.severity().name());
          setLong(statement, 5, issue.line());
          setLong(statement, 6, issue.index());
          statement.setString(7, issue.column());
          statement.setString(8, issue.value());
          statement.setString(9, issue.seriesKey());
          statement.setString(10, issue.period());
          statement.setBigDecimal(11, issue.expected());
          statement.setBigDecimal(12, issue.found());
          statement.setString(13, issue.message());
          statement.addBatch();
        }
        statement.executeBatch();
      }
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("Recording the submission failed", e);
    }
  }

  /** The submission recorded under this idempotency key, with the digest of its body. */
  Optional<IdempotentReplay.Earlier> findByKey(long datasetId, String key) {
    return query(
            "SELECT " + COLUMNS + " FROM submission WHERE dataset_id = ? AND idempotency_key = ?",
            datasetId,
            key)
        .stream()
        .findFirst()
        .map(
            s ->
                new IdempotentReplay.Earlier(
                    UploadResults.replayed(s, issues(s.id())), bodySha256(s.id())));
  }

  private String bodySha256(long submissionId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT body_sha256 FROM submission WHERE id = ?")) {
      statement.setLong(1, submissionId);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Page<Submission> list(long datasetId, PageRequest page) {
    List<Submission> items =
        query(
            "SELECT "
                + COLUMNS
                + " FROM submission WHERE dataset_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            datasetId,
            page.limit(),
            page.offset());
    long total = count(datasetId);
    return new Page<>(items, total, page.offset(), page.limit());
  }

  private long count(long datasetId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM submission WHERE dataset_id = ?")) {
      statement.setLong(1, datasetId);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<Submission> get(long datasetId, long submissionId) {
    return query(
            "SELECT " + COLUMNS + " FROM submission WHERE dataset_id = ? AND id = ?",
            datasetId,
            submissionId)
        .stream()
        .findFirst();
  }

  public List<ValidationIssue> issues(long submissionId) {
    List<ValidationIssue> issues = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT line, idx, column_name, value, rule, severity, message, series_key,"
                    + " period, expected, found FROM submission_issue WHERE submission_id = ?"
                    + " ORDER BY seq")) {
      statement.setLong(1, submissionId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          issues.add(
              new ValidationIssue(
                  (Long) rs.getObject(1),
                  (Long) rs.getObject(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  ValidationIssue.Severity.valueOf(rs.getString(6)),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  (BigDecimal) rs.getObject(10),
                  (BigDecimal) rs.getObject(11),
                  null));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return issues;
  }

  private List<Submission> query(String sql, Object... parameters) {
    List<Submission> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          found.add(
              new Submission(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getObject(3, OffsetDateTime.class),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getLong(7),
                  rs.getLong(8),
                  rs.getLong(9),
                  rs.getLong(10),
                  rs.getInt(11),
                  rs.getString(12)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
