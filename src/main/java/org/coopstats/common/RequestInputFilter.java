package org.coopstats.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource runs, path and query values that no resource can use: NUL characters
 * (PostgreSQL's text types refuse them, so a look-up failed with a 500) and an Accept header that
 * is not a list of media types (the content negotiation failed with a 500).
 */
public class RequestInputFilter {

  /** A weight in Accept (RFC 9110, 12.4.2). */
  private static final java.util.regex.Pattern QVALUE =
      java.util.regex.Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

  @ServerRequestFilter
  public void refuseUnusableInput(ContainerRequestContext request, UriInfo uriInfo) {
    MultivaluedMap<String, String> path;
    MultivaluedMap<String, String> query;
    try {
      path = uriInfo.getPathParameters();
      query = uriInfo.getQueryParameters();
    } catch (IllegalArgumentException e) {
      // A value decoded twice (%25zz is %zz once decoded) that is not a valid escape then.
      throw new ParameterException(
          "(uri)",
          null,
          "A path or query value cannot be decoded ("
              + e.getMessage()
              + "): every % must start"
              + " an escape of two hexadecimal digits, %25 for a % itself.");
    }
    check("path parameter", path);
    check("query parameter", query);
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    if (accept != null) {
      try {
        request.getAcceptableMediaTypes().forEach(RequestInputFilter::checkWeight);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            HttpHeaders.ACCEPT,
            accept,
            "The Accept header '"
                + Text.printable(accept)
                + "' is not a list of media types, e.g. application/json or text/csv;q=0.5.");
      }
    }
  }

  /**
   * A weight is a qvalue (RFC 9110, 12.4.2: 0 to 1, three decimals at most); the parser takes
   * {@code q=abc} as it is.
   */
  private static void checkWeight(jakarta.ws.rs.core.MediaType type) {
    String q = type.getParameters().get("q");
    if (q != null && !QVALUE.matcher(q).matches()) {
      throw new IllegalArgumentException("q=" + q + " is not a weight from 0 to 1");
    }
  }

  private static void check(String kind, MultivaluedMap<String, String> parameters) {
    for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
      String name = entry.getKey();
      if (!Text.storable(name)) {
        throw new ParameterException(
            Text.printable(name),
            null,
            "The name of a "
                + kind
                + " holds "
                + Text.whatIsRefused(name, Text.refusedAt(name))
                + ".");
      }
      for (String value : entry.getValue()) {
        int at = value == null ? -1 : Text.refusedAt(value);
        if (at >= 0) {
          throw new ParameterException(
              name,
              Text.printable(value),
              "The "
                  + kind
                  + " '"
                  + name
                  + "' holds "
                  + Text.whatIsRefused(value, at)
                  + ", which no value can contain.");
        }
      }
    }
  }
}
