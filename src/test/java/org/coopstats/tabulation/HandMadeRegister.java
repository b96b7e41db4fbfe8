package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small register made by hand, with its figures aggregated here a second way (filtering the
 * records for each key, with none of the service's code), so that a test can compare every cell the
 * service publishes with this.
 */
final class HandMadeRegister {

  /** One record, with the fields the tests use (workers: employees by sex, worker-members). */
  record Unit(
      String id,
      String area,
      String type,
      String level,
      String activity,
      String status,
      String registered,
      String dissolved,
      long npF,
      long npM,
      long le,
      long co,
      long employeesF,
      long employeesM,
      long workerMembers,
      BigDecimal turnover) {}

  static final String PERIOD = "2024";

  /** Turnover of the one big consumer cooperative in trade: over 85 % of its cell. */
  static final BigDecimal DOMINANT_TURNOVER = new BigDecimal("9876543.21");

  final List<Unit> units = new ArrayList<>();

  HandMadeRegister() {
    // Consumer cooperatives in trade (G): one dominates the turnover.
    units.add(unit("G01", "CA-QC", "CONS", "G", 800, 700, 20, 40, 3, DOMINANT_TURNOVER));
    for (int i = 2; i <= 10; i++) {
      units.add(
          unit(
              "G" + two(i),
              i % 2 == 0 ? "CA-QC" : "CA-ON",
              "CONS",
              "G",
              100 + i,
              90,
              4 + i % 3,
              5,
              1,
              new BigDecimal(20_000 + i * 311)));
    }
    // Producer cooperatives in agriculture (A): two large ones leave little for the rest (p %).
    units.add(unit("A01", "CA-QC", "PROD", "A", 50, 60, 10, 12, 2, new BigDecimal("400000")));
    units.add(unit("A02", "CA-ON", "PROD", "A", 55, 40, 9, 11, 1, new BigDecimal("380000")));
    for (int i = 3; i <= 5; i++) {
      units.add(
          unit("A" + two(i), "CA-ON", "PROD", "A", 20, 25, 2, 2, 0, new BigDecimal(5_000 + i)));
    }
    // Worker cooperatives in manufacturing (C): only two (frequency rule).
    units.add(unit("C01", "CA-AB", "WORK", "C", 30, 25, 3, 4, 40, new BigDecimal("150000")));
    units.add(unit("C02", "CA-AB", "WORK", "C", 12, 10, 1, 2, 15, new BigDecimal("90000")));
    // Savings and credit cooperatives (consumer/user, K): many, even.
    for (int i = 1; i <= 8; i++) {
      units.add(
          unit(
              "K" + two(i),
              i <= 4 ? "CA-QC" : "CA-ON",
              "CONS",
              "K",
              300 + 7 * i,
              280 + 5 * i,
              6 + i,
              7,
              2,
              new BigDecimal(100_000 + 1_000 * i)));
    }
    // Multi-stakeholder cooperatives in health (Q): four, even.
    for (int i = 1; i <= 4; i++) {
      units.add(
          unit(
              "Q" + two(i),
              "CA-ON",
              "MULTI",
              "Q",
              40 + i,
              60 + i,
              8,
              9,
              3,
              new BigDecimal(60_000 + 500 * i)));
    }
    // A dormant one, a dissolved one, one registered in the period.
    units.add(
        new Unit(
            "D01",
            "CA-QC",
            "CONS",
            "PRIM",
            "G",
            "DORMANT",
            "2001-05-01",
            null,
            10,
            12,
            0,
            0,
            0,
            0,
            0,
            null));
    units.add(
        new Unit(
            "X01",
            "CA-ON",
            "CONS",
            "PRIM",
            "K",
            "DISSOLVED",
            "1999-01-01",
            "2024-06-30",
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            new BigDecimal("12000")));
    units.add(
        new Unit(
            "N01",
            "CA-QC",
            "MULTI",
            "PRIM",
            "Q",
            "ACTIVE",
            "2024-03-15",
            null,
            5,
            6,
            1,
            2,
            0,
            0,
            0,
            new BigDecimal("1000")));
    // A federation and a confederation: their members are cooperatives.
    units.add(
        new Unit(
            "F01",
            "CA-QC",
            "CONS",
            "SEC",
            "K",
            "ACTIVE",
            "1980-01-01",
            null,
            0,
            0,
            0,
            0,
            14,
            11,
            0,
            new BigDecimal("250000")));
    units.add(
        new Unit(
            "F02",
            "CA-QC",
            "CONS",
            "TERT",
            "S",
            "ACTIVE",
            "1970-01-01",
            null,
            0,
            0,
            0,
            0,
            5,
            4,
            0,
            new BigDecimal("50000")));
  }

  private static Unit unit(
      String id,
      String area,
      String type,
      String activity,
      long npF,
      long npM,
      long employeesF,
      long employeesM,
      long workerMembers,
      BigDecimal turnover) {
    return new Unit(
        id,
        area,
        type,
        "PRIM",
        activity,
        "ACTIVE",
        "2010-01-01",
        null,
        npF,
        npM,
        1,
        0,
        employeesF,
        employeesM,
        workerMembers,
        turnover);
  }

  private static String two(int i) {
    return i < 10 ? "0" + i : String.valueOf(i);
  }

  /** Member cooperatives of the federation and the confederation. */
  static long memberCooperatives(Unit u) {
    return switch (u.id()) {
      case "F01" -> 23;
      case "F02" -> 3;
      default -> 0;
    };
  }

  /** The value of a COOP_STATS key computed from the records, or null where it is not made. */
  BigDecimal expected(Map<String, String> key) {
    Predicate<Unit> in =
        u ->
            matches(key.get("REF_AREA"), u.area(), "CAN")
                && matches(key.get("COOP_TYPE"), u.type(), "_T")
                && matches(key.get("COOP_LEVEL"), u.level(), "_T")
                && matches(key.get("ACTIVITY"), u.activity(), "_T");
    List<Unit> cell = units.stream().filter(in).toList();
    String measure = key.get("MEASURE");
    return switch (measure) {
      case "COOPS" -> count(cell, u -> u.status().equals("ACTIVE"));
      case "COOPS_REG" -> count(cell, u -> !u.status().equals("DISSOLVED"));
      case "COOPS_NEW" -> count(cell, u -> u.registered().startsWith(PERIOD));
      case "COOPS_CLOSED" ->
          count(cell, u -> u.dissolved() != null && u.dissolved().startsWith(PERIOD));
      case "MEMBERS" -> members(registered(cell), key.get("MEMBER_KIND"), key.get("SEX"));
      case "WORKERS" -> workers(registered(cell), key.get("WORK_CAT"), key.get("SEX"));
      case "TURNOVER" ->
          cell.stream()
              .map(Unit::turnover)
              .filter(t -> t != null)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      default -> null;
    };
  }

  private static boolean matches(String code, String value, String total) {
    return code.equals(total) || code.equals(value) || value.startsWith(code + "-");
  }

  private static List<Unit> registered(List<Unit> cell) {
    return cell.stream().filter(u -> !u.status().equals("DISSOLVED")).toList();
  }

  private static BigDecimal count(List<Unit> cell, Predicate<Unit> counted) {
    return BigDecimal.valueOf(cell.stream().filter(counted).count());
  }

  private static BigDecimal members(List<Unit> cell, String kind, String sex) {
    long sum = 0;
    for (Unit u : cell) {
      long persons =
          switch (sex) {
            case "F" -> u.npF();
            case "M" -> u.npM();
            case "_U" -> 0;
            default -> u.npF() + u.npM();
          };
      sum +=
          switch (kind) {
            case "NP" -> persons;
            case "LE" -> u.le();
            case "CO" -> u.level().equals("PRIM") ? u.co() : memberCooperatives(u);
            default -> u.npF() + u.npM() + u.le() + u.co();
          };
    }
    return BigDecimal.valueOf(sum);
  }

  private static BigDecimal workers(List<Unit> cell, String category, String sex) {
    long sum = 0;
    for (Unit u : cell) {
      long employees =
          switch (sex) {
            case "F" -> u.employeesF();
            case "M" -> u.employeesM();
            case "_U" -> 0;
            default -> u.employeesF() + u.employeesM();
          };
      long workerMembers = sex.equals("_U") || sex.equals("_T") ? u.workerMembers() : 0;
      sum +=
          switch (category) {
            case "IN_EMP_NM" -> employees;
            case "IN_EMP_WM" -> workerMembers;
            case "IN_EMP_OM" -> 0; // given as 0 by every unit
            default -> employees + workerMembers; // IN_EMP, IN_WORK and _T: nothing else given
          };
    }
    return BigDecimal.valueOf(sum);
  }

  /** The records as an upload of unit records (CSV), a blank field where one is not given. */
  String csv() {
    StringBuilder csv =
        new StringBuilder(
            "UNIT_ID,TIME_PERIOD,REF_AREA,COOP_TYPE,COOP_LEVEL,ACTIVITY,STATUS,REGISTERED,"
                + "DISSOLVED,MEMBERS_NP,MEMBERS_NP_F,MEMBERS_NP_M,MEMBERS_LE,MEMBERS_CO,"
                + "IN_EMP_NM,IN_EMP_NM_F,IN_EMP_NM_M,IN_EMP_WM,IN_EMP_OM,TURNOVER,CURRENCY\n");
    for (Unit u : units) {
      boolean primary = u.level().equals("PRIM");
      List<Object> fields =
          java.util.Arrays.asList(
              u.id(),
              PERIOD,
              u.area(),
              u.type(),
              u.level(),
              u.activity(),
              u.status(),
              u.registered(),
              u.dissolved(),
              primary ? u.npF() + u.npM() : null,
              primary ? u.npF() : null,
              primary ? u.npM() : null,
              primary ? u.le() : null,
              primary ? u.co() : memberCooperatives(u),
              u.employeesF() + u.employeesM(),
              u.employeesF(),
              u.employeesM(),
              u.workerMembers(),
              0L,
              u.turnover(),
              u.turnover() == null ? null : "CAD");
      csv.append(String.join(",", fields.stream().map(f -> f == null ? "" : f.toString()).toList()))
          .append('\n');
    }
    return csv.toString();
  }
}
