package org.coopstats.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of a unit record, as uploaded and as read back, and the columns of {@code
 * register_unit} that store them. A count split by sex is uploaded as its total with optional
 * {@code _F} and {@code _M} parts and stored as its three parts, the third (sex unknown) being the
 * rest of the total.
 */
public final class UnitColumns {

  public static final String UNIT_ID = "UNIT_ID";
  public static final String TIME_PERIOD = "TIME_PERIOD";
  public static final String REF_AREA = "REF_AREA";
  public static final String COOP_TYPE = "COOP_TYPE";
  public static final String COOP_LEVEL = "COOP_LEVEL";
  public static final String ACTIVITY = "ACTIVITY";
  public static final String STATUS = "STATUS";
  public static final String REGISTERED = "REGISTERED";
  public static final String DISSOLVED = "DISSOLVED";
  public static final String MEMBERS_NP = "MEMBERS_NP";
  public static final String MEMBERS_LE = "MEMBERS_LE";
  public static final String MEMBERS_CO = "MEMBERS_CO";
  public static final String CURRENCY = "CURRENCY";
  public static final String NATIONAL_TYPE = "NATIONAL_TYPE";

  /** The leaf work categories of CL_WORK_CAT, each a count of workers split by sex. */
  public static final List<String> WORK_CATEGORIES =
      List.of(
          "IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM", "IN_VOL", "IN_UTR", "WS_PM", "WS_EMP", "WS_CFW");

  public static final List<String> MONEY =
      List.of(
          "TURNOVER",
          "VALUE_ADDED",
          "WAGES",
          "SURPLUS",
          "ASSETS",
          "LIABILITIES",
          "EQUITY",
          "MEMBER_CAPITAL");

  /** Money that may be below zero (a loss), as COOP_STATS's measures allow. */
  public static final Set<String> SIGNED_MONEY = Set.of("SURPLUS");

  /** The coded columns, each checked against the code list of COOP_STATS's dimension. */
  static final List<String> CODED = List.of(REF_AREA, COOP_TYPE, COOP_LEVEL, ACTIVITY);

  static final List<String> STATUSES = List.of("ACTIVE", "DORMANT", "DISSOLVED");

  static final List<String> REQUIRED =
      List.of(UNIT_ID, TIME_PERIOD, REF_AREA, COOP_TYPE, COOP_LEVEL, ACTIVITY, STATUS);

  /** The counts given as a total with an optional split by sex. */
  static final List<String> BY_SEX = bySex();

  /** Every column a record may have, in the order a download gives them. */
  public static final List<String> ALL = all();

  /** The stored columns of {@code register_unit} after register_id, in the order of COPY. */
  public static final List<String> STORED = stored();

  public static final String FEMALE = "_F";
  public static final String MALE = "_M";

  private UnitColumns() {}

  private static List<String> bySex() {
    List<String> columns = new ArrayList<>();
    columns.add(MEMBERS_NP);
    columns.addAll(WORK_CATEGORIES);
    return List.copyOf(columns);
  }

  private static List<String> all() {
    List<String> columns =
        new ArrayList<>(
            List.of(
                UNIT_ID,
                TIME_PERIOD,
                REF_AREA,
                COOP_TYPE,
                COOP_LEVEL,
                ACTIVITY,
                STATUS,
                REGISTERED,
                DISSOLVED));
    for (String count : bySex()) {
      columns.addAll(List.of(count, count + FEMALE, count + MALE));
      if (count.equals(MEMBERS_NP)) {
        columns.addAll(List.of(MEMBERS_LE, MEMBERS_CO));
      }
    }
    columns.addAll(MONEY);
    columns.addAll(List.of(CURRENCY, NATIONAL_TYPE));
    return List.copyOf(columns);
  }

  private static List<String> stored() {
    List<String> columns =
        new ArrayList<>(
            List.of(
                "time_period",
                "unit_id",
                "ref_area",
                "coop_type",
                "coop_level",
                "activity",
                "status",
                "registered_on",
                "dissolved_on"));
    for (String count : bySex()) {
      String c = storedName(count);
      columns.addAll(List.of(c + "_f", c + "_m", c + "_u"));
      if (count.equals(MEMBERS_NP)) {
        columns.addAll(List.of("members_le", "members_co"));
      }
    }
    MONEY.forEach(m -> columns.add(storedName(m)));
    columns.addAll(List.of("currency", "national_type"));
    return List.copyOf(columns);
  }

  static String storedName(String column) {
    return column.toLowerCase(Locale.ROOT);
  }
}
