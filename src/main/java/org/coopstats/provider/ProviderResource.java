package org.coopstats.provider;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.provider.ProviderViews.ProviderRequest;
import org.coopstats.provider.ProviderViews.ProviderView;

@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderResource {

  private final ProviderService service;

  public ProviderResource(ProviderService service) {
    this.service = service;
  }

  @GET
  public Response list(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    QueryParameters.rejectBlank(uriInfo, "offset", "limit");
    Page<ProviderView> page = service.list(PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{id}")
  public ProviderView get(@PathParam("id") String id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return service
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("There is no provider '" + id + "'."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Valid @NotNull ProviderRequest request, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    ProviderView created = service.create(request);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }
}
