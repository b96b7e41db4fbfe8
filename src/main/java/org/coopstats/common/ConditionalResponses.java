package org.coopstats.common;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

/** Conditional requests: the ETag, Last-Modified and Cache-Control of an answer, and its 304. */
public final class ConditionalResponses {

  /** What only a user sees (a draft, a provider's review, who they are): never kept by a cache. */
  public static final String PRIVATE = "private, no-cache, no-store";

  private ConditionalResponses() {}

  /** A 304 (or 412) when the request's preconditions hold for these validators. */
  public static Optional<Response> notModified(Request request, Validators validators) {
    Response.ResponseBuilder answer =
        request.evaluatePreconditions(lastModified(validators), etag(validators));
    return Optional.ofNullable(answer)
        .map(a -> a.header(HttpHeaders.CACHE_CONTROL, cacheControl(validators)).build());
  }

  /** Adds ETag, Last-Modified and Cache-Control to an answer. */
  public static Response.ResponseBuilder withValidators(
      Response.ResponseBuilder response, Validators validators) {
    return response
        .tag(etag(validators))
        .lastModified(lastModified(validators))
        .header(HttpHeaders.CACHE_CONTROL, cacheControl(validators));
  }

  private static EntityTag etag(Validators validators) {
    return new EntityTag(
        Long.toHexString(validators.lastModified().toInstant().toEpochMilli())
            + (validators.revision() == 0 ? "" : "." + Long.toHexString(validators.revision()))
            + "-"
            + validators.variant(),
        validators.weak());
  }

  /** HTTP dates have whole seconds. */
  private static Date lastModified(Validators validators) {
    return Date.from(validators.lastModified().toInstant().truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Released data: {@code public, no-cache}, so an HTTP cache or CDN in front may keep it and must
   * revalidate it (If-None-Match) on every use, a 304 until the next release. No max-age: a fresh
   * lifetime would serve an answer past a release, and one bounded by the next scheduled release
   * would tell when an embargo ends. What only a provider sees is never stored.
   */
  private static String cacheControl(Validators validators) {
    return validators.unreleased() ? PRIVATE : "public, no-cache";
  }
}
