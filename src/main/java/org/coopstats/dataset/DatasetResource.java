package org.coopstats.dataset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.dataset.DatasetViews.DatasetRequest;
import org.coopstats.dataset.DatasetViews.DatasetView;
import org.coopstats.dataset.DatasetViews.WithdrawRequest;

@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final DatasetService datasets;
  private final DatasetChanges changes;

  public DatasetResource(DatasetService datasets, DatasetChanges changes) {
    this.datasets = datasets;
    this.changes = changes;
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
    QueryParameters.rejectUnknown(uriInfo, List.of());
    DatasetView created = datasets.create(request);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("/{id}")
  public DatasetView get(@PathParam("id") long id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return datasets.get(id);
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") long id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    datasets.delete(id);
  }

  @GET
  @Path("/{id}/changes")
  public Response changes(
      @PathParam("id") long id,
      @QueryParam("change") List<String> change,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("change", "offset", "limit"));
    DatasetChanges.ChangesView view =
        changes.of(
            id,
            QueryParameters.values(uriInfo.getQueryParameters(), "change"),
            PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(
            view.withNext(
                PagedResponses.nextHref(view.total(), view.offset(), view.limit(), uriInfo)),
            view.total(),
            view.offset(),
            view.limit(),
            uriInfo)
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
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
  public DatasetView withdraw(
      @PathParam("id") long id, @Valid @NotNull WithdrawRequest request, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return datasets.withdraw(id, request.reason());
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
}
