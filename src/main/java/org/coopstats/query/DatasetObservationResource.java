package org.coopstats.query;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
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
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetService;
import org.coopstats.query.http.ObservationResponses;

/** The observations of one dataset: published, or the draft and preview for its provider. */
@Path("/api/v1/datasets/{id}/observations")
public class DatasetObservationResource {

  private final DatasetService datasets;
  private final ObservationResponses observations;

  public DatasetObservationResource(DatasetService datasets, ObservationResponses observations) {
    this.datasets = datasets;
    this.observations = observations;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, ObservationResponses.TEXT_CSV, ObservationResponses.XLSX})
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
}
