package org.coopstats.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The JSON body of a list: the items with the paging facts a client needs to go on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageBody<T>(List<T> items, long total, int offset, int limit, String next) {

  public static <T> PageBody<T> of(Page<T> page, UriInfo uriInfo) {
    return new PageBody<>(
        page.items(),
        page.total(),
        page.offset(),
        page.limit(),
        PagedResponses.nextHref(page, uriInfo));
  }
}
