package org.coopstats.upload;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.coopstats.catalog.DataStructure;
import org.coopstats.consistency.CrossRowChecks;
import org.coopstats.observation.ObservationReader;

/** Gives rule R10 a dataset's values published at a moment. */
final class PublishedValues {

  /** R10 compares values given in the same multiplier. */
  private static final String MULTIPLIER = "UNIT_MULT";

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
    ObservationReader.nonZeroPublished(
        connection,
        structure,
        datasetId,
        at,
        structure.attribute(MULTIPLIER).orElseThrow(),
        checks::published);
  }
}
