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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Upload jobs", description = "Large uploads checked and stored in the background")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class UploadJobResource {

  private final UploadJobService jobs;

  public UploadJobResource(UploadJobService jobs) {
    this.jobs = jobs;
  }

  @GET
  @Operation(summary = "List a dataset's upload jobs, newest first")
  @APIResponse(responseCode = "200", description = "A page of jobs")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "NotFound")
  public Response list(
      @Parameter(description = "Dataset id", required = true) @QueryParam("dataset") Long dataset,
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
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
  @Operation(
      summary = "A job's progress (rows read, checked, stored) and, once it ends, its result",
      description =
          "status QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED; result holds the upload"
              + " result (with its warnings) or the problem that ended it.")
  @APIResponse(responseCode = "200", description = "The job")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "NotFound")
  public JobView get(@PathParam("id") long id) {
    return jobs.get(id);
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Cancel a queued or running job; nothing of it is stored",
      description =
          "A 202 is a promise: the job ends CANCELLED and stores nothing. Once a job has begun"
              + " storing its rows (or has ended) a cancel is refused with 409.")
  @APIResponse(
      responseCode = "202",
      description = "Cancel accepted; the job ends shortly as CANCELLED")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "Conflict")
  public Response cancel(@PathParam("id") long id) {
    return Response.accepted(jobs.cancel(id)).build();
  }
}
