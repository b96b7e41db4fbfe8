package org.coopstats.upload;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.coopstats.common.CsvDownloads;
import org.coopstats.common.QueryParameters;

/** Uploads into a dataset's draft: at once, or as a job (202) when large or asked for. */
@Path("/api/v1/datasets/{id}/observations")
public class DatasetUploadResource {

  private static final String TEXT_CSV = "text/csv";

  private final UploadService uploads;
  private final UploadJobService jobs;
  private final UploadLimits limits;

  public DatasetUploadResource(UploadService uploads, UploadJobService jobs, UploadLimits limits) {
    this.uploads = uploads;
    this.jobs = jobs;
    this.limits = limits;
  }

  @POST
  @Consumes({TEXT_CSV, MediaType.APPLICATION_JSON, UploadService.XLSX_MEDIA_TYPE})
  @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
  public Response upload(
      @PathParam("id") long id,
      @QueryParam("dryRun") boolean dryRun,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @QueryParam("mode") String mode,
      @Context HttpHeaders headers,
      @Context UriInfo uriInfo,
      InputStream body) {
    QueryParameters.rejectUnknown(uriInfo, List.of("mode", "dryRun"));
    UploadService.Format format = UploadService.Format.of(headers.getHeaderString("Content-Type"));
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
    if (headers.getLength() > limits.maxBytes()) {
      throw SizeLimitedInputStream.tooLarge(limits.maxBytes());
    }
    UploadCommand command =
        UploadCommand.of(id, format, body)
            .withMode(UploadService.Mode.parse(mode))
            .withDryRun(dryRun)
            .withIdempotencyKey(key);
    String prefer = headers.getHeaderString("Prefer");
    if (headers.getLength() > limits.asyncThresholdBytes()
        || (prefer != null && prefer.contains("respond-async"))) {
      UploadJobService.JobView job = jobs.submit(command);
      return Response.accepted(job)
          .location(uriInfo.getBaseUriBuilder().path("api/v1/jobs/{job}").build(job.id()))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
    UploadResult result = uploads.upload(command.withBody(body, headers.getLength()));
    return CsvDownloads.jsonOrCsv(
        headers, result, ValidationReports.csv(result.issues()), ValidationReports.FILENAME);
  }
}
