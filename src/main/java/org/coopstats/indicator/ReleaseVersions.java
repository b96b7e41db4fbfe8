package org.coopstats.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.coopstats.observation.ObservationRow;

/**
 * The version of its dataset that released each value: a value opens at its dataset's release
 * moment ({@code data_change.effective_at}), so the release is found by the dataset and the moment.
 */
@ApplicationScoped
public class ReleaseVersions {

  /** A dataset's release at a moment. */
  public record Release(long dataset, Instant at) {
    public Release(long dataset, OffsetDateTime at) {
      this(dataset, at == null ? null : at.toInstant());
    }
  }

  private final DataSource dataSource;

  public ReleaseVersions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The version of each release the rows come from. */
  public Map<Release, Integer> of(List<ObservationRow> rows) {
    Long[] datasets = rows.stream().map(ObservationRow::datasetId).distinct().toArray(Long[]::new);
    Map<Release, Integer> versions = new HashMap<>();
    if (datasets.length == 0) {
      return versions;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT dataset_id, effective_at, version FROM data_change"
                    + " WHERE kind = 'PUBLISH' AND dataset_id = ANY(?)")) {
      Array ids = connection.createArrayOf("bigint", datasets);
      statement.setArray(1, ids);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          versions.put(
              new Release(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)), rs.getInt(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the releases of an indicator's inputs failed", e);
    }
    return versions;
  }
}
