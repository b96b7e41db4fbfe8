package org.coopstats.query;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/observations")
@Tag(name = "Observations", description = "Query published figures")
public class ObservationResource {

  private final ObservationResponses responses;

  public ObservationResource(ObservationResponses responses) {
    this.responses = responses;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, ObservationResponses.TEXT_CSV})
  @Operation(
      summary = "Query published observations",
      description =
          "Filter on any dimension by its id (REF_AREA, MEASURE, COOP_TYPE, COOP_LEVEL,"
              + " ACTIVITY, SEX, MEMBER_KIND, WORK_CAT), several codes comma-separated or"
              + " repeated; startPeriod/endPeriod; provider; dataset. Results come in key order"
              + " then period, paged (limit ≤ 10000) with the total, a next link and a Link"
              + " header. JSON or CSV by Accept or ?format=; format=jsonstat gives the page as a"
              + " JSON-stat 2.0 dataset (dimensions in key order, then TIME_PERIOD).")
  @APIResponse(
      responseCode = "200",
      description = "A page of observations",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON),
        @Content(mediaType = ObservationResponses.TEXT_CSV)
      })
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotAcceptable")
  public Response query(
      @BeanParam ObservationQueryParameters parameters,
      @Parameter(description = "Dataset ids." + " Several: comma-separated or repeated.")
          @QueryParam("dataset")
          List<String> dataset,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return responses.answer(uriInfo, headers, request, null);
  }
}
