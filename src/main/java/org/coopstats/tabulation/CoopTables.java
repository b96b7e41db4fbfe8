package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.disclosure.CellKind;
import org.coopstats.validation.TimePeriod;

/**
 * The core COOP_STATS tables derived from a register (the Guidelines' tables 1 to 4), with their
 * counting rules: cooperatives by type × activity, by level and by region (active, registered, new,
 * dissolved); memberships by type × kind × sex, natural persons and legal entities from primary
 * cooperatives only and the member cooperatives of each higher level on their own, never added
 * across levels; work by category × sex × type; the money measures by type × activity. The code
 * lists' hierarchies (data) give every breakdown.
 */
final class CoopTables {

  /** What the register holds for the period, country by country. */
  record Facts(
      TimePeriod period,
      List<Country> countries,
      boolean[] membersReported,
      boolean[] workersReported,
      boolean[] moneyReported) {}

  /**
   * A country of the register: whether some of its units are coded to no region, and the currency
   * of its money figures (null when there are none).
   */
  record Country(String code, boolean unitsWithoutRegion, String currency) {}

  private static final String TOTAL = DataStructure.TOTAL;
  private static final String TYPE = "COOP_TYPE";
  private static final String LEVEL = "COOP_LEVEL";
  private static final String ACTIVITY = "ACTIVITY";
  private static final String AREA = "REF_AREA";

  private final DataStructure structure;
  private final Facts facts;
  private final Map<String, String> countryOfArea;

  CoopTables(DataStructure structure, Facts facts, Map<String, String> countryOfArea) {
    this.structure = structure;
    this.facts = facts;
    this.countryOfArea = countryOfArea;
  }

  List<TableShape> tables() {
    List<TableShape> tables = new ArrayList<>();
    for (Country country : facts.countries()) {
      countsOfCooperatives(country, tables);
      members(country, tables);
      workers(country, tables);
      money(country, tables);
    }
    return tables;
  }

  private void countsOfCooperatives(Country country, List<TableShape> tables) {
    TimePeriod p = facts.period();
    Map<String, Predicate<UnitRecord>> measures =
        Map.of(
            "COOPS",
            UnitRecord::active,
            "COOPS_REG",
            UnitRecord::registered,
            "COOPS_NEW",
            u -> within(u.registeredOn(), p),
            "COOPS_CLOSED",
            u -> !u.registered() && within(u.dissolvedOn(), p));
    for (String measure : List.of("COOPS", "COOPS_REG", "COOPS_NEW", "COOPS_CLOSED")) {
      Predicate<UnitRecord> counted = inCountry(country).and(measures.get(measure));
      tables.add(
          count(
              measure,
              Map.of(AREA, country.code(), LEVEL, TOTAL),
              List.of(hierarchy(TYPE), hierarchy(ACTIVITY)),
              counted,
              u -> List.of(u.type(), u.activity())));
      tables.add(
          count(
              measure,
              Map.of(AREA, country.code(), TYPE, TOTAL, ACTIVITY, TOTAL),
              List.of(hierarchy(LEVEL)),
              counted,
              u -> List.of(u.level())));
      tables.add(
          count(
              measure,
              Map.of(LEVEL, TOTAL, ACTIVITY, TOTAL),
              List.of(areas(country), hierarchy(TYPE)),
              counted,
              u -> List.of(areaLeaf(u, country), u.type())));
    }
  }

  private static TableShape count(
      String measure,
      Map<String, String> fixed,
      List<Axis> axes,
      Predicate<UnitRecord> counted,
      java.util.function.Function<UnitRecord, List<String>> leaves) {
    return new TableShape(
        measure,
        CellKind.UNIT_COUNT,
        true,
        "NUMBER",
        fixed,
        axes,
        counted,
        u -> List.of(new TableShape.Contribution(leaves.apply(u), BigDecimal.ONE)));
  }

