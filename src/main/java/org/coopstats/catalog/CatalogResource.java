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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

  private final CatalogQueries queries;

  public CatalogResource(CatalogQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/codelists")
  @Tag(name = "Code lists", description = "Classifications, with labels and hierarchies")
  @Operation(summary = "List the code lists")
  @APIResponse(responseCode = "200", description = "A page of code lists")
  @APIResponse(ref = "BadRequest")
  public Response codeLists(
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    Page<CodeListSummary> page = queries.codeLists(PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/codelists/{id}")
  @Tag(name = "Code lists")
  @Operation(
      summary = "Get a code list with its codes",
      description = "Codes in display order with their parents; view=tree adds the hierarchy.")
  @APIResponse(responseCode = "200", description = "The code list")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  public Response codeList(
      @Parameter(example = "CL_WORK_CAT") @PathParam("id") String id,
      @Parameter(description = "flat (default) or tree") @QueryParam("view") String view,
      @Parameter(description = "Codes to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–5000 (default 1000)") @QueryParam("limit")
          Integer limit,
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
  @Tag(name = "Data structure", description = "Dimensions, attributes and measures")
  @Operation(summary = "List the data structures")
  @APIResponse(responseCode = "200", description = "The structures")
  public Response structures(@Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    List<StructureView> all = queries.structures();
    Page<StructureView> page = new Page<>(all, all.size(), 0, Math.max(1, all.size()));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/structures/{id}")
  @Tag(name = "Data structure")
  @Operation(summary = "Get a data structure: dimensions, attributes, measures")
  @APIResponse(responseCode = "200", description = "The structure")
  @APIResponse(ref = "NotFound")
  public StructureView structure(@Parameter(example = "COOP_STATS") @PathParam("id") String id) {
    return queries
        .structure(id)
        .orElseThrow(() -> ProblemException.notFound("There is no data structure '" + id + "'."));
  }
}
