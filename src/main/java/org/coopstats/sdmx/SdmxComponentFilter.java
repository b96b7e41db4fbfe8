package org.coopstats.sdmx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.validation.TimePeriod;

/**
 * One {@code c[COMPONENT]=…} filter of an SDMX REST 2.x data query: alternatives separated by
 * {@code ,} (OR), each a conjunction of conditions separated by {@code +} (AND), each condition an
 * optional operator ({@code eq} when none) and a value: {@code c[X]=ge:A+le:B,C} is (X ≥ A AND X ≤
 * B) OR X = C.
 *
 * @param order how values of the component compare (codes and text, numbers or periods)
 */
record SdmxComponentFilter(String component, List<List<Condition>> alternatives, Order order) {

  enum Operator {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    CO,
    NC,
    SW,
    EW
  }

  private static final Pattern COMPONENT = Pattern.compile("c\\[([^\\]]*)\\]");

  private static final Set<Operator> ORDERING =
      EnumSet.of(Operator.LT, Operator.LE, Operator.GT, Operator.GE);

  /** The operators that bound a period from below, and from above. */
  private static final Set<Operator> LOWER = EnumSet.of(Operator.GE, Operator.GT, Operator.EQ);

  private static final Set<Operator> UPPER = EnumSet.of(Operator.LE, Operator.LT, Operator.EQ);

  /** One condition: the value compared with the operator. */
  record Condition(Operator operator, String value) {}

  /** How the values of a component compare with {@code lt}, {@code le}, {@code gt}, {@code ge}. */
  enum Order {
    /** Codes and text, by their characters (SDMX: "the code IDs or the non-coded values"). */
    TEXT,
    /** Observation values, as numbers. */
    NUMBER,
    /**
     * Reference periods, by the time they cover: {@code ge:2020} keeps periods that start in 2020
     * or later, {@code le:2020} those that end in 2020 or earlier, {@code gt} and {@code lt} the
     * ones wholly after or before.
     */
    PERIOD
  }

  /** Parses the expression given for {@code component}; 400 when it cannot be read. */
  static SdmxComponentFilter parse(String component, String expression, Order order) {
    if (expression == null || expression.isBlank()) {
      throw ProblemException.badRequest(
          "c[" + component + "] is empty: give a value, e.g. c[" + component + "]=eq:VALUE.");
    }
    List<List<Condition>> alternatives = new ArrayList<>();
    for (String alternative : expression.split(",", -1)) {
      List<Condition> conditions = new ArrayList<>();
      for (String term : alternative.split("\\+", -1)) {
        conditions.add(condition(component, term, order));
      }
      alternatives.add(List.copyOf(conditions));
    }
    return new SdmxComponentFilter(component, List.copyOf(alternatives), order);
  }

  private static Condition condition(String component, String term, Order order) {
    Operator operator = Operator.EQ;
    String value = term;
    int colon = term.indexOf(':');
    if (colon == 2) {
      Optional<Operator> named = operator(term.substring(0, 2));
      if (named.isPresent()) {
        operator = named.get();
        value = term.substring(3);
      }
    }
    if (value.isEmpty()) {
      throw ProblemException.badRequest(
          "c["
              + component
              + "] has an empty value in '"
              + term
              + "': write OPERATOR:VALUE (eq, ne, lt, le, gt, ge, co, nc, sw, ew) or VALUE.");
    }
    requireComparable(component, operator, value, order);
    return new Condition(operator, value);
  }

