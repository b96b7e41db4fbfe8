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

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private final UserService users;
  private final Access access;

  public UserResource(UserService users, Access access) {
    this.users = users;
    this.access = access;
  }

  @GET
  public Response list(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    access.requireAdmin();
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit"));
    Page<UserView> page = users.list(PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{username}")
  public UserView get(@PathParam("username") String username, @Context UriInfo uriInfo) {
    access.requireAdmin();
    QueryParameters.rejectUnknown(uriInfo, List.of());
    return users
        .find(username)
        .orElseThrow(() -> ProblemException.notFound("There is no user '" + username + "'."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Valid @NotNull UserRequest request, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    access.requireAdmin();
    UserView created = users.create(request, access.actor());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.username()).build())
        .entity(created)
        .build();
  }

  @DELETE
  @Path("/{username}")
  public void delete(@PathParam("username") String username, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    access.requireAdmin();
    users.delete(username, access.actor());
  }
}
