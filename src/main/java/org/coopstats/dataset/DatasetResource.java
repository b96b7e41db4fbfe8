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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Datasets", description = "Create datasets, upload their observations, publish them")
public class DatasetResource {

  static final String CSV_EXAMPLE =
      "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCA-QC,COOPS,2021,2503\nCA-ON,COOPS,2021,1085\n";
  static final String JSON_EXAMPLE =
      "[{\"REF_AREA\":\"CA-QC\",\"MEASURE\":\"COOPS\",\"TIME_PERIOD\":\"2021\",\"OBS_VALUE\":2503},"
          + " {\"REF_AREA\":\"CA-ON\",\"MEASURE\":\"COOPS\",\"TIME_PERIOD\":\"2021\","
          + "\"OBS_VALUE\":1085}]";

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
  @Operation(summary = "List datasets", description = "Paged, sorted by id, drafts included.")
  @APIResponse(responseCode = "200", description = "A page of datasets")
  @APIResponse(ref = "BadRequest")
  public Response list(
      @Parameter(description = "Provider ids, comma-separated or repeated") @QueryParam("provider")
          List<String> provider,
      @Parameter(description = "Only datasets with observations in these areas (CL_AREA)")
          @QueryParam("area")
          List<String> area,
      @Parameter(description = "DRAFT or PUBLISHED") @QueryParam("status") List<String> status,
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
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
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "bearer")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @Operation(
      summary = "Create a dataset",
      description = "Submitter of the provider (or admin). It starts as a DRAFT.")
  @APIResponse(responseCode = "201", description = "Created; Location names it")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "UnsupportedMediaType")
  public Response create(@Valid @NotNull DatasetRequest request, @Context UriInfo uriInfo) {
    DatasetView created = datasets.create(request);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get a dataset, with a summary of what it holds")
  @APIResponse(responseCode = "200", description = "The dataset")
  @APIResponse(ref = "NotFound")
  public DatasetView get(@PathParam("id") long id) {
    return datasets.get(id);
  }

  @DELETE
  @Path("/{id}")
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "bearer")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @Operation(
      summary = "Delete a dataset that has not been released",
      description =
          "Submitter (a never-published draft) or publisher (a scheduled release) of its provider.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "Conflict")
  public void delete(@PathParam("id") long id) {
    datasets.delete(id);
  }

  @POST
  @Path("/{id}/publish")
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "bearer")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @Operation(
      summary = "Publish the draft as a new version, now or at a scheduled time",
      description =
          "Publisher of the dataset's provider. Without a body, or without releaseAt, the"
              + " version is released at once; with releaseAt in the future it is embargoed:"
              + " invisible to everyone outside the provider until that second. Values that"
              + " change are kept in the history.")
  @APIResponse(responseCode = "200", description = "The dataset with its new version")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "Conflict")
  public DatasetView publish(
      @PathParam("id") long id,
      @Parameter(
              description =
                  "When the new version becomes public (ISO 8601, e.g. 2027-01-15T09:00:00Z);"
                      + " omitted: now. Until then it is embargoed: visible only to the"
                      + " provider's users.")
          @QueryParam("releaseAt")
          String releaseAt,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("releaseAt"));
    return datasets.publish(id, parseInstant("releaseAt", releaseAt));
  }

  @POST
  @Path("/{id}/withdraw")
  @Consumes(MediaType.APPLICATION_JSON)
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "bearer")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @Operation(
      summary = "Withdraw a published dataset",
      description =
          "Publisher of the dataset's provider. Its values stop being served; the history"
              + " keeps them. A correction is published afterwards as a new version.")
  @APIResponse(responseCode = "200", description = "The withdrawn dataset")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "Conflict")
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
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "bearer")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @Operation(
      summary = "Upload observations into the dataset's draft",
      description =
          "Submitter of the dataset's provider. The draft becomes the next version when"
              + " published; published values never change in place. CSV (header line with column names; comma or semicolon; UTF-8, BOM allowed) or a JSON"
              + " array of objects. Columns: the dimensions REF_AREA, MEASURE, COOP_TYPE,"
              + " COOP_LEVEL, ACTIVITY, SEX, MEMBER_KIND, WORK_CAT, then TIME_PERIOD, OBS_VALUE"
              + " and the attributes OBS_STATUS, CONF_STATUS, UNIT_MEASURE, UNIT_MULT,"
              + " COMMENT_OBS. An omitted dimension is _T, or _Z where it does not apply to the"
              + " measure. Every row is checked (rules R01–R04); the upload is stored whole or,"
              + " on any error, not at all.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = ObservationResponses.TEXT_CSV,
            examples = @ExampleObject(name = "Two provinces", value = CSV_EXAMPLE)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Two provinces", value = JSON_EXAMPLE)),
        @Content(mediaType = UploadService.XLSX_MEDIA_TYPE)
      })
  @APIResponse(
      responseCode = "200",
      description = "Stored (or, for a dry run, checked), with the warnings found",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema =
                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    implementation = UploadResult.class)),
        @Content(mediaType = ObservationResponses.TEXT_CSV)
      })
  @APIResponse(
      responseCode = "202",
      description =
          "Large upload (over coopstats.upload.async-threshold-bytes) or Prefer: respond-async:"
              + " a job runs it; Location names the job to follow")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "Conflict")
  @APIResponse(ref = "PayloadTooLarge")
  @APIResponse(ref = "UnsupportedMediaType")
  @APIResponse(ref = "ValidationFailed")
  public Response upload(
      @PathParam("id") long id,
      @Parameter(
              description =
                  "true: check the file and report, storing nothing (Accept: text/csv gives the"
                      + " report as CSV)")
          @QueryParam("dryRun")
          boolean dryRun,
      @Parameter(
              description =
                  "A key of your choosing: sending the same body again with the same key returns"
                      + " the first result instead of storing it twice")
          @HeaderParam("Idempotency-Key")
          String idempotencyKey,
      @Parameter(
              description =
                  "merge (default): add new keys, replace values of existing ones; replace:"
                      + " the upload becomes the dataset's whole content")
          @QueryParam("mode")
          String mode,
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
  @Operation(
      summary = "Query the observations of one dataset",
      description =
          "The same filters, paging, formats, time travel and change feed as"
              + " /api/v1/observations; its provider's users can also see the draft and preview"
              + " a scheduled release (view).")
  @APIResponse(
      responseCode = "200",
      description = "A page of observations",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON),
        @Content(mediaType = ObservationResponses.TEXT_CSV)
      })
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  public Response observations(
      @PathParam("id") long id,
      @BeanParam ObservationQueryParameters parameters,
      @Parameter(
              description =
                  "published (default): as the public sees it; draft: the values uploaded and"
                      + " not yet published; preview: the values current once scheduled releases"
                      + " are out. draft and preview need a user of the dataset's provider.")
          @QueryParam("view")
          String view,
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
