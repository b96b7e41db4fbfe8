package org.coopstats.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.coopstats.catalog.CatalogViews.CodeListSummary;
import org.coopstats.catalog.CatalogViews.CodeListView;
import org.coopstats.catalog.CatalogViews.StructureView;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

  private final CatalogQueries queries;

  public CatalogResource(CatalogQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/codelists")
  public Response codeLists(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    Page<CodeListSummary> page = queries.codeLists(PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/codelists/{id}")
  public Response codeList(
      @PathParam("id") String id,
      @QueryParam("view") String view,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("view", "offset", "limit"));
    boolean tree = "tree".equals(view);
    if (view != null && !tree && !"flat".equals(view)) {
      throw ProblemException.badRequest("view '" + view + "' is unknown: use flat or tree.");
    }
    CodeListView list =
        queries
            .codeList(id, PageRequest.of(offset, limit, 1000, 5000), tree)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "There is no code list '" + id + "'. GET /api/v1/codelists lists them."));
    Page<?> page = new Page<>(list.items(), list.total(), list.offset(), list.limit());
    return PagedResponses.ok(list, page, uriInfo).build();
  }

  @GET
  @Path("/structures")
  public Response structures(@Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    List<StructureView> all = queries.structures();
    Page<StructureView> page = new Page<>(all, all.size(), 0, Math.max(1, all.size()));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/structures/{id}")
  public StructureView structure(@PathParam("id") String id) {
    return queries
        .structure(id)
        .orElseThrow(() -> ProblemException.notFound("There is no data structure '" + id + "'."));
  }
}
