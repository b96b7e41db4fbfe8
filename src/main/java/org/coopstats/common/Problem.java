package org.coopstats.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI reference naming the kind of problem (see README, "Errors")
 * @param errors the individual faults, for validation problems
 * @param extensions further members, e.g. {@code errorCount} of a rejected upload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<?> errors,
    @JsonIgnore Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_PREFIX = "/problems/";

  @JsonAnyGetter
  public Map<String, Object> extensionMembers() {
    return extensions;
  }
}
