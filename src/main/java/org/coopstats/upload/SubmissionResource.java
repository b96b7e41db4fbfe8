package org.coopstats.upload;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetService;
import org.coopstats.security.Access;
import org.coopstats.upload.SubmissionRepository.Submission;
import org.coopstats.validation.ValidationIssue;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/datasets/{id}/submissions")
@Tag(name = "Datasets")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class SubmissionResource {

  /** A submission with its validation report. */
  public record SubmissionReport(Submission submission, List<ValidationIssue> issues) {}

  private final SubmissionRepository submissions;
  private final DatasetService datasets;
  private final Access access;

  public SubmissionResource(
      SubmissionRepository submissions, DatasetService datasets, Access access) {
    this.submissions = submissions;
    this.datasets = datasets;
    this.access = access;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List a dataset's accepted submissions, newest first",
      description = "For the users of the dataset's provider.")
  @APIResponse(responseCode = "200", description = "A page of submissions")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "NotFound")
  public Response list(
      @PathParam("id") long id,
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    requireInsider(id);
    Page<Submission> page = submissions.list(id, PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{submissionId}")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(
      summary = "A submission's validation report (its warnings)",
      description = "JSON, or CSV with Accept: text/csv.")
  @APIResponse(
      responseCode = "200",
      description = "The report",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON),
        @Content(mediaType = "text/csv")
      })
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "NotFound")
  public Response get(
      @PathParam("id") long id,
      @PathParam("submissionId") long submissionId,
      @Context HttpHeaders headers) {
    requireInsider(id);
    Submission submission =
        submissions
            .get(id, submissionId)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "Dataset " + id + " has no submission " + submissionId + "."));
    List<ValidationIssue> issues = submissions.issues(submissionId);
    return ValidationReports.respond(issues, new SubmissionReport(submission, issues), headers);
  }

  private void requireInsider(long datasetId) {
    access.requireAuthenticated();
    Dataset dataset = datasets.requireVisible(datasetId);
    if (!access.canSeeUnreleased(dataset.providerId)) {
      throw new ProblemException(
          403, "forbidden", "Forbidden", "Submissions are shown to the provider's users only.");
    }
  }
}
