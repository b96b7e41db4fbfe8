package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    if (!query.includeUnpublished()) {
      where.append(" AND d.status = 'PUBLISHED'");
    }
    for (DimensionDef dimension : dimensions) {
      Set<String> codes = query.codes().get(dimension.id());
      if (codes != null && !codes.isEmpty()) {
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
    columns.append(
        ", o.time_period, o.obs_value, o.obs_status, o.conf_status, o.unit_measure, o.unit_mult,"
            + " o.comment_obs");
    order.append("o.period_start, o.time_period, o.dataset_id");
    String from = " FROM observation o JOIN dataset d ON d.id = o.dataset_id";

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
            rows.add(row(rs, dimensions.size()));
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

  private static ObservationRow row(ResultSet rs, int dimensionCount) throws SQLException {
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
        rs.getString(c));
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
