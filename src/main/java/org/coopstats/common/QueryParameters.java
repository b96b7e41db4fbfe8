package org.coopstats.common;

import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Checks of query strings shared by every endpoint: an unknown parameter is a 400 naming it. */
public final class QueryParameters {

  private QueryParameters() {}

  /**
   * The single value of {@code name} as {@code parse} reads it, or null when absent; a 400 saying
   * "NAME 'TEXT' is not EXPECTED." when it cannot be read.
   */
  public static <T> T parsed(
      Map<String, List<String>> parameters,
      String name,
      Function<String, Optional<T>> parse,
      String expected) {
    String text = single(parameters, name);
    if (text == null) {
      return null;
    }
    return parse
        .apply(text)
        .orElseThrow(
            () -> ProblemException.badRequest(name + " '" + text + "' is not " + expected + "."));
  }

  /**
   * A timestamp in ISO 8601 (2026-01-31T12:00:00Z), or a date (the start of its day, UTC); empty
   * when it is neither. An unencoded {@code +} in a query string arrives as a space: read back.
   */
  public static Optional<OffsetDateTime> timestamp(String raw) {
    String text = raw.replace(' ', '+');
    try {
      return Optional.of(OffsetDateTime.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
      } catch (DateTimeParseException again) {
        return Optional.empty();
      }
    }
  }

  /**
   * A 400 naming the parameters not in {@code allowed}; and, the paging parameters being numbers
   * everywhere, one for an {@code offset} or {@code limit} given blank or twice (bound to a number,
   * JAX-RS would read a blank one as absent and take the first of two).
   */
  public static void rejectUnknown(UriInfo uriInfo, Collection<String> allowed) {
    Set<String> unknown = new TreeSet<>(uriInfo.getQueryParameters().keySet());
    unknown.removeAll(allowed);
    if (unknown.isEmpty()) {
      rejectBlank(uriInfo, "offset", "limit");
      return;
    }
    List<String> hints = new ArrayList<>();
    for (String name : unknown) {
      allowed.stream()
          .filter(
              a ->
                  a.equalsIgnoreCase(name)
                      || a.replace("_", "").equalsIgnoreCase(name.replace("_", "")))
          .findFirst()
          .ifPresent(a -> hints.add("'" + name + "' → did you mean '" + a + "'?"));
    }
    throw ProblemException.badRequest(
        "Unknown query parameter"
            + (unknown.size() > 1 ? "s " : " ")
            + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
            + ". "
            + (hints.isEmpty() ? "" : String.join(" ", hints) + " ")
            + "Allowed here: "
            + String.join(", ", new TreeSet<>(allowed))
            + ".");
  }

  /**
   * A 400 naming the first of {@code names} given empty or blank ({@code offset=}): bound to a
   * number, JAX-RS reads such a value as absent.
   */
  public static void rejectBlank(UriInfo uriInfo, String... names) {
    for (String name : names) {
      single(uriInfo.getQueryParameters(), name);
    }
  }

  /**
   * Values of a multi-valued parameter: repeated ({@code a=X&a=Y}) or comma-separated. An empty or
   * blank value ({@code a=}, {@code a=X,,Y}) is a 400 naming the parameter: ignoring it would widen
   * the filter to everything.
   */
  public static Set<String> values(Map<String, List<String>> parameters, String name) {
    Set<String> values = new LinkedHashSet<>();
    for (String entry : parameters.getOrDefault(name, List.of())) {
      for (String value : entry.split(",", -1)) {
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
          throw empty(name, entry);
        }
        values.add(trimmed);
      }
    }
    return values;
  }

  /**
   * The value of a parameter that may be given once, or null when it is absent. Given empty or
   * blank, it is a 400 naming it.
   */
  public static String single(Map<String, List<String>> parameters, String name) {
    List<String> raw = parameters.get(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (raw.size() > 1) {
      throw new ParameterException(
          name, null, "Query parameter '" + name + "' may be given only once.");
    }
    if (raw.get(0).isBlank()) {
      throw empty(name, raw.get(0));
    }
    return raw.get(0).trim();
  }

  private static ParameterException empty(String name, String value) {
    return new ParameterException(
        name,
        value,
        "Query parameter '"
            + name
            + "' has an empty value"
            + (value.isBlank() ? "" : " in '" + value + "'")
            + ": give a value, or leave the parameter out.");
  }
}
