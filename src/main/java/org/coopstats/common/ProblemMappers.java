package org.coopstats.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become RFC 9457 {@code application/problem+json} responses. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /**
   * The attribute of an AuthenticationFailedException that says how many seconds a throttled login
   * must wait; it is answered 429 with Retry-After.
   */
  public static final String RETRY_AFTER_ATTRIBUTE = "coopstats.retry-after-seconds";

  private static final int RETRY_AFTER_SECONDS = 5;
  // Overload passes in moments: a short wait spreads the retries without idling the client long.
  private static final int OVERLOAD_RETRY_AFTER_SECONDS = 2;

  /** The realm of the HTTP Basic challenge. */
  static final String REALM = "CoopStats";

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uriInfo) {
    if (e.status() == 401) {
      return challenge(Response.fromResponse(respondProblem(e, uriInfo)), oidcEnabled()).build();
    }
    return respondProblem(e, uriInfo);
  }

  /**
   * A request without a user where one is needed, wrong credentials, or too many failed logins.
   * Thrown in the HTTP layer (proactive authentication, the permission policies of
   * org.coopstats.security.UserRequiredPolicies) before the REST layer has read anything of the
   * request, and mapped here by Quarkus REST all the same.
   */
  @ServerExceptionMapper({
    io.quarkus.security.AuthenticationFailedException.class,
    io.quarkus.security.UnauthorizedException.class
  })
  public Response authenticationFailed(RuntimeException e, UriInfo uriInfo, HttpHeaders headers) {
    if (isDatabaseUnavailable(e) || isPoolExhausted(e)) {
      return unexpected(e, uriInfo);
    }
    Long retryAfter = retryAfterSeconds(e);
    if (retryAfter != null) {
      return Response.fromResponse(
              simple(
                  429,
                  "too-many-failed-logins",
                  "Too many failed logins",
                  "Too many wrong passwords for this user or from this address: no password is"
                      + " checked for it for "
                      + retryAfter
                      + " s. Retry after that with the right one.",
                  uriInfo))
          .header("Retry-After", retryAfter)
          .build();
    }
    boolean oidc = oidcEnabled();
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    if (bearer && oidc) {
      return Response.fromResponse(
              simple(
                  401,
                  "unauthorized",
                  "Authentication required",
                  "The bearer token was not accepted: it is expired, malformed, or not signed"
                      + " by the identity provider this service trusts. Get a new access token.",
                  uriInfo))
          .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
          .build();
    }
    String detail;
    if (bearer) {
      detail =
          "This needs a user: send HTTP Basic credentials (Authorization: Basic …). Bearer"
              + " tokens are not accepted: OIDC is not switched on here.";
    } else if (authorization != null
        && e instanceof io.quarkus.security.AuthenticationFailedException) {
      detail =
          "The credentials were not accepted: send the user name and password of a CoopStats"
              + " user with HTTP Basic.";
    } else {
      detail = userNeeded(oidc);
    }
    return challenge(
            Response.fromResponse(
                simple(401, "unauthorized", "Authentication required", detail, uriInfo)),
            oidc)
        .build();
  }

  /** The detail of a 401 to a caller that sent no credentials. */
  public static String userNeeded(boolean oidc) {
    return oidc
        ? "This needs a user: send HTTP Basic credentials (Authorization: Basic …) or an OIDC"
            + " access token (Authorization: Bearer …)."
        : "This needs a user: send HTTP Basic credentials (Authorization: Basic …).";
  }

  /**
   * Basic, and Bearer where OIDC tokens are accepted, as two challenges in one header (RFC 9110
   * §11.6.1): clients that read only one WWW-Authenticate header still see both.
   */
  private static Response.ResponseBuilder challenge(
      Response.ResponseBuilder response, boolean oidc) {
    String basic = "Basic realm=\"" + REALM + "\"";
    return response.header(
        "WWW-Authenticate", oidc ? basic + ", Bearer realm=\"" + REALM + "\"" : basic);
  }

  private static boolean oidcEnabled() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class)
        .orElse(false);
  }

  private static Long retryAfterSeconds(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.quarkus.security.AuthenticationFailedException failed
          && failed.getAttribute(RETRY_AFTER_ATTRIBUTE) instanceof Number seconds) {
        return seconds.longValue();
      }
    }
    return null;
  }

  @ServerExceptionMapper
  public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uriInfo) {
    return simple(403, "forbidden", "Forbidden", "Your user may not do this.", uriInfo);
  }

  private Response respondProblem(ProblemException e, UriInfo uriInfo) {
    return respond(
        new Problem(
            Problem.TYPE_PREFIX + e.slug(),
            e.title(),
            e.status(),
            e.getMessage(),
            path(uriInfo),
            e.errors(),
            e.extensions()));
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uriInfo) {
    return simple(
        404, "not-found", "Not found", "There is no resource at " + path(uriInfo) + ".", uriInfo);
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uriInfo, Request request) {
    var allowed = e.getResponse().getAllowedMethods();
    String detail =
        allowed.isEmpty()
            ? request.getMethod() + " is not allowed on " + path(uriInfo) + "."
            : request.getMethod()
                + " is not allowed here; this resource allows "
                + String.join(", ", allowed)
                + ".";
    Response response = simple(405, "method-not-allowed", "Method not allowed", detail, uriInfo);
    return allowed.isEmpty() ? response : Response.fromResponse(response).allow(allowed).build();
  }

  @ServerExceptionMapper
  public Response notAcceptable(NotAcceptableException e, UriInfo uriInfo) {
    return simple(
        406,
        "not-acceptable",
        "Not acceptable",
        "None of the media types in the Accept header can be produced here. This resource"
            + " serves application/json and, where documented, text/csv (or use ?format=).",
        uriInfo);
  }

  @ServerExceptionMapper
  public Response unsupported(NotSupportedException e, UriInfo uriInfo) {
    return simple(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "This resource does not accept that Content-Type. Uploads take text/csv, .xlsx or"
            + " application/json; other writes take application/json.",
        uriInfo);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uriInfo) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadableJson(json, uriInfo);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return internal(e, uriInfo);
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    return simple(status, "http-" + status, title, e.getMessage(), uriInfo);
  }

  /** A path or query parameter (or header) that cannot be used: 400 naming it. */
  @ServerExceptionMapper
  public Response badParameter(ParameterException e, UriInfo uriInfo) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", e.parameter());
    error.put("message", e.getMessage());
    if (e.value() != null) {
      error.put("value", Text.printable(e.value()));
    }
    return respond(
        new Problem(
            Problem.TYPE_PREFIX + "invalid-request",
            "Invalid request",
            400,
            e.getMessage(),
            path(uriInfo),
            List.of(error),
            Map.of()));
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uriInfo) {
    List<Map<String, Object>> errors =
        e.getConstraintViolations().stream()
            .sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(ProblemMappers::violation)
            .toList();
    String detail =
        errors.stream()
            .map(err -> err.get("field") + " " + err.get("message"))
            .collect(Collectors.joining("; "));
    return respond(
        new Problem(
            Problem.TYPE_PREFIX + "invalid-request",
            "Invalid request",
            400,
            detail,
            path(uriInfo),
            errors,
            Map.of()));
  }

  @ServerExceptionMapper({
    JsonProcessingException.class,
    JsonParseException.class,
    MismatchedInputException.class,
    InvalidFormatException.class,
    UnrecognizedPropertyException.class
  })
  public Response unreadableJson(JsonProcessingException e, UriInfo uriInfo) {
    if (e instanceof JsonBodyText.RefusedTextException refused) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("field", refused.field());
      error.put("message", refused.getOriginalMessage());
      return respond(
          new Problem(
              Problem.TYPE_PREFIX + "invalid-request",
              "Invalid request",
              400,
              refused.field() + ": " + refused.getOriginalMessage(),
              path(uriInfo),
              List.of(error),
              Map.of()));
    }
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
      // The parser's limits (nesting, number and string lengths): its message names the limit.
      return simple(
          400,
          "unreadable-body",
          "Unreadable request body",
          "The request body exceeds a limit of this service's JSON reader: "
              + e.getOriginalMessage(),
          uriInfo);
    }
    String detail =
        "The request body is not valid JSON for this resource: " + e.getOriginalMessage();
    if (e instanceof UnrecognizedPropertyException unknown) {
      detail =
          "Unknown property '"
              + unknown.getPropertyName()
              + "'. Known properties: "
              + unknown.getKnownPropertyIds()
              + ".";
    } else if (e.getLocation() != null) {
      detail +=
          " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    return simple(400, "unreadable-body", "Unreadable request body", detail, uriInfo);
  }

  /** Shed by QueryBulkhead: too many queries at once; nothing of this one ran. */
  @ServerExceptionMapper
  public Response bulkheadFull(
      org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException e, UriInfo uriInfo) {
    return overloaded(
        "Too many queries are running right now; this one was not started. Retry in a few"
            + " seconds.",
        uriInfo);
  }

  private static Response overloaded(String detail, UriInfo uriInfo) {
    Response response = simple(503, "overloaded", "Service unavailable", detail, uriInfo);
    return Response.fromResponse(response)
        .header("Retry-After", OVERLOAD_RETRY_AFTER_SECONDS)
        .build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uriInfo) {
    if (isPoolExhausted(e)) {
      LOG.debugf("Database pool exhausted: %s", e.toString());
      return overloaded(
          "The service is busy: no database connection became free in time. Nothing was"
              + " changed; retry in a few seconds.",
          uriInfo);
    }
    if (isTimedOut(e)) {
      LOG.warnf("Request timed out in the database: %s", e.toString());
      return overloaded(
          "The service is busy: this request waited too long in the database (most often for"
              + " another write to the same dataset) and was rolled back. Nothing was changed;"
              + " retry in a few seconds.",
          uriInfo);
    }
    if (isDatabaseUnavailable(e)) {
      LOG.warnf("Database unavailable: %s", e.toString());
      Response response =
          simple(
              503,
              "database-unavailable",
              "Service unavailable",
              "The database cannot be reached right now. Nothing was changed; retry in a few"
                  + " seconds.",
              uriInfo);
      return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
    return internal(e, uriInfo);
  }

  private Response internal(Throwable e, UriInfo uriInfo) {
    String reference = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected failure, reference %s", reference);
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("reference", reference);
    return respond(
        new Problem(
            Problem.TYPE_PREFIX + "internal-error",
            "Internal error",
            500,
            "The service failed to answer this request. Quote reference "
                + reference
                + " when you report it.",
            path(uriInfo),
            null,
            extensions));
  }

  /** True when a failure comes from losing the database, not from the request. */
  static boolean isDatabaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof java.net.ConnectException
          || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
          return true;
        }
        if (String.valueOf(sql.getMessage()).contains("This connection has been closed")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * True when the database cancelled a statement of the request (the transaction's timeout, SQL
   * state 57014) or refused to wait for a lock (55P03): the request was not wrong, it came at a
   * busy moment.
   */
  static boolean isTimedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && ("57014".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * True when every pooled connection stayed busy for the whole acquisition timeout. Agroal says so
   * only in the message of a plain SQLException (no SQL state): "Sorry, acquisition timeout!".
   */
  static boolean isPoolExhausted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() == null
          && String.valueOf(sql.getMessage())
              .toLowerCase(java.util.Locale.ROOT)
              .contains("acquisition timeout")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static Map<String, Object> violation(ConstraintViolation<?> v) {
    String path = v.getPropertyPath().toString();
    // "create.request.title" -> "title": the method and parameter names mean nothing to a client.
    String[] parts = path.split("\\.");
    String field =
        parts.length > 2
            ? String.join(".", List.of(parts).subList(2, parts.length))
            : parts[parts.length - 1];
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("message", v.getMessage());
    if (v.getInvalidValue() != null && !(v.getInvalidValue() instanceof Record)) {
      error.put("value", String.valueOf(v.getInvalidValue()));
    }
    return error;
  }

  private static Response simple(
      int status, String slug, String title, String detail, UriInfo uriInfo) {
    return respond(
        new Problem(
            Problem.TYPE_PREFIX + slug, title, status, detail, path(uriInfo), null, Map.of()));
  }

  private static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String path(UriInfo uriInfo) {
    return uriInfo == null ? null : "/" + uriInfo.getPath().replaceFirst("^/", "");
  }
}