  /**
   * Memberships: of primary cooperatives by kind (natural persons by sex), and of each higher level
   * its member cooperatives, in a table of its own: no total adds persons to cooperatives.
   */
  private void members(Country country, List<TableShape> tables) {
    Axis kinds = primaryMemberKinds();
    if (kinds.size() > 0) {
      tables.add(
          new TableShape(
              "MEMBERS",
              CellKind.MAGNITUDE,
              true,
              "NUMBER",
              Map.of(AREA, country.code(), LEVEL, "PRIM", ACTIVITY, TOTAL),
              List.of(hierarchy(TYPE), kinds),
              inCountry(country).and(UnitRecord::registered).and(u -> "PRIM".equals(u.level())),
              u -> primaryMemberships(u, kinds)));
    }
    if (facts.membersReported()[UnitRecord.CO]) {
      Axis levels = new Axis().add("SEC", LEVEL, "SEC", null).add("TERT", LEVEL, "TERT", null);
      tables.add(
          new TableShape(
              "MEMBERS",
              CellKind.MAGNITUDE,
              true,
              "NUMBER",
              Map.of(AREA, country.code(), ACTIVITY, TOTAL, "MEMBER_KIND", "CO"),
              List.of(hierarchy(TYPE), levels),
              inCountry(country).and(UnitRecord::registered).and(u -> !"PRIM".equals(u.level())),
              u -> higherMemberships(u)));
    }
  }

  /** Kinds of members of primary cooperatives, as far as the register gives them. */
  private Axis primaryMemberKinds() {
    boolean[] reported = facts.membersReported();
    boolean persons = reported[0] || reported[1] || reported[2];
    Axis axis = new Axis();
    String root = persons && reported[UnitRecord.LE] && reported[UnitRecord.CO] ? "ALL" : null;
    if (root != null) {
      axis.add(root, Map.of("MEMBER_KIND", TOTAL), null, false);
    }
    if (persons) {
      axis.add("NP", Map.of("MEMBER_KIND", "NP", "SEX", TOTAL), root, false);
      for (String sex : UnitRecord.SEXES) {
        axis.add("NP" + sex, Map.of("MEMBER_KIND", "NP", "SEX", sex), "NP", false);
      }
    }
    if (reported[UnitRecord.LE]) {
      axis.add("LE", Map.of("MEMBER_KIND", "LE"), root, false);
    }
    if (reported[UnitRecord.CO]) {
      axis.add("CO", Map.of("MEMBER_KIND", "CO"), root, false);
    }
    return axis;
  }

  private static List<TableShape.Contribution> primaryMemberships(UnitRecord u, Axis kinds) {
    List<TableShape.Contribution> given = new ArrayList<>();
    Long[] m = u.members();
    for (int s = 0; s < UnitRecord.SEXES.size(); s++) {
      addIfGiven(given, u.type(), "NP" + UnitRecord.SEXES.get(s), m[s], kinds);
    }
    addIfGiven(given, u.type(), "LE", m[UnitRecord.LE], kinds);
    addIfGiven(given, u.type(), "CO", m[UnitRecord.CO], kinds);
    return given;
  }

  private static void addIfGiven(
      List<TableShape.Contribution> given, String type, String leaf, Long value, Axis kinds) {
    if (value != null && kinds.has(leaf)) {
      given.add(new TableShape.Contribution(List.of(type, leaf), BigDecimal.valueOf(value)));
    }
  }

  private static List<TableShape.Contribution> higherMemberships(UnitRecord u) {
    Long cooperatives = u.members()[UnitRecord.CO];
    return cooperatives == null
        ? List.of()
        : List.of(
            new TableShape.Contribution(
                List.of(u.type(), u.level()), BigDecimal.valueOf(cooperatives)));
  }

  /** Work in and within the scope of cooperatives, by category × sex × type. */
  private void workers(Country country, List<TableShape> tables) {
    Axis categories = workCategories();
    if (categories.size() == 0) {
      return;
    }
    Axis sexes = new Axis().add(TOTAL, "SEX", TOTAL, null);
    UnitRecord.SEXES.forEach(s -> sexes.add(s, "SEX", s, TOTAL));
    tables.add(
        new TableShape(
            "WORKERS",
            CellKind.MAGNITUDE,
            true,
            "PERSONS",
            Map.of(AREA, country.code(), LEVEL, TOTAL, ACTIVITY, TOTAL),
            List.of(hierarchy(TYPE), categories, sexes),
            inCountry(country).and(UnitRecord::registered),
            u -> work(u, categories)));
  }

