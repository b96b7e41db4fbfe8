package org.coopstats.common;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/** Builds list responses: the body, an RFC 8288 {@code Link} header and {@code X-Total-Count}. */
public final class PagedResponses {

  public static final String TOTAL_COUNT = "X-Total-Count";

  private PagedResponses() {}

  public static Response.ResponseBuilder ok(Object body, Page<?> page, UriInfo uriInfo) {
    Response.ResponseBuilder builder = Response.ok(body).header(TOTAL_COUNT, page.total());
    List<Link> links = links(page, uriInfo);
    return builder.links(links.toArray(Link[]::new));
  }

  public static List<Link> links(Page<?> page, UriInfo uriInfo) {
    List<Link> links = new ArrayList<>();
    links.add(link(uriInfo, 0, page.limit(), "first"));
    if (page.hasNext()) {
      links.add(link(uriInfo, page.offset() + page.limit(), page.limit(), "next"));
    }
    if (page.offset() > 0) {
      links.add(link(uriInfo, Math.max(0, page.offset() - page.limit()), page.limit(), "prev"));
    }
    return links;
  }

  public static String nextHref(Page<?> page, UriInfo uriInfo) {
    return page.hasNext()
        ? link(uriInfo, page.offset() + page.limit(), page.limit(), "next").getUri().toString()
        : null;
  }

  private static Link link(UriInfo uriInfo, int offset, int limit, String rel) {
    return Link.fromUri(
            uriInfo
                .getRequestUriBuilder()
                .replaceQueryParam("offset", offset)
                .replaceQueryParam("limit", limit)
                .build())
        .rel(rel)
        .build();
  }
}
