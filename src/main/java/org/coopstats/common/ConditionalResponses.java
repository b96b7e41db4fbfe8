package org.coopstats.common;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

/** Conditional requests: the ETag, Last-Modified and Cache-Control of an answer, and its 304. */
public final class ConditionalResponses {

  private ConditionalResponses() {}

  /** A 304 (or 412) when the request's preconditions hold for these validators. */
  public static Optional<Response> notModified(Request request, Validators validators) {
    Response.ResponseBuilder answer =
        request.evaluatePreconditions(lastModified(validators), etag(validators));
    return Optional.ofNullable(answer).map(a -> a.cacheControl(cacheControl(validators)).build());
  }

  /** Adds ETag, Last-Modified and Cache-Control to an answer. */
  public static Response.ResponseBuilder withValidators(
      Response.ResponseBuilder response, Validators validators) {
    return response
        .tag(etag(validators))
        .lastModified(lastModified(validators))
        .cacheControl(cacheControl(validators));
  }

  private static EntityTag etag(Validators validators) {
    return new EntityTag(
        Long.toHexString(validators.lastModified().toInstant().toEpochMilli())
            + "-"
            + validators.variant(),
        validators.weak());
  }

  /** HTTP dates have whole seconds. */
  private static Date lastModified(Validators validators) {
    return Date.from(validators.lastModified().toInstant().truncatedTo(ChronoUnit.SECONDS));
  }

  private static CacheControl cacheControl(Validators validators) {
    CacheControl cacheControl = new CacheControl();
    cacheControl.setNoCache(true);
    cacheControl.setPrivate(validators.unreleased());
    cacheControl.setNoStore(validators.unreleased());
    return cacheControl;
  }
}
