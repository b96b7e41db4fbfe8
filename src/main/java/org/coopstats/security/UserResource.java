package org.coopstats.security;

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
import java.util.List;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.security.UserViews.UserRequest;
import org.coopstats.security.UserViews.UserView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Who may write (admins only)")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class UserResource {

  private final UserService users;
  private final Access access;

  public UserResource(UserService users, Access access) {
    this.users = users;
    this.access = access;
  }

  @GET
  @Operation(summary = "List users")
  @APIResponse(responseCode = "200", description = "A page of users")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  public Response list(
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
      @Context UriInfo uriInfo) {
    access.requireAdmin();
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    Page<UserView> page = users.list(PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{username}")
  @Operation(summary = "Get a user")
  @APIResponse(responseCode = "200", description = "The user")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "NotFound")
  public UserView get(@PathParam("username") String username) {
    access.requireAdmin();
    return users
        .find(username)
        .orElseThrow(() -> ProblemException.notFound("There is no user '" + username + "'."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a user", description = "The password is stored as a bcrypt hash.")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "Conflict")
  public Response create(@Valid @NotNull UserRequest request, @Context UriInfo uriInfo) {
    access.requireAdmin();
    UserView created = users.create(request, access.actor());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.username()).build())
        .entity(created)
        .build();
  }

  @DELETE
  @Path("/{username}")
  @Operation(summary = "Delete a user")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "Conflict")
  public void delete(@PathParam("username") String username) {
    access.requireAdmin();
    users.delete(username, access.actor());
  }
}
