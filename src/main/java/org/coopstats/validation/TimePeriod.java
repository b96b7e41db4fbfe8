package org.coopstats.validation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A reference period in SDMX basic time format: a year ({@code 2021}), a quarter ({@code 2021-Q3})
 * or a month ({@code 2021-07}). {@link #toString()} gives back the parsed text.
 */
public record TimePeriod(String text, LocalDate start, LocalDate end) {

  public static final String FORMATS = "YYYY, YYYY-Qn or YYYY-MM";

  /** Reads YYYY, YYYY-Qn (n from 1 to 4) or YYYY-MM (MM from 01 to 12), digits being 0 to 9. */
  public static Optional<TimePeriod> parse(String text) {
    if (text == null || text.length() < 4 || !isDigits(text, 0, 4)) {
      return Optional.empty();
    }
    int year = Integer.parseInt(text, 0, 4, 10);
    if (text.length() == 4) {
      return Optional.of(
          new TimePeriod(text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
    }
    if (text.length() != 7 || text.charAt(4) != '-') {
      return Optional.empty();
    }
    char c5 = text.charAt(5);
    char c6 = text.charAt(6);
    if (c5 == 'Q' && c6 >= '1' && c6 <= '4') {
      int quarter = c6 - '0';
      YearMonth first = YearMonth.of(year, quarter * 3 - 2);
      return Optional.of(new TimePeriod(text, first.atDay(1), first.plusMonths(2).atEndOfMonth()));
    }
    if (isDigits(text, 5, 7)) {
      int month = (c5 - '0') * 10 + (c6 - '0');
      if (month >= 1 && month <= 12) {
        YearMonth yearMonth = YearMonth.of(year, month);
        return Optional.of(new TimePeriod(text, yearMonth.atDay(1), yearMonth.atEndOfMonth()));
      }
    }
    return Optional.empty();
  }

  private static boolean isDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
