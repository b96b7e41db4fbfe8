package org.coopstats.register;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.TimePeriod;
import org.coopstats.validation.ValidationIssue;
import org.coopstats.validation.ValidationIssue.Severity;

/**
 * The checks of one unit record, on its own (duplicates across records are checked where they are
 * stored): its fields (U01) and the rules between them (U03–U09). An issue names the unit, the
 * period and the column; it quotes a value only where a code, date or text is at fault, never a
 * unit's figure.
 *
 * <p>Rules: U01 a field's format or code; U02 one record per unit and period; U03 the members of
 * secondary and tertiary cooperatives are cooperatives; U04 worker-members are natural-person
 * members; U05 dates in order and not after the period's end; U06 assets = liabilities + equity
 * (warning); U07 a split by sex gives both parts, within the total; U08 status and dissolution date
 * agree; U09 money has its currency.
 */
final class UnitChecks {

  static final int MAX_UNIT_ID_LENGTH = 100;
  static final int MAX_TEXT_LENGTH = 200;
  private static final BigDecimal MAX_COUNT = new BigDecimal("1000000000000");
  private static final BigDecimal MAX_MONEY = new BigDecimal("1E18");

  /** Each coded column's allowed codes, and the code list they are from (for messages). */
  record AllowedCodes(String codeList, Set<String> codes) {}

  private final Map<String, AllowedCodes> codes;
  private final AllowedCodes currencies;

  UnitChecks(Map<String, AllowedCodes> codes, AllowedCodes currencies) {
    this.codes = Map.copyOf(codes);
    this.currencies = currencies;
  }

  /** The record's stored fields, in {@link UnitColumns#STORED} order; null if it has errors. */
  String[] check(SourceRow row, Consumer<ValidationIssue> issues) {
    Reading reading = new Reading(row, issues);
    reading.fields();
    if (reading.errors == 0) {
      reading.rules();
    }
    return reading.errors == 0 ? reading.stored() : null;
  }

  /** One record being read: its parsed fields and the issues found so far. */
  private final class Reading {
    private final SourceRow row;
    private final Consumer<ValidationIssue> issues;
    private final String unitId;
    private final String periodText;
    private final Map<String, String> stored = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();
    private final Map<String, BigDecimal> money = new HashMap<>();
    private TimePeriod period;
    private LocalDate registered;
    private LocalDate dissolved;
    private int errors;

    Reading(SourceRow row, Consumer<ValidationIssue> issues) {
      this.row = row;
      this.issues = issues;
      this.unitId = row.value(UnitColumns.UNIT_ID);
      this.periodText = row.value(UnitColumns.TIME_PERIOD);
    }

    void fields() {
      for (String column : UnitColumns.REQUIRED) {
        if (row.value(column) == null) {
          error("U01", column, null, column + " is required.");
        }
      }
      if (unitId != null && unitId.length() > MAX_UNIT_ID_LENGTH) {
        error("U01", UnitColumns.UNIT_ID, null, "UNIT_ID has more than 100 characters.");
      }
      stored.put("unit_id", unitId);
      period();
      UnitColumns.CODED.forEach(this::code);
      status();
      registered = date(UnitColumns.REGISTERED, "registered_on");
      dissolved = date(UnitColumns.DISSOLVED, "dissolved_on");
      UnitColumns.BY_SEX.forEach(this::bySex);
      stored.put("members_le", text(count(UnitColumns.MEMBERS_LE)));
      stored.put("members_co", text(count(UnitColumns.MEMBERS_CO)));
      UnitColumns.MONEY.forEach(this::money);
      currency();
      String nationalType = row.value(UnitColumns.NATIONAL_TYPE);
      if (nationalType != null && nationalType.length() > MAX_TEXT_LENGTH) {
        error(
            "U01", UnitColumns.NATIONAL_TYPE, null, "NATIONAL_TYPE has more than 200 characters.");
      }
      stored.put("national_type", nationalType);
    }

    void rules() {
      secondaryMembers();
      workerMembers();
      datesInOrder();
      statusAndDissolution();
      balanceSheet();
      if (!money.isEmpty() && stored.get("currency") == null) {
        error("U09", UnitColumns.CURRENCY, null, "Money is given: give its CURRENCY (ISO 4217).");
      }
    }

