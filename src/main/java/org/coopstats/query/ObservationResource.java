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
import org.coopstats.query.http.ObservationResponses;

@Path("/api/v1/observations")
public class ObservationResource {

  private final ObservationResponses responses;

  public ObservationResource(ObservationResponses responses) {
    this.responses = responses;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, ObservationResponses.TEXT_CSV, ObservationResponses.XLSX})
  public Response query(
      @BeanParam ObservationQueryParameters parameters,
      @QueryParam("dataset") List<String> dataset,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return responses.answer(uriInfo, headers, request, null);
  }
}
