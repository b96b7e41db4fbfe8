package org.coopstats.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.QueryParameters;

/** Who the credentials sent belong to: how a client (the workspace page) signs in and adapts. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  /** The signed-in user: name, the roles held, the provider acted for (none for an admin). */
  public record Me(String username, List<String> roles, String providerId) {}

  private final Access access;
  private final SecurityIdentity identity;

  public MeResource(Access access, SecurityIdentity identity) {
    this.access = access;
    this.identity = identity;
  }

  @GET
  public Response me(@Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of());
    access.requireAuthenticated();
    List<String> roles = Role.ALL.stream().filter(identity::hasRole).toList();
    return Response.ok(new Me(access.actor(), roles, access.provider().orElse(null)))
        .header("Cache-Control", ConditionalResponses.PRIVATE)
        .build();
  }
}
