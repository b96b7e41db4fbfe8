package org.coopstats.register;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.ValidationIssue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The checked records of one upload, copied into a temporary table of the upload's transaction,
 * then checked across records (U02) and merged into the register in one statement each. Nothing is
 * queried while the copy runs: the connection belongs to it.
 */
final class UnitStaging implements AutoCloseable {

  private static final int FLUSH_BYTES = 1 << 16;
  private static final String COLUMNS = String.join(", ", UnitColumns.STORED);

  private final Connection connection;
  private final boolean rowsByIndex;
  private final StringBuilder pending = new StringBuilder(FLUSH_BYTES + 4096);
  private CopyIn copy;
  private long rows;

  /** Changes made to the register by a stored upload. */
  record Change(long inserted, long updated, long unchanged, long deleted, List<String> periods) {}

  private UnitStaging(Connection connection, boolean rowsByIndex) {
    this.connection = connection;
    this.rowsByIndex = rowsByIndex;
  }

  /**
   * @param rowsByIndex whether records are named by index (JSON) rather than by line
   */
  static UnitStaging open(Connection connection, boolean rowsByIndex) throws SQLException {
    UnitStaging staging = new UnitStaging(connection, rowsByIndex);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL jit = off");
      statement.execute(
          "CREATE TEMP TABLE unit_staging ON COMMIT DROP AS SELECT 0::bigint AS ordinal, "
              + COLUMNS
              + " FROM register_unit WITH NO DATA");
    }
    staging.copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY unit_staging (ordinal, " + COLUMNS + ") FROM STDIN");
    return staging;
  }

  void write(RowRef ref, String[] fields) throws SQLException {
    pending.append(ref.ordinal());
    for (String field : fields) {
      pending.append('\t');
      if (field == null) {
        pending.append("\\N");
      } else {
        escape(field);
      }
    }
    pending.append('\n');
    rows++;
    if (pending.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  long rows() {
    return rows;
  }

  /** Ends the copy; the records can be queried from here on. */
  void finish() throws SQLException {
    flush();
    copy.endCopy();
    copy = null;
  }

  /** U02: one record per unit and period; each record after the first is an error. */
  void duplicates(Consumer<ValidationIssue> issues) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT time_period, unit_id, ordinal, first_value(ordinal) OVER w FROM (SELECT"
                + " time_period, unit_id, ordinal, count(*) OVER (PARTITION BY time_period,"
                + " unit_id) AS n FROM unit_staging) s WHERE n > 1 WINDOW w AS (PARTITION BY"
                + " time_period, unit_id ORDER BY ordinal) ORDER BY ordinal")) {
      select.setFetchSize(1000);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long ordinal = rs.getLong(3);
          long first = rs.getLong(4);
          if (ordinal != first) {
            issues.accept(duplicate(rs.getString(1), rs.getString(2), ordinal, first));
          }
        }
      }
    }
  }

  private ValidationIssue duplicate(String period, String unitId, long ordinal, long first) {
    RowRef ref = rowsByIndex ? RowRef.jsonIndex(ordinal) : RowRef.csvLine(ordinal);
    RowRef firstRef = rowsByIndex ? RowRef.jsonIndex(first) : RowRef.csvLine(first);
    return ValidationIssue.ofUnit(
        ref,
        unitId,
        period,
        UnitColumns.UNIT_ID,
        unitId,
        "U02",
        ValidationIssue.Severity.ERROR,
        "Unit "
            + unitId
            + " ("
            + period
            + ") has a record already, at "
            + firstRef
            + ": a unit has one record per period.");
  }

  /**
   * Merges the records into the register: each replaces the unit's record of its period; with
   * {@code replace}, the units of those periods the upload does not name are removed.
   */
  Change store(long registerId, boolean replace) throws SQLException {
    List<String> periods = periods();
    long deleted = replace ? deleteOthers(registerId) : 0;
    long[] changed = upsert(registerId);
    return new Change(changed[0], changed[1], rows - changed[0] - changed[1], deleted, periods);
  }

  private List<String> periods() throws SQLException {
    List<String> periods = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT DISTINCT time_period FROM unit_staging ORDER BY time_period")) {
      while (rs.next()) {
        periods.add(rs.getString(1));
      }
    }
    return periods;
  }

  private long deleteOthers(long registerId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM register_unit u WHERE u.register_id = ? AND u.time_period IN (SELECT"
                + " DISTINCT time_period FROM unit_staging) AND NOT EXISTS (SELECT 1 FROM"
                + " unit_staging s WHERE s.time_period = u.time_period AND s.unit_id ="
                + " u.unit_id)")) {
      delete.setLong(1, registerId);
      return delete.executeLargeUpdate();
    }
  }

  /** Inserts new records and updates changed ones; returns {inserted, updated}. */
  private long[] upsert(long registerId) throws SQLException {
    String updates =
        String.join(", ", UnitColumns.STORED.stream().map(c -> c + " = EXCLUDED." + c).toList());
    String mine = String.join(", ", UnitColumns.STORED.stream().map(c -> "u." + c).toList());
    String theirs =
        String.join(", ", UnitColumns.STORED.stream().map(c -> "EXCLUDED." + c).toList());
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "WITH w AS (INSERT INTO register_unit AS u (register_id, "
                + COLUMNS
                + ") SELECT ?, "
                + COLUMNS
                + " FROM unit_staging ON CONFLICT (register_id, time_period, unit_id) DO UPDATE SET "
                + updates
                + " WHERE ("
                + mine
                + ") IS DISTINCT FROM ("
                + theirs
                + ") RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted),"
                + " count(*) FILTER (WHERE NOT inserted) FROM w")) {
      upsert.setLong(1, registerId);
      try (ResultSet rs = upsert.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private void escape(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      switch (c) {
        case '\\' -> pending.append("\\\\");
        case '\t' -> pending.append("\\t");
        case '\n' -> pending.append("\\n");
        case '\r' -> pending.append("\\r");
        default -> pending.append(c);
      }
    }
  }

  private void flush() throws SQLException {
    if (pending.length() == 0) {
      return;
    }
    byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    pending.setLength(0);
  }

  /** Cancels a copy left open by a failure, so that the connection can be used again. */
  @Override
  public void close() {
    if (copy != null && copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        throw new UncheckedIOException(new IOException("Cancelling the copy failed", e));
      }
    }
  }
}
