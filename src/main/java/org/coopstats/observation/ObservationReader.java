package org.coopstats.observation;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;

/**
 * Reads the observation tables through JDBC: the pages of values a query asks for, and the
 * published values an upload compares with (R10).
 */
@ApplicationScoped
public class ObservationReader {

  private final DataSource dataSource;

  public ObservationReader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The same reads on another copy of the tables (a read replica), for released data only. */
  public ObservationReader on(DataSource source) {
    return new ObservationReader(source);
  }

  /** The page of observations {@code query} asks for, with their count. */
  public Page<ObservationRow> find(ObservationQuery query, DataStructure structure) {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, query, structure);
    } catch (SQLException e) {
      throw new IllegalStateException("Querying observations failed", e);
    }
  }

  static Page<ObservationRow> find(
      Connection connection, ObservationQuery query, DataStructure structure) throws SQLException {
    ObservationSql sql = new ObservationSql(structure);
    ObservationSql.Select select = sql.select(query);
    List<ObservationRow> rows = rows(connection, sql, select, query.visibility().at());
    int limit = query.page().limit();
    int offset = query.page().offset();
    long total =
        rows.size() < limit && (offset == 0 || !rows.isEmpty())
            ? offset + rows.size() // the last page tells the total without counting
            : count(connection, select);
    return new Page<>(rows, total, offset, limit);
  }

  /**
   * The page of observations {@code query} (a released view) asks for, paged by {@code landmarks}
   * (asked for only when needed, never while this holds a connection): a page from an offset of
   * {@code every} or more seeks past the landmark before it; the total is the last page's own, else
   * the landmarks'.
   *
   * @param every the spacing below which a page is read with a plain OFFSET
   */
  public Page<ObservationRow> find(
      ObservationQuery query, DataStructure structure, int every, Supplier<Landmarks> landmarks) {
    int limit = query.page().limit();
    int offset = query.page().offset();
    Landmarks marks = offset >= every ? landmarks.get() : null;
    ObservationSql sql = new ObservationSql(structure);
    ObservationSql.Select select =
        marks == null ? sql.select(query) : sql.select(query, marks.seek(offset));
    List<ObservationRow> rows;
    try (Connection connection = dataSource.getConnection()) {
      rows = rows(connection, sql, select, query.visibility().at());
    } catch (SQLException e) {
      throw new IllegalStateException("Querying observations failed", e);
    }
    long total =
        isLast(rows, offset, limit)
            ? offset + rows.size()
            : (marks == null ? landmarks.get() : marks).total();
    return new Page<>(rows, total, offset, limit);
  }

  /** The last page tells the total without counting. */
  private static boolean isLast(List<ObservationRow> rows, int offset, int limit) {
    return rows.size() < limit && (offset == 0 || !rows.isEmpty());
  }

  /**
   * The total of {@code query} (a released view) and the sort key of every {@code every}-th row, in
   * one pass over its rows in order.
   */
  public Landmarks landmarks(ObservationQuery query, DataStructure structure, int every) {
    ObservationSql sql = new ObservationSql(structure);
    ObservationSql.Statement statement = sql.landmarks(query, every);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
      bind(connection, prepared, statement.parameters());
      try (ResultSet rs = prepared.executeQuery()) {
        return landmarks(rs, sql, every);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Counting observations failed", e);
    }
  }

  private static Landmarks landmarks(ResultSet rs, ObservationSql sql, int every)
      throws SQLException {
    List<List<Object>> keys = new ArrayList<>();
    // codes repeat from key to key: one String each keeps a cached entry small
    Map<String, String> texts = new HashMap<>();
    int width = sql.orderedColumns().size();
    long total = 0;
    while (rs.next()) {
      total = rs.getLong(1);
      if (total % every != 0) {
        continue; // the last row, there only for the total
      }
      List<Object> key = new ArrayList<>(width);
      int c = 3;
      for (int i = 0; i < sql.keyColumns().size(); i++) {
        key.add(texts.computeIfAbsent(rs.getString(c++), t -> t));
      }
      key.add(rs.getObject(c++, LocalDate.class));
      key.add(texts.computeIfAbsent(rs.getString(c++), t -> t));
      key.add(rs.getLong(c++));
      key.add(rs.getObject(c, OffsetDateTime.class));
      keys.add(Collections.unmodifiableList(key));
    }
    return new Landmarks(total, every, keys);
  }

  private static List<ObservationRow> rows(
      Connection connection, ObservationSql sql, ObservationSql.Select select, OffsetDateTime now)
      throws SQLException {
    List<ObservationRow> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(select.rows())) {
      bind(connection, statement, select.rowParameters());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs, sql, now));
        }
      }
    }
    return rows;
  }

  private static long count(Connection connection, ObservationSql.Select select)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(select.count())) {
      bind(connection, statement, select.countParameters());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A row of {@link ObservationSql#select}, whose columns it lists. */
  private static ObservationRow row(ResultSet rs, ObservationSql sql, OffsetDateTime now)
      throws SQLException {
    int c = 1;
    long datasetId = rs.getLong(c++);
    String providerId = rs.getString(c++);
    int width = sql.keyColumns().size();
    List<String> key = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      key.add(rs.getString(c++));
    }
    String timePeriod = rs.getString(c++);
    BigDecimal value = rs.getBigDecimal(c++);
    // getString gives a whole-number column in its decimal digits, as it is served
    String[] attributes = new String[sql.attributeIds().size()];
    for (int i = 0; i < attributes.length; i++) {
      attributes[i] = rs.getString(c++);
    }
    return new ObservationRow(
        datasetId,
        providerId,
        key,
        timePeriod,
        value,
        sql.attributeIds(),
        Collections.unmodifiableList(Arrays.asList(attributes)),
        rs.getObject(c++, OffsetDateTime.class),
        hideFuture(rs.getObject(c++, OffsetDateTime.class), now),
        rs.getString(c));
  }

  /** A closing time still to come belongs to an embargoed release: not shown. */
  private static OffsetDateTime hideFuture(OffsetDateTime validTo, OffsetDateTime now) {
    return validTo == null || validTo.isAfter(now) ? null : validTo;
  }

  private static void bind(Connection connection, PreparedStatement statement, List<Object> values)
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
  }

  /** Takes a published value with a whole-number attribute (see {@link #nonZeroPublished}). */
  @FunctionalInterface
  public interface PublishedValueSink {
    /**
     * @param key the codes of the series dimensions, in key order
     */
    void accept(List<String> key, String timePeriod, int attribute, BigDecimal value);
  }

  /**
   * Gives every non-zero value of the dataset published at {@code at} to {@code sink}, with its
   * {@code attribute} (a whole number, such as the unit multiplier R10 compares by), in the
   * connection's transaction.
   */
  public static void nonZeroPublished(
      Connection connection,
      DataStructure structure,
      long datasetId,
      OffsetDateTime at,
      AttributeDef attribute,
      PublishedValueSink sink)
      throws SQLException {
    ObservationSql sql = new ObservationSql(structure);
    try (PreparedStatement statement =
        connection.prepareStatement(sql.nonZeroPublished(attribute))) {
      Timestamp moment = Timestamp.from(at.toInstant());
      statement.setLong(1, datasetId);
      statement.setTimestamp(2, moment);
      statement.setTimestamp(3, moment);
      statement.setFetchSize(10_000);
      try (ResultSet rs = statement.executeQuery()) {
        int width = sql.keyColumns().size();
        while (rs.next()) {
          List<String> key = new ArrayList<>(width);
          for (int i = 1; i <= width; i++) {
            key.add(rs.getString(i));
          }
          sink.accept(
              key, rs.getString(width + 1), rs.getInt(width + 2), rs.getBigDecimal(width + 3));
        }
      }
    }
  }

  // ---- Streaming reads (SDMX exports, availability) ---------------------------------------

  /**
   * Opens a server-side cursor on every row {@code query} asks for (its page aside), in the order
   * of {@link ObservationSql#stream}, with its first row read; the caller closes it.
   */
  public ObservationCursor open(ObservationQuery query, DataStructure structure) {
    ObservationSql sql = new ObservationSql(structure);
    return openCursor(
            sql, sql.stream(query), query.visibility().at(), Reading.SNAPSHOT, connection -> -1)
        .rows();
  }

  /** A page's rows as they come from a cursor, and the total of the query they are a page of. */
  public record PageCursor(ObservationCursor rows, long total) implements AutoCloseable {
    @Override
    public void close() {
      rows.close();
    }
  }

  /**
   * Opens a server-side cursor on the page of rows {@code query} asks for, in the order of {@link
   * ObservationSql#select}, with its first row read; the caller closes it. The total is {@code
   * marks}' (a released view: the page then seeks past the landmark before it), or, without marks,
   * counted in the cursor's own transaction, so that it agrees with the rows.
   *
   * @param marks the landmarks of the query (a released view), or null
   */
  public PageCursor openPage(ObservationQuery query, DataStructure structure, Landmarks marks) {
    ObservationSql sql = new ObservationSql(structure);
    ObservationSql.Select select =
        marks == null ? sql.select(query) : sql.select(query, marks.seek(query.page().offset()));
    ObservationSql.Unpaged page = new ObservationSql.Unpaged(select.rows(), select.rowParameters());
    Reading reading;
    if (marks == null) {
      reading = Reading.SNAPSHOT; // the count and the rows
    } else if (query.page().limit() <= ObservationCursor.FETCH_SIZE) {
      reading = Reading.AT_ONCE;
    } else {
      reading = Reading.STATEMENT;
    }
    return openCursor(
        sql,
        page,
        query.visibility().at(),
        reading,
        connection -> marks == null ? count(connection, select) : marks.total());
  }

  /**
   * How a cursor's connection reads, the fewest round trips for what it needs: a cursor needs a
   * transaction (autocommit off, without which PostgreSQL sends every row at once), several
   * statements on one snapshot need it repeatable-read; a page of one fetch needs neither.
   */
  private enum Reading {
    /** Several statements (a count and the rows, or two passes) on one snapshot. */
    SNAPSHOT,
    /** One statement, its rows a fetch at a time. */
    STATEMENT,
    /** One statement whose rows fit in one fetch: as a plain query. */
    AT_ONCE
  }

  /** What a cursor's total is: counted on its connection, in its transaction, or known. */
  @FunctionalInterface
  private interface Total {
    long of(Connection connection) throws SQLException;
  }

  /** A cursor on {@code select}, its first row read, and the total {@code total} gives first. */
  private PageCursor openCursor(
      ObservationSql sql,
      ObservationSql.Unpaged select,
      OffsetDateTime now,
      Reading reading,
      Total total) {
    Connection connection = null;
    ObservationCursor cursor = null;
    try {
      connection = connection(reading);
      long counted = total.of(connection);
      cursor = new ObservationCursor(connection, sql, select, now, reading != Reading.AT_ONCE);
      cursor.rewind();
      return new PageCursor(cursor, counted);
    } catch (SQLException e) {
      if (cursor != null) {
        cursor.close();
      } else {
        closeQuietly(connection);
      }
      throw new IllegalStateException("Querying observations failed", e);
    }
  }

  /**
   * A pooled connection set for {@code reading}; {@link ObservationCursor#close} ends its
   * transaction. SET TRANSACTION, not the session's isolation: nothing to reset afterwards.
   */
  private Connection connection(Reading reading) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      if (reading != Reading.AT_ONCE) {
        connection.setAutoCommit(false);
      }
      if (reading == Reading.SNAPSHOT) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the query's failure is what the caller reports
      }
    }
  }

  /** The codes present per series dimension, and the period range they cover. */
  public record DistinctCodes(
      List<java.util.Set<String>> codes,
      java.time.LocalDate firstStart,
      java.time.LocalDate lastEnd) {}

  /**
   * The distinct codes of each series dimension (in key order) among the rows {@code query} asks
   * for (its page aside), and the first start and last end of their periods (nulls when no row
   * matches): one statement ({@link ObservationSql#distinctCodes}), without reading the rows.
   */
  public DistinctCodes distinctCodes(ObservationQuery query, DataStructure structure) {
    ObservationSql sql = new ObservationSql(structure);
    ObservationSql.Unpaged select = sql.distinctCodes(query);
    int width = sql.keyColumns().size();
    List<java.util.Set<String>> codes = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      codes.add(new java.util.HashSet<>());
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(select.sql())) {
      bind(connection, statement, select.parameters());
      java.time.LocalDate start = null;
      java.time.LocalDate end = null;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          int grouping = rs.getInt(width + 3);
          for (int i = 0; i < width; i++) {
            if ((grouping & (1 << (width - 1 - i))) == 0 && rs.getString(i + 1) != null) {
              codes.get(i).add(rs.getString(i + 1));
            }
          }
          if (grouping == (1 << width) - 1) {
            start = rs.getObject(width + 1, java.time.LocalDate.class);
            end = rs.getObject(width + 2, java.time.LocalDate.class);
          }
        }
      }
      return new DistinctCodes(codes, start, end);
    } catch (SQLException e) {
      throw new IllegalStateException("Querying observations failed", e);
    }
  }

  static ObservationRow readRow(ResultSet rs, ObservationSql sql, OffsetDateTime now)
      throws SQLException {
    return row(rs, sql, now);
  }

  static void bindAll(Connection connection, PreparedStatement statement, List<Object> values)
      throws SQLException {
    bind(connection, statement, values);
  }
}
