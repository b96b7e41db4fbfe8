package org.coopstats.tabulation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.disclosure.DisclosureSettings;

/** What a tabulation reads from and writes to the database, in the upload's transaction. */
final class TabulationSql {

  /** A register as the tabulation needs it: its provider and its disclosure rules. */
  record RegisterRow(long id, String providerId, String name, DisclosureSettings settings) {}

  /** The dataset written into: its provider, structure and last published version. */
  record DatasetRow(long id, String providerId, String structureId, int version) {}

  /** The cells an earlier tabulation wrote, by series key, with their CONF_STATUS. */
  record Baseline(long tabulationId, Map<String, String> confStatusByKey) {}

  private final Connection connection;

  TabulationSql(Connection connection) {
    this.connection = connection;
  }

  /** The register, locked against uploads of unit records while it is tabulated. */
  Optional<RegisterRow> lockRegister(long registerId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, provider_id, name, min_frequency, dominance_n, dominance_k, p_percent,"
                + " protection_percent, protect_unit_counts FROM register WHERE id = ? FOR SHARE")) {
      select.setLong(1, registerId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        DisclosureSettings settings =
            new DisclosureSettings(
                rs.getInt(4),
                rs.getInt(5),
                rs.getDouble(6),
                rs.getDouble(7),
                rs.getDouble(8),
                rs.getBoolean(9));
        return Optional.of(
            new RegisterRow(rs.getLong(1), rs.getString(2), rs.getString(3), settings));
      }
    }
  }

  Optional<DatasetRow> dataset(long datasetId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, provider_id, structure_id, version FROM dataset WHERE id = ?")) {
      select.setLong(1, datasetId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new DatasetRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
            : Optional.empty();
      }
    }
  }

  /**
   * Per area of the period's units: how many, and the currencies their money is in. Counts and
   * codes only, never a unit's figure.
   */
  Map<String, List<String>> currenciesByArea(long registerId, String period) throws SQLException {
    Map<String, List<String>> areas = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT ref_area, array_remove(array_agg(DISTINCT currency), NULL) FROM register_unit"
                + " WHERE register_id = ? AND time_period = ? GROUP BY ref_area")) {
      select.setLong(1, registerId);
      select.setString(2, period);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String[] currencies = (String[]) rs.getArray(2).getArray();
          areas.put(rs.getString(1), List.of(currencies));
        }
      }
    }
    return areas;
  }

  /** Whether any unit of the period gives each column (a column nobody gives is not tabulated). */
  Map<String, Boolean> columnsGiven(long registerId, String period) throws SQLException {
    List<String> columns = UnitRecord.COLUMNS.subList(8, UnitRecord.COLUMNS.size() - 1);
    String sql =
        "SELECT "
            + String.join(
                ", ", columns.stream().map(c -> "bool_or(" + c + " IS NOT NULL)").toList())
            + " FROM register_unit WHERE register_id = ? AND time_period = ?";
    Map<String, Boolean> given = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, registerId);
      select.setString(2, period);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        for (int i = 0; i < columns.size(); i++) {
          given.put(columns.get(i), rs.getBoolean(i + 1));
        }
      }
    }
    return given;
  }

  /**
   * The tabulation whose cells are public now or scheduled: the latest of this register, dataset
   * and period that ran on an earlier published version than the dataset's (its draft was published
   * since).
   */
  Optional<Baseline> baseline(long registerId, DatasetRow dataset, String period)
      throws SQLException {
    Long id = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id FROM register_tabulation WHERE register_id = ? AND dataset_id = ? AND"
                + " time_period = ? AND base_version < ? ORDER BY id DESC LIMIT 1")) {
      select.setLong(1, registerId);
      select.setLong(2, dataset.id());
      select.setString(3, period);
      select.setInt(4, dataset.version());
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          id = rs.getLong(1);
        }
      }
    }
    if (id == null) {
      return Optional.empty();
    }
    Map<String, String> cells = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT series_key, conf_status FROM register_tabulation_cell WHERE tabulation_id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          cells.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return Optional.of(new Baseline(id, cells));
  }

  /**
   * The period's units side by side with the same units as the baseline read them (either side
   * empty where a unit came or went), streamed.
   */
  PreparedStatement unitsAgainstBaseline(long registerId, String period, long baselineId)
      throws SQLException {
    PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + UnitRecord.columns("n")
                + ", "
                + UnitRecord.columns("o")
                + " FROM (SELECT * FROM register_unit WHERE register_id = ? AND time_period = ?) n"
                + " FULL JOIN (SELECT * FROM register_tabulation_unit WHERE tabulation_id = ?) o"
                + " ON o.unit_id = n.unit_id");
    try {
      select.setFetchSize(2000);
      select.setLong(1, registerId);
      select.setString(2, period);
      select.setLong(3, baselineId);
      return select;
    } catch (SQLException e) {
      select.close();
      throw e;
    }
  }

  /** Records a tabulation with a copy of the units it read; returns its id. */
  long recordTabulation(TabulationRecord record) throws SQLException {
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO register_tabulation (register_id, dataset_id, time_period, base_version,"
                + " actor, created_at, units, cells, primary_cells, secondary_cells, summary)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setLong(1, record.registerId());
      insert.setLong(2, record.datasetId());
      insert.setString(3, record.period());
      insert.setInt(4, record.baseVersion());
      insert.setString(5, record.actor());
      insert.setObject(6, record.createdAt());
      insert.setLong(7, record.units());
      insert.setInt(8, record.cells());
      insert.setInt(9, record.primary());
      insert.setInt(10, record.secondary());
      insert.setString(11, record.summaryJson());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    String columns = "time_period, " + String.join(", ", UnitRecord.COLUMNS) + ", national_type";
    try (PreparedStatement copy =
        connection.prepareStatement(
            "INSERT INTO register_tabulation_unit ("
                + columns
                + ", tabulation_id) SELECT "
                + columns
                + ", ? FROM register_unit WHERE register_id = ? AND time_period = ?")) {
      copy.setLong(1, id);
      copy.setLong(2, record.registerId());
      copy.setString(3, record.period());
      copy.executeUpdate();
    }
    return id;
  }

  /** The cells a tabulation wrote, with their protection. */
  void recordCells(long tabulationId, List<String> keys, List<String> values, List<String> status)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO register_tabulation_cell (tabulation_id, series_key, value, conf_status)"
                + " VALUES (?, ?, ?::numeric, ?)")) {
      for (int i = 0; i < keys.size(); i++) {
        insert.setLong(1, tabulationId);
        insert.setString(2, keys.get(i));
        insert.setString(3, values.get(i));
        insert.setString(4, status.get(i));
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }
}
