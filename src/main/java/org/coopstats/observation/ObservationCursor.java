package org.coopstats.observation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * The rows of one query as they come from a server-side cursor ({@link ObservationReader#open},
 * {@link ObservationReader#openPage}): one connection, held until {@link #close}, in a transaction
 * (autocommit off and a fetch size, without which PostgreSQL sends every row at once; read-only
 * repeatable-read where it needs one snapshot for several statements), or none for rows that fit in
 * one fetch. The first row is read when it opens, so that whether there is any is known before an
 * answer starts. {@link #rewind} runs the query again in the same transaction, on the same
 * snapshot, for a writer that needs two passes.
 */
public final class ObservationCursor implements ObservationRows, AutoCloseable {

  /** The rows PostgreSQL sends per round trip. */
  static final int FETCH_SIZE = 2_000;

  private static final Logger LOG = Logger.getLogger(ObservationCursor.class);

  private final Connection connection;
  private final ObservationSql sql;
  private final ObservationSql.Unpaged select;
  private final OffsetDateTime now;
  private final boolean transaction;
  private PreparedStatement statement;
  private ResultSet rows;
  private ObservationRow next;
  private boolean closed;

  ObservationCursor(
      Connection connection,
      ObservationSql sql,
      ObservationSql.Unpaged select,
      OffsetDateTime now,
      boolean transaction) {
    this.connection = connection;
    this.sql = sql;
    this.select = select;
    this.now = now;
    this.transaction = transaction;
  }

  /** Runs the query (again) from its first row. */
  @Override
  public void rewind() throws SQLException {
    closeStatement();
    statement = connection.prepareStatement(select.sql());
    statement.setFetchSize(FETCH_SIZE);
    ObservationReader.bindAll(connection, statement, select.parameters());
    rows = statement.executeQuery();
    advance();
  }

  /** Whether there is a row to take. */
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public ObservationRow peek() {
    return next;
  }

  @Override
  public ObservationRow next() throws SQLException {
    ObservationRow row = next;
    if (row != null) {
      advance();
    }
    return row;
  }

  private void advance() throws SQLException {
    next = rows.next() ? ObservationReader.readRow(rows, sql, now) : null;
  }

  private void closeStatement() throws SQLException {
    if (statement != null) {
      statement.close(); // closes its result set, and the portal on the server
      statement = null;
      rows = null;
    }
  }

  /**
   * Ends the transaction (if any) and gives the connection back to the pool, with its settings as
   * they were. Safe to call more than once.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (connection) {
      closeStatement();
      if (transaction) {
        connection.rollback(); // nothing written: ends the transaction
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the pool drops a connection whose reset fails
      LOG.debugf(e, "Closing an observation cursor failed");
    }
  }
}
