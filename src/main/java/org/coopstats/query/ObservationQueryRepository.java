package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.Page;

/** The SQL behind the observation queries. */
@ApplicationScoped
public class ObservationQueryRepository {

  private final DataSource dataSource;

  public ObservationQueryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Page<ObservationRow> find(ObservationQuery query, List<DimensionDef> dimensions) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    String action = visibility(query.visibility(), dimensions, where, parameters);
    for (DimensionDef dimension : dimensions) {
      Set<String> codes = query.codes().get(dimension.id());
      if (codes != null && codes.size() == 1) {
        // "= ?" rather than "= ANY(?)": PostgreSQL can reuse a good plan for it (bench: the
        // generic plan for ANY scanned the whole area, so every request was planned anew).
        where.append(" AND o.").append(dimension.column()).append(" = ?");
        parameters.add(codes.iterator().next());
      } else if (codes != null && !codes.isEmpty()) {
        where.append(" AND o.").append(dimension.column()).append(" = ANY(?)");
        parameters.add(codes.toArray(String[]::new));
      }
    }
    if (query.startPeriod() != null) {
      where.append(" AND o.period_start >= ?");
      parameters.add(Date.valueOf(query.startPeriod().start()));
    }
    if (query.endPeriod() != null) {
      where.append(" AND o.period_end <= ?");
      parameters.add(Date.valueOf(query.endPeriod().end()));
    }
    if (!query.providers().isEmpty()) {
      where.append(" AND d.provider_id = ANY(?)");
      parameters.add(query.providers().toArray(String[]::new));
    }
    if (!query.datasets().isEmpty()) {
      where.append(" AND o.dataset_id = ANY(?)");
      parameters.add(query.datasets().toArray(Long[]::new));
    }
    StringBuilder columns = new StringBuilder("o.dataset_id, d.provider_id");
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (DimensionDef dimension : dimensions) {
      columns.append(", o.").append(dimension.column());
      order.append("o.").append(dimension.column()).append(", ");
    }
    boolean draft = query.visibility().kind() == Visibility.Kind.DRAFT;
    columns
        .append(
            ", o.time_period, o.obs_value, o.obs_status, o.conf_status, o.unit_measure, o.unit_mult,"
                + " o.comment_obs, ")
        .append(draft ? "NULL::timestamptz, NULL::timestamptz, " : "o.valid_from, o.valid_to, ")
        .append(action);
    order.append("o.period_start, o.time_period, o.dataset_id");
    if (!draft) {
      order.append(", o.valid_from");
    }
    String from =
        " FROM "
            + (draft
                ? "(SELECT r.*, p.period_start, p.period_end FROM observation_draft r"
                    + " LEFT JOIN reference_period p ON p.time_period = r.time_period)"
                : "observation")
            + " o JOIN dataset d ON d.id = o.dataset_id";