    String[] stored() {
      return UnitColumns.STORED.stream().map(stored::get).toArray(String[]::new);
    }

    private void period() {
      if (periodText == null) {
        return;
      }
      period = TimePeriod.parse(periodText).orElse(null);
      if (period == null) {
        error(
            "U01",
            UnitColumns.TIME_PERIOD,
            periodText,
            "TIME_PERIOD must be "
                + TimePeriod.FORMATS
                + " (the record is a snapshot at its end).");
      }
      stored.put("time_period", period == null ? null : period.text());
    }

    private void code(String column) {
      String value = row.value(column);
      AllowedCodes allowed = codes.get(column);
      if (value != null && !allowed.codes().contains(value)) {
        error(
            "U01",
            column,
            value,
            column
                + " '"
                + value
                + "' is not a code of "
                + allowed.codeList()
                + " a unit can have (a total is not): see /api/v1/codelists/"
                + allowed.codeList()
                + ".");
      }
      stored.put(UnitColumns.storedName(column), value);
    }

    private void status() {
      String value = row.value(UnitColumns.STATUS);
      if (value != null && !UnitColumns.STATUSES.contains(value)) {
        error("U01", UnitColumns.STATUS, value, "STATUS must be ACTIVE, DORMANT or DISSOLVED.");
      }
      stored.put("status", value);
    }

    private LocalDate date(String column, String storedName) {
      String value = row.value(column);
      if (value == null) {
        return null;
      }
      try {
        LocalDate date = LocalDate.parse(value);
        stored.put(storedName, date.toString());
        return date;
      } catch (DateTimeParseException e) {
        error("U01", column, value, column + " must be a date, YYYY-MM-DD.");
        return null;
      }
    }

    /** A count and its optional parts by sex, stored as female, male and the rest. */
    private void bySex(String column) {
      Long total = count(column);
      Long female = count(column + UnitColumns.FEMALE);
      Long male = count(column + UnitColumns.MALE);
      String name = UnitColumns.storedName(column);
      if ((female == null) != (male == null)) {
        error(
            "U07",
            female == null ? column + UnitColumns.FEMALE : column + UnitColumns.MALE,
            null,
            "Give both "
                + column
                + "_F and "
                + column
                + "_M, or neither (then all of "
                + column
                + " is of unknown sex).");
        return;
      }
      if (total != null && female != null && female + male > total) {
        error(
            "U07",
            column,
            null,
            column + "_F and " + column + "_M add up to more than " + column + ".");
        return;
      }
      Long rest;
      if (total != null) {
        rest = total - orZero(female) - orZero(male);
      } else {
        rest = female == null ? null : Long.valueOf(0);
      }
      stored.put(name + "_f", text(female));
      stored.put(name + "_m", text(male));
      stored.put(name + "_u", text(rest));
      Long whole = total;
      if (whole == null && female != null) {
        whole = female + male;
      }
      if (whole != null) {
        totals.put(column, whole);
      }
    }

    private Long count(String column) {
      String value = row.value(column);
      if (value == null) {
        return null;
      }
      BigDecimal number = number(value);
      if (number == null
          || number.signum() < 0
          || number.stripTrailingZeros().scale() > 0
          || number.compareTo(MAX_COUNT) > 0) {
        error("U01", column, null, column + " must be a whole number of 0 or more.");
        return null;
      }
      long count = number.longValueExact();
      if (column.equals(UnitColumns.MEMBERS_LE) || column.equals(UnitColumns.MEMBERS_CO)) {
        totals.put(column, count);
      }
      return count;
    }

    private void money(String column) {
      String value = row.value(column);
      if (value == null) {
        return;
      }
      BigDecimal number = number(value);
      boolean signed = UnitColumns.SIGNED_MONEY.contains(column);
      if (number == null
          || (!signed && number.signum() < 0)
          || number.abs().compareTo(MAX_MONEY) > 0) {
        error(
            "U01",
            column,
            null,
            column + " must be a number" + (signed ? "" : " of 0 or more") + ", in CURRENCY.");
        return;
      }
      money.put(column, number);
      stored.put(UnitColumns.storedName(column), number.toPlainString());
    }