  private static Optional<Operator> operator(String name) {
    try {
      return Optional.of(Operator.valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Ordering operators need a value of the component's kind: a number, a period. */
  private static void requireComparable(
      String component, Operator operator, String value, Order order) {
    if (!ORDERING.contains(operator)) {
      return;
    }
    if (order == Order.NUMBER && number(value) == null) {
      throw ProblemException.badRequest(
          "c["
              + component
              + "]="
              + operator.name().toLowerCase(Locale.ROOT)
              + ":"
              + value
              + " compares with a value that is not a number.");
    }
    if (order == Order.PERIOD && period(value) == null) {
      throw ProblemException.badRequest(
          "c["
              + component
              + "]="
              + operator.name().toLowerCase(Locale.ROOT)
              + ":"
              + value
              + " compares with a value that is not a period: use YYYY, YYYY-Qn, YYYY-MM or"
              + " YYYY-MM-DD.");
    }
  }

  /** Whether a value (null where the row has none: it matches nothing) passes the filter. */
  boolean test(String actual) {
    if (actual == null) {
      return false;
    }
    for (List<Condition> conjunction : alternatives) {
      if (conjunction.stream().allMatch(c -> holds(c, actual))) {
        return true;
      }
    }
    return false;
  }

  private boolean holds(Condition condition, String actual) {
    String wanted = condition.value();
    return switch (condition.operator()) {
      case EQ -> compare(actual, wanted, Operator.EQ);
      case NE -> !compare(actual, wanted, Operator.EQ);
      case CO -> actual.contains(wanted);
      case NC -> !actual.contains(wanted);
      case SW -> actual.startsWith(wanted);
      case EW -> actual.endsWith(wanted);
      case LT, LE, GT, GE -> compare(actual, wanted, condition.operator());
    };
  }

  private boolean compare(String actual, String wanted, Operator operator) {
    return switch (order) {
      case TEXT -> sign(actual.compareTo(wanted), operator);
      case NUMBER -> {
        BigDecimal a = number(actual);
        BigDecimal w = number(wanted);
        yield a != null && w != null ? sign(a.compareTo(w), operator) : actual.equals(wanted);
      }
      case PERIOD -> periods(actual, wanted, operator);
    };
  }

  private static boolean sign(int comparison, Operator operator) {
    return switch (operator) {
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
      default -> comparison == 0;
    };
  }

  private static boolean periods(String actual, String wanted, Operator operator) {
    TimePeriod a = period(actual);
    TimePeriod w = period(wanted);
    if (a == null || w == null) {
      return operator == Operator.EQ && actual.equals(wanted);
    }
    return switch (operator) {
      case LT -> a.end().isBefore(w.start());
      case LE -> !a.end().isAfter(w.end());
      case GT -> a.start().isAfter(w.end());
      case GE -> !a.start().isBefore(w.start());
      default -> a.start().equals(w.start()) && a.end().equals(w.end());
    };
  }

  /**
   * The earliest period a row can have to pass, when every alternative bounds it from below ({@code
   * ge}, {@code gt} or {@code eq}); null otherwise. Lets the database narrow the rows it reads; the
   * filter itself still decides.
   */
  TimePeriod lowerPeriod() {
    return bound(LOWER, Comparator.comparing(TimePeriod::start));
  }

  /** The latest period a row can have to pass, as {@link #lowerPeriod()} from above. */
  TimePeriod upperPeriod() {
    return bound(UPPER, Comparator.comparing(TimePeriod::end).reversed());
  }

  /**
   * The loosest of the alternatives' tightest bounds by the {@code operators} given, {@code
   * tighter} ordering the tightest first; null when an alternative has no such bound.
   */
  private TimePeriod bound(Set<Operator> operators, Comparator<TimePeriod> tighter) {
    TimePeriod loosest = null;
    for (List<Condition> conjunction : alternatives) {
      TimePeriod tightest = null;
      for (Condition condition : conjunction) {
        TimePeriod p = period(condition.value());
        if (p != null && operators.contains(condition.operator())) {
          tightest = tightest == null || tighter.compare(p, tightest) > 0 ? p : tightest;
        }
      }
      if (tightest == null) {
        return null;
      }
      loosest = loosest == null || tighter.compare(tightest, loosest) < 0 ? tightest : loosest;
    }
    return loosest;
  }

  /** The {@code c[COMPONENT]} parameters of a query: each component with its expression. */
  static Map<String, String> components(Map<String, List<String>> parameters) {
    Map<String, String> components = new LinkedHashMap<>();
    for (String name : parameters.keySet()) {
      Matcher matcher = COMPONENT.matcher(name);
      if (matcher.matches()) {
        components.put(matcher.group(1), QueryParameters.single(parameters, name));
      }
    }
    return components;
  }

  /** Whether a query parameter's name is a {@code c[COMPONENT]} filter. */
  static boolean isFilter(String name) {
    return COMPONENT.matcher(name).matches();
  }

  static BigDecimal number(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A period of SDMX basic time format, or a day (YYYY-MM-DD); null for anything else. */
  static TimePeriod period(String text) {
    Optional<TimePeriod> period = TimePeriod.parse(text);
    if (period.isPresent()) {
      return period.get();
    }
    try {
      LocalDate day = LocalDate.parse(text);
      return new TimePeriod(text, day, day);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
