package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.observation.Landmarks;
import org.coopstats.observation.ObservationCursor;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationReader;
import org.coopstats.observation.ObservationRow;

/**
 * What the observation queries read: the observations, through their tables' owner ({@link
 * ObservationReader}), and when the published data changes.
 */
@ApplicationScoped
public class ObservationQueryRepository {

  private final DataSource dataSource;
  private final ObservationReader observations;

  public ObservationQueryRepository(DataSource dataSource, ObservationReader observations) {
    this.dataSource = dataSource;
    this.observations = observations;
  }

  /** The page of observations {@code query} asks for, with their count. */
  public Page<ObservationRow> find(ObservationQuery query, DataStructure structure) {
    return observations.find(query, structure);
  }

  /**
   * The page of observations {@code query} (a released view) asks for, its total and deep pages
   * from {@code landmarks} (see {@link ObservationReader#find(ObservationQuery, DataStructure, int,
   * Supplier)}).
   */
  public Page<ObservationRow> find(
      ObservationQuery query, DataStructure structure, int every, Supplier<Landmarks> landmarks) {
    return observations.find(query, structure, every, landmarks);
  }

  /** The total of {@code query} (a released view) and its landmarks, in one pass. */
  public Landmarks landmarks(ObservationQuery query, DataStructure structure, int every) {
    return observations.landmarks(query, structure, every);
  }

  /**
   * A cursor on every row {@code query} asks for (its page aside), its first row read: for an
   * answer written as it reads (SDMX data). The caller closes it.
   */
  public ObservationCursor open(ObservationQuery query, DataStructure structure) {
    return observations.open(query, structure);
  }

  /**
   * The distinct codes per series dimension of the rows {@code query} asks for, and their range.
   */
  public ObservationReader.DistinctCodes distinctCodes(
      ObservationQuery query, DataStructure structure) {
    return observations.distinctCodes(query, structure);
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
}
