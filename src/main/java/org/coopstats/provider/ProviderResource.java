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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Providers", description = "Agencies that submit data")
public class ProviderResource {

  private final ProviderService service;

  public ProviderResource(ProviderService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List data providers", description = "Paged, sorted by id.")
  @APIResponse(responseCode = "200", description = "A page of providers")
  @APIResponse(ref = "BadRequest")
  public Response list(
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    Page<ProviderView> page = service.list(PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get one data provider")
  @APIResponse(responseCode = "200", description = "The provider")
  @APIResponse(ref = "NotFound")
  public ProviderView get(@PathParam("id") String id) {
    return service
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("There is no provider '" + id + "'."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "bearer")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @Operation(summary = "Register a data provider")
  @APIResponse(responseCode = "201", description = "Created; Location names it")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "Conflict")
  @APIResponse(ref = "UnsupportedMediaType")
  public Response create(@Valid @NotNull ProviderRequest request, @Context UriInfo uriInfo) {
    ProviderView created = service.create(request);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }
}
