package org.coopstats.common;

import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks of query strings shared by every endpoint: an unknown parameter is a 400 naming it. */
public final class QueryParameters {

  private QueryParameters() {}

  public static void rejectUnknown(UriInfo uriInfo, Collection<String> allowed) {
    Set<String> unknown = new TreeSet<>(uriInfo.getQueryParameters().keySet());
    unknown.removeAll(allowed);
    if (unknown.isEmpty()) {
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

  /** Values of a multi-valued parameter: repeated ({@code a=X&a=Y}) or comma-separated. */
  public static Set<String> values(Map<String, List<String>> parameters, String name) {
    Set<String> values = new LinkedHashSet<>();
    for (String entry : parameters.getOrDefault(name, List.of())) {
      Arrays.stream(entry.split(","))
          .map(String::trim)
          .filter(v -> !v.isEmpty())
          .forEach(values::add);
    }
    return values;
  }

  /** The value of a parameter that may be given once, or null. */
  public static String single(Map<String, List<String>> parameters, String name) {
    List<String> raw = parameters.get(name);
    if (raw == null || raw.isEmpty() || raw.get(0).isBlank()) {
      return null;
    }
    if (raw.size() > 1) {
      throw ProblemException.badRequest("Query parameter '" + name + "' may be given only once.");
    }
    return raw.get(0).trim();
  }
}
