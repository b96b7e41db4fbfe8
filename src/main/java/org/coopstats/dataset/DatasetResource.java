package org.coopstats.dataset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.dataset.DatasetViews.DatasetRequest;
import org.coopstats.dataset.DatasetViews.DatasetView;
import org.coopstats.dataset.DatasetViews.WithdrawRequest;
import org.coopstats.query.ObservationQueryParameters;
import org.coopstats.query.ObservationResponses;
import org.coopstats.upload.SizeLimitedInputStream;
import org.coopstats.upload.UploadJobService;
import org.coopstats.upload.UploadLimits;
import org.coopstats.upload.UploadProgress;
import org.coopstats.upload.UploadResult;
import org.coopstats.upload.UploadService;
import org.coopstats.upload.ValidationReports;

@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final DatasetService datasets;
  private final UploadService uploads;
  private final UploadJobService jobs;
  private final UploadLimits limits;
  private final ObservationResponses observations;

  public DatasetResource(
      DatasetService datasets,
      UploadService uploads,
      UploadJobService jobs,
      UploadLimits limits,
      ObservationResponses observations) {
    this.datasets = datasets;
    this.uploads = uploads;
    this.jobs = jobs;
    this.limits = limits;
    this.observations = observations;
  }

  @GET
  public Response list(
      @QueryParam("provider") List<String> provider,
      @QueryParam("area") List<String> area,
      @QueryParam("status") List<String> status,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(
        uriInfo, List.of("provider", "area", "status", "offset", "limit"));
    Map<String, List<String>> query = uriInfo.getQueryParameters();
    Page<DatasetView> page =
        datasets.list(
            QueryParameters.values(query, "provider"),
            QueryParameters.values(query, "area"),
            QueryParameters.values(query, "status"),
            PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Valid @NotNull DatasetRequest request, @Context UriInfo uriInfo) {
    DatasetView created = datasets.create(request);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("/{id}")
  public DatasetView get(@PathParam("id") long id) {
    return datasets.get(id);
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") long id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    datasets.delete(id);
  }

  @POST
  @Path("/{id}/publish")
  public DatasetView publish(
      @PathParam("id") long id,
      @QueryParam("releaseAt") String releaseAt,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("releaseAt"));
    return datasets.publish(id, parseInstant("releaseAt", releaseAt));
  }

  @POST
  @Path("/{id}/withdraw")
  @Consumes(MediaType.APPLICATION_JSON)
  public DatasetView withdraw(@PathParam("id") long id, @Valid @NotNull WithdrawRequest request) {
    return datasets.withdraw(id, request.reason());
  }

  @POST
  @Path("/{id}/observations")
  @Consumes({
    ObservationResponses.TEXT_CSV,
    MediaType.APPLICATION_JSON,
    UploadService.XLSX_MEDIA_TYPE
  })
  @Produces({MediaType.APPLICATION_JSON, ObservationResponses.TEXT_CSV})
  public Response upload(
      @PathParam("id") long id,
      @QueryParam("dryRun") boolean dryRun,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @QueryParam("mode") String mode,
      @Context HttpHeaders headers,
      @Context UriInfo uriInfo,
      InputStream body) {
    QueryParameters.rejectUnknown(uriInfo, List.of("mode", "dryRun"));
    MediaType type = headers.getMediaType();
    UploadService.Format format =
        type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
            ? UploadService.Format.JSON
            : type != null && type.isCompatible(MediaType.valueOf(UploadService.XLSX_MEDIA_TYPE))
                ? UploadService.Format.XLSX
                : UploadService.Format.CSV;
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
    if (headers.getLength() > limits.maxBytes()) {
      throw SizeLimitedInputStream.tooLarge(limits.maxBytes());
    }
    String prefer = headers.getHeaderString("Prefer");
    if (headers.getLength() > limits.asyncThresholdBytes()
        || (prefer != null && prefer.contains("respond-async"))) {
      UploadJobService.JobView job = jobs.submit(id, format, parseMode(mode), body, dryRun, key);
      return Response.accepted(job)
          .location(uriInfo.getBaseUriBuilder().path("api/v1/jobs/{job}").build(job.id()))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
    UploadResult result =
        uploads.upload(
            id,
            format,
            parseMode(mode),
            body,
            headers.getLength(),
            dryRun,
            key,
            UploadProgress.NONE);
    return ValidationReports.respond(result.issues(), result, headers);
  }

  @GET
  @Path("/{id}/observations")
  @Produces({MediaType.APPLICATION_JSON, ObservationResponses.TEXT_CSV})
  public Response observations(
      @PathParam("id") long id,
      @BeanParam ObservationQueryParameters parameters,
      @QueryParam("view") String view,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    Dataset dataset = datasets.requireVisible(id);
    return observations.answer(uriInfo, headers, request, dataset);
  }

  private static OffsetDateTime parseInstant(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim().replace(' ', '+'));
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          name + " '" + text + "' is not a timestamp: use ISO 8601, e.g. 2027-01-15T09:00:00Z.");
    }
  }

  private static UploadService.Mode parseMode(String mode) {
    if (mode == null || mode.isBlank()) {
      return UploadService.Mode.MERGE;
    }
    try {
      return UploadService.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("mode '" + mode + "' is unknown: use merge or replace.");
    }
  }
}
