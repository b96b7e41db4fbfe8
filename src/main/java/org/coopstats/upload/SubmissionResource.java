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
import org.coopstats.common.CsvDownloads;
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

@Path("/api/v1/datasets/{id}/submissions")
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
  public Response list(
      @PathParam("id") long id,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    requireInsider(id);
    Page<Submission> page = submissions.list(id, PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{submissionId}")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
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
    return CsvDownloads.jsonOrCsv(
        headers,
        new SubmissionReport(submission, issues),
        ValidationReports.csv(issues),
        ValidationReports.FILENAME);
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
