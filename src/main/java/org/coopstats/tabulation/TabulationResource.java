package org.coopstats.tabulation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.QueryParameters;
import org.coopstats.tabulation.TabulationViews.TabulateRequest;
import org.coopstats.tabulation.TabulationViews.TabulationView;
import org.coopstats.upload.UploadJobService;

/** Tabulating a register into a dataset's draft (a job), and the tabulations it has had. */
@Path("/api/v1/registers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class TabulationResource {

  private final TabulationService tabulations;

  public TabulationResource(TabulationService tabulations) {
    this.tabulations = tabulations;
  }

  @POST
  @Path("/tabulate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response tabulate(
      @PathParam("id") long id, @Valid @NotNull TabulateRequest request, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    UploadJobService.JobView job = tabulations.tabulate(id, request);
    return Response.accepted(job)
        .location(uriInfo.getBaseUriBuilder().path("api/v1/jobs/{job}").build(job.id()))
        .build();
  }

  @GET
  @Path("/tabulations")
  public Response list(
      @PathParam("id") long id,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    Page<TabulationView> page = tabulations.list(id, PageRequest.of(offset, limit, 20, 100));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo)
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }

  @GET
  @Path("/tabulations/{tabulation}")
  public Response get(
      @PathParam("id") long id,
      @PathParam("tabulation") long tabulation,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return Response.ok(tabulations.get(id, tabulation))
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }
}