    int limit = query.page().limit();
    int offset = query.page().offset();
    try (Connection connection = dataSource.getConnection()) {
      List<ObservationRow> rows = new ArrayList<>();
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT " + columns + from + where + order + " LIMIT ? OFFSET ?")) {
        int i = bind(connection, statement, parameters);
        statement.setInt(i++, limit);
        statement.setInt(i, offset);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            rows.add(row(rs, dimensions.size(), query.visibility().at()));
          }
        }
      }
      long total;
      if (rows.size() < limit && (offset == 0 || !rows.isEmpty())) {
        total = offset + rows.size(); // the last page tells the total without counting
      } else {
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT count(*)" + from + where)) {
          bind(connection, statement, parameters);
          try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
        }
      }
      return new Page<>(rows, total, offset, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("Querying observations failed", e);
    }
  }

  /**
   * Appends the condition that selects the values a visibility sees, and returns the SQL of the
   * row's action column.
   */
  private static String visibility(
      Visibility visibility,
      List<DimensionDef> dimensions,
      StringBuilder where,
      List<Object> parameters) {
    Timestamp now = Timestamp.from(visibility.at().toInstant());
    switch (visibility.kind()) {
      case AS_OF -> {
        where.append(" AND o.valid_from <= ? AND (o.valid_to IS NULL OR o.valid_to > ?)");
        parameters.add(now);
        parameters.add(now);
        return "NULL";
      }
      case HISTORY -> {
        where.append(" AND o.valid_from <= ?");
        parameters.add(now);
        return "NULL";
      }
      case DRAFT -> {
        return "CASE WHEN o.deleted THEN 'D' ELSE 'I' END";
      }
      case PREVIEW -> {
        where.append(" AND o.valid_from IS NOT NULL AND o.valid_to IS NULL");
        return "NULL";
      }
      case CHANGES -> {
        Timestamp since = Timestamp.from(visibility.since().toInstant());
        StringBuilder sameKey = new StringBuilder("n.dataset_id = o.dataset_id");
        for (DimensionDef dimension : dimensions) {
          sameKey
              .append(" AND n.")
              .append(dimension.column())
              .append(" = o.")
              .append(dimension.column());
        }
        sameKey.append(" AND n.time_period = o.time_period");
        // Current values that opened after `since`, and keys whose last value closed after
        // `since` with nothing current now (deletions, withdrawals).
        where.append(
            " AND ((o.valid_from > ? AND o.valid_from <= ? AND (o.valid_to IS NULL OR o.valid_to > ?))"
                + " OR (o.valid_to > ? AND o.valid_to <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM observation n WHERE "
                + sameKey
                + " AND n.valid_from <= ? AND (n.valid_to IS NULL OR n.valid_to > ?))"
                + " AND NOT EXISTS (SELECT 1 FROM observation n WHERE "
                + sameKey
                + " AND n.valid_to > o.valid_to AND n.valid_to <= ?)))");
        parameters.addAll(List.of(since, now, now, since, now, now, now, now));
        return "CASE WHEN o.valid_to IS NOT NULL AND o.valid_to <= '"
            + visibility.at().toInstant()
            + "'::timestamptz THEN 'D' ELSE 'I' END";
      }
      default -> throw new IllegalStateException(visibility.kind().name());
    }
  }

  /** When the published data last changed up to a moment, and when it changes next. */
  public record ReleaseTimes(OffsetDateTime lastChange, OffsetDateTime nextChange) {}

  /**
   * When the published data last changed, up to {@code now}, and the next scheduled release after
   * it (null if none). Releases still to come do not count as changes.
   */
  public ReleaseTimes releaseTimes(OffsetDateTime now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT (SELECT max(effective_at) FROM data_change WHERE effective_at <= ?),"
                    + " (SELECT min(effective_at) FROM data_change WHERE effective_at > ?)")) {
      Timestamp at = Timestamp.from(now.toInstant());
      statement.setTimestamp(1, at);
      statement.setTimestamp(2, at);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        OffsetDateTime last = rs.getObject(1, OffsetDateTime.class);
        return new ReleaseTimes(
            last == null ? OffsetDateTime.parse("2000-01-01T00:00:00Z") : last,
            rs.getObject(2, OffsetDateTime.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the last change failed", e);
    }
  }

  private static ObservationRow row(ResultSet rs, int dimensionCount, OffsetDateTime now)
      throws SQLException {
    int c = 1;
    long datasetId = rs.getLong(c++);
    String providerId = rs.getString(c++);
    List<String> key = new ArrayList<>(dimensionCount);
    for (int i = 0; i < dimensionCount; i++) {
      key.add(rs.getString(c++));
    }
    return new ObservationRow(
        datasetId,
        providerId,
        key,
        rs.getString(c++),
        rs.getBigDecimal(c++),
        rs.getString(c++),
        rs.getString(c++),
        rs.getString(c++),
        rs.getInt(c++),
        rs.getString(c++),
        rs.getObject(c++, OffsetDateTime.class),
        hideFuture(rs.getObject(c++, OffsetDateTime.class), now),
        rs.getString(c));
  }

  /** A closing time still to come belongs to an embargoed release: not shown. */
  private static OffsetDateTime hideFuture(OffsetDateTime validTo, OffsetDateTime now) {
    return validTo == null || validTo.isAfter(now) ? null : validTo;
  }

  private static int bind(Connection connection, PreparedStatement statement, List<Object> values)
      throws SQLException {
    int i = 1;
    for (Object value : values) {
      if (value instanceof String[] texts) {
        statement.setArray(i++, connection.createArrayOf("text", texts));
      } else if (value instanceof Long[] numbers) {
        statement.setArray(i++, connection.createArrayOf("bigint", numbers));
      } else {
        statement.setObject(i++, value);
      }
    }
    return i;
  }
}
