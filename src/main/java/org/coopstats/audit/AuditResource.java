package org.coopstats.audit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.coopstats.security.Access;
import org.coopstats.security.Role;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  private final AuditService audit;
  private final Access access;

  public AuditResource(AuditService audit, Access access) {
    this.audit = audit;
    this.access = access;
  }

  @GET
  public Response list(
      @QueryParam("provider") String provider,
      @QueryParam("dataset") Long dataset,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("provider", "dataset", "offset", "limit"));
    access.requireAuthenticated();
    if (dataset != null && dataset < 1) {
      throw ProblemException.badRequest("dataset must be a dataset id: 1 or more.");
    }
    String scope = provider;
    if (!access.isAdmin()) {
      String own =
          access
              .provider()
              .orElseThrow(
                  () -> ProblemException.forbidden("This needs the admin or publisher role."));
      if (scope != null && !scope.equals(own)) {
        throw ProblemException.forbidden("Publishers read only their own provider's entries.");
      }
      access.require(Role.PUBLISHER, own);
      scope = own;
    }
    Page<AuditService.Entry> page =
        audit.list(scope, dataset, PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }
}
