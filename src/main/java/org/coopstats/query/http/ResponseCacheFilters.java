package org.coopstats.query.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.query.ReleaseState;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers a request for released data from {@link ResponseCache} before its resource runs (so a hit
 * skips the query bulkhead and the database), and marks a miss whose answer may be kept for {@link
 * ResponseCacheWriter}. Runs after authentication (proactive), and only for anonymous GETs of the
 * public data paths: nothing a user's credentials could change is ever kept or served.
 */
public class ResponseCacheFilters {

  /** Request property: the key and moment under which the answer, once written, is kept. */
  static final String KEEP = "coopstats.response-cache.keep";

  static final String X_CACHE = "X-Cache";

  /** Paths whose answers are released data only (view=draft/preview are refused below). */
  private static final List<String> CACHED_PATHS =
      List.of(
          "/api/v1/observations",
          "/sdmx/v2.1/data/",
          "/sdmx/v2.1/availableconstraint/",
          "/api/v1/indicators/",
          "/api/v1/tables/");

  private static final String DATASET_PATH = "/api/v1/datasets/";
  private static final String OBSERVATIONS = "/observations";

  /** Where a miss's answer goes once written: its key and release moment. */
  record Keep(String key, ReleaseState moment) {}

  private final ResponseCache cache;

  public ResponseCacheFilters(ResponseCache cache) {
    this.cache = cache;
  }

  @ServerRequestFilter
  public Optional<Response> answerFromCache(ContainerRequestContext request) {
    if (!cache.enabled() || !cacheable(request)) {
      return Optional.empty();
    }
    String key = key(request);
    ReleaseState moment = cache.releaseMoment();
    Optional<ResponseCache.Answer> answer = cache.find(key, moment);
    if (answer.isEmpty()) {
      request.setProperty(KEEP, new Keep(key, moment));
      return Optional.empty();
    }
    return Optional.of(hit(answer.get(), request.getRequest()));
  }

  /** A miss with a 200 of released data: marked to be kept as it is written. */
  @ServerResponseFilter
  public void markMiss(ContainerRequestContext request, ContainerResponseContext response) {
    Object keep = request.getProperty(KEEP);
    if (keep == null) {
      return;
    }
    if (response.getStatus() != 200 || !released(response.getHeaderString("Cache-Control"))) {
      request.removeProperty(KEEP);
      return;
    }
    response.getHeaders().putSingle(X_CACHE, "miss");
  }

  /** Cache-Control private or no-store: what a dataset's provider sees, never kept. */
  private static boolean released(String cacheControl) {
    return cacheControl == null
        || !(cacheControl.contains("private") || cacheControl.contains("no-store"));
  }

  private static boolean cacheable(ContainerRequestContext request) {
    if (!HttpMethod.GET.equals(request.getMethod())
        || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
        || request.getSecurityContext().getUserPrincipal() != null
        || request.getUriInfo().getQueryParameters().containsKey("view")) {
      return false;
    }
    String path = request.getUriInfo().getPath();
    if (path.startsWith(DATASET_PATH) && path.endsWith(OBSERVATIONS)) {
      return true;
    }
    for (String cached : CACHED_PATHS) {
      if (path.startsWith(cached)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request as the answer depends on it: the absolute URI as sent (the host and the order of
   * the parameters show in the Link and next hrefs, so a reordered query is another answer), the
   * Accept header (the format when there is no format parameter) and Accept-Language.
   */
  private static String key(ContainerRequestContext request) {
    return request.getUriInfo().getRequestUri().toString()
        + '\n'
        + headerOrEmpty(request, HttpHeaders.ACCEPT)
        + '\n'
        + headerOrEmpty(request, HttpHeaders.ACCEPT_LANGUAGE);
  }

  private static String headerOrEmpty(ContainerRequestContext request, String name) {
    String value = request.getHeaderString(name);
    return value == null ? "" : value;
  }

  /** The kept answer, or its 304 when the client's copy is current (as the resource would). */
  private static Response hit(ResponseCache.Answer answer, Request request) {
    Response.ResponseBuilder notModified = preconditions(answer, request);
    if (notModified != null) {
      return notModified
          .header(HttpHeaders.CACHE_CONTROL, answer.cacheControl())
          .header(X_CACHE, "hit")
          .build();
    }
    Response.ResponseBuilder ok = Response.ok(answer.body(), answer.type());
    for (Map.Entry<String, List<Object>> header : answer.headers()) {
      ok.header(header.getKey(), null);
      for (Object value : header.getValue()) {
        ok.header(header.getKey(), value);
      }
    }
    return ok.header(X_CACHE, "hit").build();
  }

  private static Response.ResponseBuilder preconditions(
      ResponseCache.Answer answer, Request request) {
    if (answer.etag() != null && answer.lastModified() != null) {
      return request.evaluatePreconditions(answer.lastModified(), answer.etag());
    }
    if (answer.etag() != null) {
      return request.evaluatePreconditions(answer.etag());
    }
    if (answer.lastModified() != null) {
      return request.evaluatePreconditions(answer.lastModified());
    }
    return null;
  }
}
