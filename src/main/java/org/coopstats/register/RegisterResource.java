package org.coopstats.register;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.QueryParameters;
import org.coopstats.register.RegisterViews.DisclosureRules;
import org.coopstats.register.RegisterViews.RegisterRequest;
import org.coopstats.register.RegisterViews.RegisterView;

/** Registers of cooperatives: creating one, listing them, one's periods and its rules. */
@Path("/api/v1/registers")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

  private final RegisterService registers;

  public RegisterResource(RegisterService registers) {
    this.registers = registers;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Valid @NotNull RegisterRequest request, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    RegisterView created = registers.create(request);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }

  @GET
  public Response list(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    QueryParameters.rejectBlank(uriInfo, "offset", "limit");
    Page<RegisterView> page = registers.list(PageRequest.of(offset, limit, 20, 100));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo)
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }

  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") long id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return Response.ok(registers.get(id))
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }

  @PUT
  @Path("/{id}/disclosure")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response setRules(
      @PathParam("id") long id, @Valid @NotNull DisclosureRules rules, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return Response.ok(registers.setRules(id, rules))
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }
}
