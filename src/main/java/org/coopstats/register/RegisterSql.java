package org.coopstats.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.coopstats.register.RegisterViews.DisclosureRules;

/** The statements that write a register's own row. */
final class RegisterSql {

  private RegisterSql() {}

  static long insert(
      DataSource dataSource,
      String provider,
      String name,
      String description,
      DisclosureRules rules,
      OffsetDateTime now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO register (provider_id, name, description, min_frequency,"
                    + " dominance_n, dominance_k, p_percent, protection_percent,"
                    + " protect_unit_counts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?) RETURNING id")) {
      insert.setString(1, provider);
      insert.setString(2, name.trim());
      insert.setString(3, description);
      setRules(insert, 4, rules);
      insert.setObject(10, now);
      insert.setObject(11, now);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the register failed", e);
    }
  }

  static void updateRules(
      DataSource dataSource, long id, DisclosureRules rules, OffsetDateTime now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE register SET min_frequency = ?, dominance_n = ?, dominance_k = ?,"
                    + " p_percent = ?, protection_percent = ?, protect_unit_counts = ?,"
                    + " updated_at = ? WHERE id = ?")) {
      setRules(update, 1, rules);
      update.setObject(7, now);
      update.setLong(8, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Changing the register's rules failed", e);
    }
  }

  static void touch(Connection connection, long id, OffsetDateTime now) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE register SET updated_at = ? WHERE id = ?")) {
      update.setObject(1, now);
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  static long count(Connection connection, String sql, Optional<String> parameter)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      if (parameter.isPresent()) {
        select.setString(1, parameter.get());
      }
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void setRules(PreparedStatement statement, int first, DisclosureRules rules)
      throws SQLException {
    statement.setInt(first, rules.minFrequency());
    statement.setInt(first + 1, rules.dominanceN());
    statement.setDouble(first + 2, rules.dominanceK());
    statement.setDouble(first + 3, rules.pPercent());
    statement.setDouble(first + 4, rules.protectionPercent());
    statement.setBoolean(first + 5, rules.protectUnitCounts());
  }
}
