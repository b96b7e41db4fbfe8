package org.coopstats.upload;

import jakarta.ws.rs.DELETE;
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
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.upload.UploadJobService.JobView;

@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class UploadJobResource {

  private final UploadJobService jobs;

  public UploadJobResource(UploadJobService jobs) {
    this.jobs = jobs;
  }

  @GET
  public Response list(
      @QueryParam("dataset") Long dataset,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("dataset", "offset", "limit"));
    if (dataset == null) {
      throw ProblemException.badRequest("dataset is required: the id of a dataset.");
    }
    Page<JobView> page = jobs.list(dataset, PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{id}")
  public JobView get(@PathParam("id") long id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return jobs.get(id);
  }

  @DELETE
  @Path("/{id}")
  public Response cancel(@PathParam("id") long id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return Response.accepted(jobs.cancel(id)).build();
  }
}
