package org.coopstats.register;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;

/**
 * Reads stored unit records back in the columns of an upload, so that what is read can be uploaded
 * again: a count split by sex gives its total, and its parts where they were given.
 */
final class UnitRecords {

  private UnitRecords() {}

  static Page<Map<String, Object>> page(
      Connection connection, long registerId, String period, String unitId, PageRequest page)
      throws SQLException {
    String where =
        " FROM register_unit WHERE register_id = ?"
            + (period == null ? "" : " AND time_period = ?")
            + (unitId == null ? "" : " AND unit_id = ?");
    long total;
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*)" + where)) {
      bind(count, registerId, period, unitId);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + String.join(", ", UnitColumns.STORED)
                + where
                + " ORDER BY time_period, unit_id OFFSET "
                + page.offset()
                + " LIMIT "
                + page.limit())) {
      bind(select, registerId, period, unitId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          items.add(record(rs));
        }
      }
    }
    return new Page<>(items, total, page.offset(), page.limit());
  }

  private static void bind(
      PreparedStatement statement, long registerId, String period, String unitId)
      throws SQLException {
    int p = 1;
    statement.setLong(p++, registerId);
    if (period != null) {
      statement.setString(p++, period);
    }
    if (unitId != null) {
      statement.setString(p, unitId);
    }
  }

  /** One record in upload columns; a column the record does not give is left out. */
  static Map<String, Object> record(ResultSet rs) throws SQLException {
    Map<String, Object> stored = new LinkedHashMap<>();
    for (int c = 0; c < UnitColumns.STORED.size(); c++) {
      stored.put(UnitColumns.STORED.get(c), rs.getObject(c + 1));
    }
    Map<String, Object> record = new LinkedHashMap<>();
    put(record, UnitColumns.UNIT_ID, stored.get("unit_id"));
    put(record, UnitColumns.TIME_PERIOD, stored.get("time_period"));
    for (String column : UnitColumns.CODED) {
      put(record, column, stored.get(UnitColumns.storedName(column)));
    }
    put(record, UnitColumns.STATUS, stored.get("status"));
    put(record, UnitColumns.REGISTERED, text(stored.get("registered_on")));
    put(record, UnitColumns.DISSOLVED, text(stored.get("dissolved_on")));
    for (String count : UnitColumns.BY_SEX) {
      String name = UnitColumns.storedName(count);
      Long female = (Long) stored.get(name + "_f");
      Long male = (Long) stored.get(name + "_m");
      Long rest = (Long) stored.get(name + "_u");
      if (female != null || male != null || rest != null) {
        put(record, count, orZero(female) + orZero(male) + orZero(rest));
      }
      put(record, count + UnitColumns.FEMALE, female);
      put(record, count + UnitColumns.MALE, male);
      if (count.equals(UnitColumns.MEMBERS_NP)) {
        put(record, UnitColumns.MEMBERS_LE, stored.get("members_le"));
        put(record, UnitColumns.MEMBERS_CO, stored.get("members_co"));
      }
    }
    for (String money : UnitColumns.MONEY) {
      put(record, money, (BigDecimal) stored.get(UnitColumns.storedName(money)));
    }
    put(record, UnitColumns.CURRENCY, stored.get("currency"));
    put(record, UnitColumns.NATIONAL_TYPE, stored.get("national_type"));
    return record;
  }

  private static void put(Map<String, Object> record, String column, Object value) {
    if (value != null) {
      record.put(column, value);
    }
  }

  private static Object text(Object date) {
    return date == null ? null : date.toString();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