    private void currency() {
      String value = row.value(UnitColumns.CURRENCY);
      if (value != null && !currencies.codes().contains(value)) {
        error(
            "U01",
            UnitColumns.CURRENCY,
            value,
            "CURRENCY '" + value + "' is not an ISO 4217 code of " + currencies.codeList() + ".");
      }
      stored.put("currency", value);
    }

    private void secondaryMembers() {
      String level = row.value(UnitColumns.COOP_LEVEL);
      if ("PRIM".equals(level)) {
        return;
      }
      for (String column : List.of(UnitColumns.MEMBERS_NP, UnitColumns.MEMBERS_LE)) {
        if (totals.getOrDefault(column, 0L) > 0) {
          error(
              "U03",
              column,
              null,
              "A "
                  + level
                  + " cooperative's members are cooperatives: give them as MEMBERS_CO, and no "
                  + column
                  + ".");
        }
      }
    }

    private void workerMembers() {
      Long workerMembers = totals.get("IN_EMP_WM");
      Long naturalPersons = totals.get(UnitColumns.MEMBERS_NP);
      if (workerMembers != null && naturalPersons != null && workerMembers > naturalPersons) {
        error(
            "U04",
            "IN_EMP_WM",
            null,
            "IN_EMP_WM (worker-members) is more than MEMBERS_NP: worker-members are natural-person"
                + " members.");
      }
    }

    private void datesInOrder() {
      if (registered != null && dissolved != null && dissolved.isBefore(registered)) {
        error("U05", UnitColumns.DISSOLVED, null, "DISSOLVED is before REGISTERED.");
      }
      if (period == null) {
        return;
      }
      if (registered != null && registered.isAfter(period.end())) {
        error(
            "U05",
            UnitColumns.REGISTERED,
            null,
            "REGISTERED is after the end of " + period.text() + ", which the record describes.");
      }
      if (dissolved != null && dissolved.isAfter(period.end())) {
        error(
            "U05",
            UnitColumns.DISSOLVED,
            null,
            "DISSOLVED is after the end of "
                + period.text()
                + ": at the period's end the unit was not dissolved yet.");
      }
    }

    private void statusAndDissolution() {
      String status = row.value(UnitColumns.STATUS);
      if ("DISSOLVED".equals(status) && dissolved == null) {
        error("U08", UnitColumns.DISSOLVED, null, "STATUS is DISSOLVED: give the DISSOLVED date.");
      } else if (!"DISSOLVED".equals(status) && dissolved != null) {
        error(
            "U08",
            UnitColumns.STATUS,
            status,
            "A DISSOLVED date is given: STATUS must be DISSOLVED, or the date removed.");
      }
    }

    /** Assets = liabilities + equity, within half a percent (rounding in the accounts). */
    private void balanceSheet() {
      BigDecimal assets = money.get("ASSETS");
      BigDecimal liabilities = money.get("LIABILITIES");
      BigDecimal equity = money.get("EQUITY");
      if (assets == null || liabilities == null || equity == null) {
        return;
      }
      BigDecimal gap = assets.subtract(liabilities.add(equity)).abs();
      BigDecimal tolerance = assets.abs().multiply(new BigDecimal("0.005")).max(BigDecimal.ONE);
      if (gap.compareTo(tolerance) > 0) {
        issue(
            "U06",
            Severity.WARNING,
            "ASSETS",
            null,
            "ASSETS differ from LIABILITIES + EQUITY by more than 0.5 %: check the balance sheet.");
      }
    }

    private void error(String rule, String column, String value, String message) {
      errors++;
      issue(rule, Severity.ERROR, column, value, message);
    }

    private void issue(
        String rule, Severity severity, String column, String value, String message) {
      String where =
          unitId == null
              ? ""
              : "Unit " + unitId + (periodText == null ? "" : " (" + periodText + ")") + ": ";
      issues.accept(
          ValidationIssue.ofUnit(
              row.ref(), unitId, periodText, column, value, rule, severity, where + message));
    }
  }

  private static BigDecimal number(String text) {
    if (text.length() > 40) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String text(Long value) {
    return value == null ? null : value.toString();
  }
}
