package org.coopstats.observation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.TimePeriod;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes the checked rows of one submission with COPY, in the upload's transaction, so that a
 * rejected or cancelled submission leaves nothing behind. Each dataset's draft is a partition of
 * {@code observation_draft} of its own ({@link #ensureDraftTable}). An empty draft takes the rows
 * straight into it, without a key index; a draft that already has rows gets them through a
 * temporary table ({@code staging}, dropped at commit or rollback), merged at the end through the
 * draft's key index, built by the first such merge. A dry run writes nothing.
 */
public final class ObservationStaging implements AutoCloseable {

  private static final int FLUSH_BYTES = 1 << 16;

  private final Connection connection;
  private final long datasetId;
  private final ObservationSql sql;

  /** Where the rows go. */
  public enum Target {
    /** Straight into the dataset's draft, which is empty. */
    DRAFT,
    /** Into a temporary table, merged into the draft by {@link #store()}. */
    MERGE,
    /** Nowhere: a dry run. */
    NONE
  }

  private final Target target;
  private final String workMem;
  private final CopyIn copy;
  private final byte[] datasetField;
  // Each series dimension's codes as COPY fields (tab first), by position in the code list.
  private final byte[][][] codeFields;
  // Where each of the structure's attributes is in CheckedObservation.attribute(int), in order.
  private final int[] attributes;
  private byte[] buffer = new byte[FLUSH_BYTES * 2];
  private int length;
  private long rows;

  /**
   * @param workMem PostgreSQL maintenance_work_mem for building a draft's key index
   */
  public ObservationStaging(
      Connection connection, DataStructure structure, long datasetId, Target target, String workMem)
      throws SQLException {
    this.connection = connection;
    this.datasetId = datasetId;
    this.sql = new ObservationSql(structure);
    this.attributes = carried(structure);
    this.target = target;
    this.workMem = workMem;
    this.datasetField = Long.toString(datasetId).getBytes(StandardCharsets.US_ASCII);
    List<DimensionDef> dimensions = structure.seriesDimensions();
    this.codeFields = new byte[dimensions.size()][][];
    for (int d = 0; d < dimensions.size(); d++) {
      List<Code> codes = structure.codeList(dimensions.get(d).codeListId()).codes();
      codeFields[d] = new byte[codes.size()][];
      for (int p = 0; p < codes.size(); p++) {
        field(codes.get(p).id());
        codeFields[d][p] = Arrays.copyOf(buffer, length);
        length = 0;
      }
    }
    if (target == Target.NONE) {
      this.copy = null;
      return;
    }
    ensureDraftTable(connection, sql, datasetId);
    try (Statement statement = connection.createStatement()) {
      // JIT compiling took longer than the statements it was for (0.9 s for 0.07 s of work).
      statement.execute("SET LOCAL jit = off");
      if (target == Target.MERGE) {
        statement.execute(sql.createStaging());
      } else {
        // The draft is empty: its rows are copied faster without the key index (a merge builds it
        // again). Already dropped by prepareDraftTable on the upload path: then this takes no lock.
        statement.execute(sql.dropDraftKey(datasetId));
      }
    }
    String copySql = target == Target.MERGE ? sql.copyStaging() : sql.copyDraft(datasetId);
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
  }

  /**
   * Readies the dataset's draft table for an upload ({@link #ensureDraftTable}) and, when the
   * upload will write into an empty draft (it replaces the draft, or the draft has no rows), drops
   * the key index, which copying without is several times faster. Dropping it locks out every
   * reader of drafts until commit: call it in a short transaction of its own before the upload,
   * under the dataset's lock (the upload's own calls then find the table and no index).
   */
  public static void prepareDraftTable(
      Connection connection, DataStructure structure, long datasetId, boolean replaces)
      throws SQLException {
    ObservationSql sql = new ObservationSql(structure);
    ensureDraftTable(connection, sql, datasetId);
    if (replaces || !hasDraft(connection, structure, datasetId)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.dropDraftKey(datasetId));
      }
    }
  }

  /**
   * Makes sure the dataset has its draft table, a partition of {@code observation_draft}. Attaching
   * one holds a lock on {@code observation_draft} that makes the next attach wait: call it in a
   * short transaction of its own before the upload ({@link #prepareDraftTable}), under the
   * dataset's lock, which keeps two writers of one dataset from creating it both.
   */
  private static void ensureDraftTable(Connection connection, ObservationSql sql, long datasetId)
      throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement(ObservationSql.tableExists())) {
      exists.setString(1, sql.draftTable(datasetId));
      try (ResultSet rs = exists.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.createDraftTable(datasetId));
      statement.execute(sql.attachDraftTable(datasetId));
    }
  }

  /** Where each attribute of the structure is among those a checked observation carries. */
  private static int[] carried(DataStructure structure) {
    List<AttributeDef> defs = structure.attributes();
    int[] indexes = new int[defs.size()];
    for (int a = 0; a < indexes.length; a++) {
      indexes[a] = CheckedObservation.ATTRIBUTES.indexOf(defs.get(a).id());
      if (indexes[a] < 0) {
        throw new IllegalStateException(
            "Structure "
                + structure.id()
                + " has attribute "
                + defs.get(a).id()
                + ", which checked observations do not carry");
      }
    }
    return indexes;
  }

  /** Empties the dataset's draft (a replacing upload); returns how many rows it had. */
  public static long deleteDraft(Connection connection, DataStructure structure, long datasetId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(new ObservationSql(structure).deleteDraft())) {
      statement.setLong(1, datasetId);
      return statement.executeLargeUpdate();
    }
  }

  /**
   * Records the first and last day of each period in {@code reference_period}, which the draft's
   * rows refer to by text. Periods are facts of the calendar, not of a submission: call it in a
   * transaction of its own, so that a period another upload is adding does not make this one wait
   * for that upload to end.
   */
  public static void recordPeriods(Connection connection, List<TimePeriod> periods)
      throws SQLException {
    if (periods.isEmpty()) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(ObservationSql.recordPeriods())) {
      statement.setArray(
          1, connection.createArrayOf("text", periods.stream().map(TimePeriod::text).toArray()));
      statement.setArray(
          2,
          connection.createArrayOf(
              "date", periods.stream().map(p -> java.sql.Date.valueOf(p.start())).toArray()));
      statement.setArray(
          3,
          connection.createArrayOf(
              "date", periods.stream().map(p -> java.sql.Date.valueOf(p.end())).toArray()));
      statement.executeUpdate();
    }
  }

  public static boolean hasDraft(Connection connection, DataStructure structure, long datasetId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(new ObservationSql(structure).hasDraft())) {
      statement.setLong(1, datasetId);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Writes a row in COPY's text format, straight into the buffer that goes to the server. */
  public void add(CheckedObservation observation) throws SQLException {
    rows++;
    if (target == Target.NONE) {
      return;
    }
    for (byte b : datasetField) {
      put(b);
    }
    int[] positions = observation.keyPositions();
    for (int d = 0; d < positions.length; d++) {
      byte[] code = codeFields[d][positions[d]];
      ensure(code.length);
      System.arraycopy(code, 0, buffer, length, code.length);
      length += code.length;
    }
    field(observation.period().text());
    BigDecimal value = observation.value();
    if (value != null && value.scale() == 0 && value.precision() < 19) {
      number(value.longValue());
    } else {
      field(value == null ? null : value.toPlainString());
    }
    for (int attribute : attributes) {
      field(observation.attribute(attribute));
    }
    field(observation.deletion() ? "t" : "f");
    put((byte) '\n');
    if (length >= FLUSH_BYTES) {
      flush();
    }
  }

  /** Ends the COPY. */
  public void finish() throws SQLException {
    if (copy != null) {
      flush();
      copy.endCopy();
    }
  }

  /**
   * Makes the written rows part of the draft: rows written straight into it already are; staged
   * rows are merged (new keys inserted, keys already in the draft take the new value, attributes
   * and deletion). Returns {inserted, updated}.
   */
  public long[] store() throws SQLException {
    if (target == Target.NONE) {
      throw new IllegalStateException("A dry run stores nothing");
    }
    if (target == Target.DRAFT) {
      return new long[] {rows, 0};
    }
    try (PreparedStatement memory =
            connection.prepareStatement("SELECT set_config('maintenance_work_mem', ?, true)");
        Statement statement = connection.createStatement()) {
      memory.setString(1, workMem);
      memory.execute();
      // Once per draft (the first merge into it): proportional to the draft, then each merge
      // probes the index per staged row, proportional to the chunk.
      statement.execute(sql.createDraftKey(datasetId));
      try (ResultSet rs = statement.executeQuery(sql.mergeIntoDraft(datasetId))) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (copy != null && copy.isActive()) {
      copy.cancelCopy();
    }
  }

  private void field(String value) {
    if (value == null) {
      put((byte) '\t');
      put((byte) '\\');
      put((byte) 'N');
      return;
    }
    int n = value.length();
    ensure(n + 1);
    buffer[length++] = '\t';
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '\\') {
        escapedFrom(value, i);
        return;
      }
      buffer[length++] = (byte) c;
    }
  }

  /** Writes the rest of a value from {@code from}, escaping what COPY's text format needs. */
  private void escapedFrom(String value, int from) {
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> escaped('\\');
        case '\t' -> escaped('t');
        case '\n' -> escaped('n');
        case '\r' -> escaped('r');
        default -> {
          if (c < 0x80) {
            put((byte) c);
          } else {
            int end = i + 1;
            while (end < value.length() && value.charAt(end) >= 0x80) {
              end++;
            }
            for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
              put(b);
            }
            i = end - 1;
          }
        }
      }
    }
  }

  private void escaped(char c) {
    put((byte) '\\');
    put((byte) c);
  }

  /** Writes a whole number as a field, digit by digit (no String on the way). */
  private void number(long value) {
    ensure(21);
    buffer[length++] = '\t';
    if (value < 0) {
      buffer[length++] = '-';
      value = -value; // never Long.MIN_VALUE: values have at most 18 digits here
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private void put(byte b) {
    if (length == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    buffer[length++] = b;
  }

  private void flush() throws SQLException {
    if (length > 0) {
      copy.writeToCopy(buffer, 0, length);
      length = 0;
    }
  }
}
