package org.coopstats.common;

import java.util.List;
import java.util.Map;

/**
 * A domain failure that the REST layer answers with an {@code application/problem+json} body.
 * Thrown below the REST layer; {@link ProblemMappers} turns it into the response.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<?> errors;
  private final Map<String, Object> extensions;

  public ProblemException(
      int status,
      String slug,
      String title,
      String detail,
      List<?> errors,
      Map<String, Object> extensions) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = errors;
    this.extensions = extensions == null ? Map.of() : extensions;
  }

  public ProblemException(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, null, null);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "bad-request", "Bad request", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail);
  }

  public static ProblemException payloadTooLarge(String detail) {
    return new ProblemException(413, "payload-too-large", "Payload too large", detail);
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public List<?> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
