package org.coopstats.validation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference period in SDMX basic time format: a year ({@code 2021}), a quarter ({@code 2021-Q3})
 * or a month ({@code 2021-07}). {@link #toString()} gives back the parsed text.
 */
public record TimePeriod(String text, LocalDate start, LocalDate end) {

  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
  public static final String FORMATS = "YYYY, YYYY-Qn or YYYY-MM";

  public static Optional<TimePeriod> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = YEAR.matcher(text);
    if (m.matches()) {
      int year = Integer.parseInt(m.group(1));
      return Optional.of(
          new TimePeriod(text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
    }
    m = QUARTER.matcher(text);
    if (m.matches()) {
      int year = Integer.parseInt(m.group(1));
      int quarter = Integer.parseInt(m.group(2));
      YearMonth first = YearMonth.of(year, quarter * 3 - 2);
      return Optional.of(new TimePeriod(text, first.atDay(1), first.plusMonths(2).atEndOfMonth()));
    }
    m = MONTH.matcher(text);
    if (m.matches()) {
      YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      return Optional.of(new TimePeriod(text, month.atDay(1), month.atEndOfMonth()));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }
}
