package org.coopstats.common;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Problems that arise in Vert.x before a request reaches Quarkus REST and its exception mappers: a
 * request line or headers over the limits, a path whose %-escapes cannot be decoded. They are
 * answered as {@code application/problem+json} like every other error.
 *
 * <p>The limits are enforced here, below the HTTP codec's own ({@code quarkus.http.limits}, set
 * higher in application.properties): the codec answers a line or headers over its limits with an
 * empty 414 or 431 and offers no hook to render them (quarkusio/quarkus#55082).
 */
@ApplicationScoped
public class HttpLevelProblems {

  private static final Logger LOG = Logger.getLogger(HttpLevelProblems.class);

  /**
   * The system property that stops Quarkus's own URI check (an empty 400): set by CoopStatsMain and
   * the test runs, so that {@link #checkLimits} answers it as problem+json.
   */
  public static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

  /** The longest request target (path and query string) served, in characters. */
  public static final int MAX_URI_LENGTH = 8192;

  /** The most bytes of request headers (names and values) served. */
  public static final int MAX_HEADER_BYTES = 16384;

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(HttpLevelProblems::checkLimits);
    router.route().order(Integer.MIN_VALUE).failureHandler(HttpLevelProblems::failure);
  }

  private static void checkLimits(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String uri = request.uri();
    if (uri != null && uri.length() > MAX_URI_LENGTH) {
      send(
          ctx,
          414,
          "uri-too-long",
          "URI too long",
          "The request URI has "
              + uri.length()
              + " characters; at most "
              + MAX_URI_LENGTH
              + " are served. Ask for less at once (fewer codes per parameter) and page"
              + " through the rest.",
          null);
      return;
    }
    if (uri != null) {
      try {
        new URI(uri);
      } catch (URISyntaxException e) {
        send(
            ctx,
            400,
            "bad-request",
            "Bad request",
            "The request URI is not a valid URI ("
                + e.getReason()
                + " at character "
                + (e.getIndex() + 1)
                + "): every % must start an escape of two hexadecimal digits (%25 for a %"
                + " itself), and spaces and other special characters must be escaped.",
            null);
        return;
      }
    }
    long headerBytes = 0;
    MultiMap headers = request.headers();
    for (Map.Entry<String, String> header : headers) {
      headerBytes += header.getKey().length() + header.getValue().length() + 4;
    }
    if (headerBytes > MAX_HEADER_BYTES) {
      send(
          ctx,
          431,
          "headers-too-large",
          "Request header fields too large",
          "The request headers have about "
              + headerBytes
              + " bytes; at most "
              + MAX_HEADER_BYTES
              + " are served. Send fewer or shorter headers (cookies, tokens).",
          null);
      return;
    }
    ctx.next();
  }

  /** A failure no REST exception mapper saw: an undecodable path, a failure in Vert.x. */
  private static void failure(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    int status = ctx.statusCode();
    Throwable failure = ctx.failure();
    if (status == 401 || status == 403 || isSecurityFailure(failure)) {
      ctx.next(); // authentication failures and challenges belong to Quarkus security
      return;
    }
    if (isBadEscape(failure)) {
      status = 400;
    }
    if (status >= 400 && status < 500) {
      send(
          ctx,
          status,
          status == 400 ? "bad-request" : "http-" + status,
          status == 400 ? "Bad request" : "HTTP " + status,
          status == 400
              ? "The request URI cannot be decoded: every % must start an escape of two"
                  + " hexadecimal digits (%25 for a % itself), and the escapes must make UTF-8."
              : "The request cannot be served as sent.",
          null);
      return;
    }
    if (ProblemMappers.isDatabaseUnavailable(failure)) {
      ctx.next();
      return;
    }
    String reference = java.util.UUID.randomUUID().toString();
    LOG.errorf(failure, "Unexpected failure in HTTP handling, reference %s", reference);
    send(
        ctx,
        500,
        "internal-error",
        "Internal error",
        "The service failed to answer this request. Quote reference "
            + reference
            + " when you report it.",
        reference);
  }

  private static boolean isSecurityFailure(Throwable failure) {
    return failure instanceof io.quarkus.security.AuthenticationFailedException
        || failure instanceof io.quarkus.security.UnauthorizedException
        || failure instanceof io.quarkus.security.ForbiddenException
        || failure instanceof io.quarkus.security.AuthenticationRedirectException;
  }

  private static boolean isBadEscape(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException
          && String.valueOf(t.getMessage()).contains("escape")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static void send(
      RoutingContext ctx, int status, String slug, String title, String detail, String reference) {
    JsonObject problem =
        new JsonObject()
            .put("type", Problem.TYPE_PREFIX + slug)
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", instance(ctx.request()));
    if (reference != null) {
      problem.put("reference", reference);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(problem.encode());
  }

  /** The raw path, cut short: it may be undecodable or very long. */
  private static String instance(HttpServerRequest request) {
    String path = request.path();
    if (path == null) {
      return null;
    }
    return path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }
}
