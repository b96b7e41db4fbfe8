package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** Reads when the published data changes: its state up to a moment, and the next release. */
@ApplicationScoped
public class ReleaseTimes {

  /** The state of the released data up to a moment, and the next scheduled release after it. */
  public record Reading(ReleaseState state, OffsetDateTime nextChange) {}

  private static final OffsetDateTime NEVER = OffsetDateTime.parse("2000-01-01T00:00:00Z");

  private final DataSource primary;

  public ReleaseTimes(DataSource primary) {
    this.primary = primary;
  }

  /**
   * The state of the released data up to {@code now} on the primary, and the next scheduled release
   * after it (null if none). Releases still to come do not count as changes.
   */
  public Reading read(OffsetDateTime now) {
    return read(primary, now);
  }

  /** The same, read on {@code source} (a replica, to tell whether it has reached a release). */
  public static Reading read(DataSource source, OffsetDateTime now) {
    try (Connection connection = source.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT max(effective_at), count(*),"
                    + " (SELECT min(effective_at) FROM data_change WHERE effective_at > ?)"
                    + " FROM data_change WHERE effective_at <= ?")) {
      Timestamp at = Timestamp.from(now.toInstant());
      statement.setTimestamp(1, at);
      statement.setTimestamp(2, at);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        OffsetDateTime last = rs.getObject(1, OffsetDateTime.class);
        return new Reading(
            new ReleaseState(last == null ? NEVER : last, rs.getLong(2)),
            rs.getObject(3, OffsetDateTime.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the last change failed", e);
    }
  }
}
