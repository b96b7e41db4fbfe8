package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.coopstats.register.UnitColumns;

/**
 * One cooperative of a register in one period, as the tabulation reads it. Confidential: it never
 * leaves the tabulation, and nothing of it is logged.
 *
 * @param members natural persons by sex (F, M, unknown), then legal entities, then cooperatives;
 *     null where the record does not give them
 * @param workers by {@link #WORK_CATEGORIES}, each by sex (F, M, unknown); null where not given
 * @param money by {@link #MONEY_MEASURES}; null where not given
 */
record UnitRecord(
    String unitId,
    String area,
    String type,
    String level,
    String activity,
    String status,
    LocalDate registeredOn,
    LocalDate dissolvedOn,
    Long[] members,
    Long[][] workers,
    BigDecimal[] money,
    String currency) {

  static final List<String> WORK_CATEGORIES = UnitColumns.WORK_CATEGORIES;
  static final List<String> SEXES = List.of("F", "M", "_U");
  static final List<String> MONEY_MEASURES = UnitColumns.MONEY;

  /** Money flows of the period: a cooperative dissolved during it still had them. */
  static final List<String> FLOWS = List.of("TURNOVER", "VALUE_ADDED", "WAGES", "SURPLUS");

  static final int NP_F = 0;
  static final int LE = 3;
  static final int CO = 4;

  /** The columns read, in the order {@link #read} expects them. */
  static final List<String> COLUMNS = columns();

  /** The stored columns but the period (the tabulation reads one) and the national type. */
  private static List<String> columns() {
    return UnitColumns.STORED.stream()
        .filter(c -> !c.equals("time_period") && !c.equals("national_type"))
        .toList();
  }

  /** The columns, each prefixed with a table alias. */
  static String columns(String alias) {
    return String.join(", ", COLUMNS.stream().map(c -> alias + "." + c).toList());
  }

  boolean registered() {
    return !"DISSOLVED".equals(status);
  }

  boolean active() {
    return "ACTIVE".equals(status);
  }

  /** The record in the columns from {@code first} on; null when the row has none there. */
  static UnitRecord read(ResultSet rs, int first) throws SQLException {
    int c = first;
    String unitId = rs.getString(c++);
    if (unitId == null) {
      return null;
    }
    String area = rs.getString(c++);
    String type = rs.getString(c++);
    String level = rs.getString(c++);
    String activity = rs.getString(c++);
    String status = rs.getString(c++);
    LocalDate registered = rs.getObject(c++, LocalDate.class);
    LocalDate dissolved = rs.getObject(c++, LocalDate.class);
    Long[] members = new Long[5];
    for (int i = 0; i < members.length; i++) {
      members[i] = rs.getObject(c++, Long.class);
    }
    Long[][] workers = new Long[WORK_CATEGORIES.size()][SEXES.size()];
    for (Long[] category : workers) {
      for (int s = 0; s < category.length; s++) {
        category[s] = rs.getObject(c++, Long.class);
      }
    }
    BigDecimal[] money = new BigDecimal[MONEY_MEASURES.size()];
    for (int i = 0; i < money.length; i++) {
      money[i] = rs.getBigDecimal(c++);
    }
    String currency = rs.getString(c);
    return new UnitRecord(
        unitId,
        area,
        type,
        level,
        activity,
        status,
        registered,
        dissolved,
        members,
        workers,
        money,
        currency);
  }
}
