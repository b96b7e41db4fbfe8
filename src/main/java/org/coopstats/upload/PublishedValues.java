package org.coopstats.upload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.consistency.CrossRowChecks;

/** Reads a dataset's values published at a moment, for rule R10. */
final class PublishedValues {

  private PublishedValues() {}

  /**
   * Gives every value of the dataset published at {@code at} to {@code checks}, its key in the
   * order of the structure's series dimensions (as the checks hold the submission's keys).
   */
  static void compare(
      Connection connection,
      DataStructure structure,
      long datasetId,
      OffsetDateTime at,
      CrossRowChecks checks)
      throws SQLException {
    List<String> keyColumns =
        structure.seriesDimensions().stream().map(DimensionDef::column).toList();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT "
                + String.join(", ", keyColumns)
                + ", time_period, unit_mult, obs_value FROM observation WHERE dataset_id = ? AND"
                + " valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND obs_value <> 0")) {
      Timestamp moment = Timestamp.from(at.toInstant());
      statement.setLong(1, datasetId);
      statement.setTimestamp(2, moment);
      statement.setTimestamp(3, moment);
      statement.setFetchSize(10_000);
      try (ResultSet rs = statement.executeQuery()) {
        int width = keyColumns.size();
        while (rs.next()) {
          List<String> key = new ArrayList<>(width);
          for (int i = 1; i <= width; i++) {
            key.add(rs.getString(i));
          }
          checks.published(
              key, rs.getString(width + 1), rs.getInt(width + 2), rs.getBigDecimal(width + 3));
        }
      }
    }
  }
}