  private static List<TableShape.Contribution> work(UnitRecord u, Axis categories) {
    List<TableShape.Contribution> given = new ArrayList<>();
    for (int c = 0; c < UnitRecord.WORK_CATEGORIES.size(); c++) {
      String category = UnitRecord.WORK_CATEGORIES.get(c);
      if (!categories.has(category)) {
        continue;
      }
      for (int s = 0; s < UnitRecord.SEXES.size(); s++) {
        Long persons = u.workers()[c][s];
        if (persons != null) {
          given.add(
              new TableShape.Contribution(
                  List.of(u.type(), category, UnitRecord.SEXES.get(s)),
                  BigDecimal.valueOf(persons)));
        }
      }
    }
    return given;
  }

  /**
   * The work categories of CL_WORK_CAT the register gives: a reported leaf, and a total only where
   * every category under it is reported (else it would be published short of its parts).
   */
  private Axis workCategories() {
    CodeList list = structure.codeList(structure.dimension("WORK_CAT").orElseThrow().codeListId());
    Axis axis = new Axis();
    for (Code code : list.codes()) {
      if (!DataStructure.NOT_APPLICABLE.equals(code.id()) && fullyReported(code.id(), list)) {
        String parent =
            code.parentId() != null && axis.has(code.parentId()) ? code.parentId() : null;
        axis.add(code.id(), "WORK_CAT", code.id(), parent);
      }
    }
    return axis;
  }

  private boolean fullyReported(String codeId, CodeList list) {
    List<Code> children = list.codes().stream().filter(c -> codeId.equals(c.parentId())).toList();
    if (children.isEmpty()) {
      int leaf = UnitRecord.WORK_CATEGORIES.indexOf(codeId);
      return leaf >= 0 && facts.workersReported()[leaf];
    }
    return children.stream().allMatch(c -> fullyReported(c.id(), list));
  }

  /** Turnover, value added, wages, surplus and the balance sheet, by type × activity. */
  private void money(Country country, List<TableShape> tables) {
    if (country.currency() == null) {
      return;
    }
    for (int m = 0; m < UnitRecord.MONEY_MEASURES.size(); m++) {
      if (!facts.moneyReported()[m]) {
        continue;
      }
      String measure = UnitRecord.MONEY_MEASURES.get(m);
      int field = m;
      Predicate<UnitRecord> units =
          UnitRecord.FLOWS.contains(measure) ? u -> true : UnitRecord::registered;
      tables.add(
          new TableShape(
              measure,
              CellKind.MONEY,
              // a surplus can be below zero: no bound an intruder knows
              !org.coopstats.register.UnitColumns.SIGNED_MONEY.contains(measure),
              country.currency(),
              Map.of(AREA, country.code(), LEVEL, TOTAL),
              List.of(hierarchy(TYPE), hierarchy(ACTIVITY)),
              inCountry(country).and(units).and(u -> u.money()[field] != null),
              u ->
                  List.of(
                      new TableShape.Contribution(
                          List.of(u.type(), u.activity()), u.money()[field]))));
    }
  }

  /** A code list's hierarchy below its total: the total and every code whose parent it is. */
  private Axis hierarchy(String dimension) {
    CodeList list = structure.codeList(structure.dimension(dimension).orElseThrow().codeListId());
    Axis axis = new Axis().add(TOTAL, dimension, TOTAL, null);
    for (Code code : list.codes()) {
      if (TOTAL.equals(code.parentId())) {
        axis.add(code.id(), dimension, code.id(), TOTAL);
      }
    }
    return axis;
  }

  /**
   * A country and its regions (CL_AREA's parent links); units coded to the country alone make a
   * remainder that is never published, so that the regions are not taken to add up to it.
   */
  private Axis areas(Country country) {
    Axis axis = new Axis().add(country.code(), AREA, country.code(), null);
    countryOfArea.forEach(
        (area, parent) -> {
          if (parent.equals(country.code()) && !area.equals(parent)) {
            axis.add(area, AREA, area, country.code());
          }
        });
    if (country.unitsWithoutRegion()) {
      axis.add(remainder(country.code()), Map.of(AREA, country.code() + "~"), country.code(), true);
    }
    return axis;
  }

  private static String remainder(String country) {
    return country + "~";
  }

  private static String areaLeaf(UnitRecord u, Country country) {
    return u.area().equals(country.code()) ? remainder(country.code()) : u.area();
  }

  private Predicate<UnitRecord> inCountry(Country country) {
    return u -> country.code().equals(countryOfArea.getOrDefault(u.area(), u.area()));
  }

  private static boolean within(java.time.LocalDate date, TimePeriod period) {
    return date != null && !date.isBefore(period.start()) && !date.isAfter(period.end());
  }
}
