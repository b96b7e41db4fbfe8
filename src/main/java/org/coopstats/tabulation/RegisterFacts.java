package org.coopstats.tabulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.coopstats.common.ProblemException;
import org.coopstats.validation.TimePeriod;

/** What the register holds for a period, from counts and codes alone (never a unit's figure). */
final class RegisterFacts {

  private RegisterFacts() {}

  static CoopTables.Facts of(
      TimePeriod period,
      Map<String, List<String>> currenciesByArea,
      Map<String, Boolean> columnsGiven,
      Map<String, String> countryOfArea) {
    Map<String, Boolean> withoutRegion = new LinkedHashMap<>();
    Map<String, TreeSet<String>> currencies = new LinkedHashMap<>();
    currenciesByArea.forEach(
        (area, areaCurrencies) -> {
          String country = countryOfArea.getOrDefault(area, area);
          withoutRegion.merge(country, area.equals(country), Boolean::logicalOr);
          currencies.computeIfAbsent(country, c -> new TreeSet<>()).addAll(areaCurrencies);
        });
    List<CoopTables.Country> countries = new ArrayList<>();
    withoutRegion.forEach(
        (country, unitsWithoutRegion) ->
            countries.add(
                new CoopTables.Country(
                    country, unitsWithoutRegion, oneCurrency(country, currencies.get(country)))));
    countries.sort(java.util.Comparator.comparing(CoopTables.Country::code));
    return new CoopTables.Facts(
        period,
        countries,
        given(
            columnsGiven,
            "members_np_f",
            "members_np_m",
            "members_np_u",
            "members_le",
            "members_co"),
        workersGiven(columnsGiven),
        given(
            columnsGiven,
            UnitRecord.MONEY_MEASURES.stream()
                .map(m -> m.toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new)));
  }

  /** A country's tables are in one currency; units in several cannot be added up. */
  private static String oneCurrency(String country, TreeSet<String> currencies) {
    if (currencies.size() > 1) {
      throw ProblemException.badRequest(
          "The units of "
              + country
              + " give money in "
              + currencies.size()
              + " currencies ("
              + String.join(", ", currencies)
              + "): a table adds them up, so give every unit of a country in one currency.");
    }
    return currencies.isEmpty() ? null : currencies.first();
  }

  private static boolean[] given(Map<String, Boolean> columnsGiven, String... columns) {
    boolean[] given = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      given[i] = columnsGiven.getOrDefault(columns[i], false);
    }
    return given;
  }

  private static boolean[] workersGiven(Map<String, Boolean> columnsGiven) {
    boolean[] given = new boolean[UnitRecord.WORK_CATEGORIES.size()];
    for (int c = 0; c < given.length; c++) {
      String column = UnitRecord.WORK_CATEGORIES.get(c).toLowerCase(java.util.Locale.ROOT);
      given[c] =
          columnsGiven.getOrDefault(column + "_f", false)
              || columnsGiven.getOrDefault(column + "_m", false)
              || columnsGiven.getOrDefault(column + "_u", false);
    }
    return given;
  }
}
