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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who created, uploaded, published, scheduled, withdrew what")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class AuditResource {

  private final AuditService audit;
  private final Access access;

  public AuditResource(AuditService audit, Access access) {
    this.audit = audit;
    this.access = access;
  }

  @GET
  @Operation(
      summary = "Read the audit log, newest first",
      description = "Admins read every provider's entries; publishers read their provider's.")
  @APIResponse(responseCode = "200", description = "A page of entries")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "Unauthorized")
  @APIResponse(ref = "Forbidden")
  public Response list(
      @Parameter(description = "Provider id (publishers: their own, the default)")
          @QueryParam("provider")
          String provider,
      @Parameter(description = "Dataset id") @QueryParam("dataset") Long dataset,
      @Parameter(description = "Items to skip") @QueryParam("offset") Integer offset,
      @Parameter(description = "Page size, 1–1000 (default 100)") @QueryParam("limit")
          Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("provider", "dataset", "offset", "limit"));
    access.requireAuthenticated();
    String scope = provider;
    if (!access.isAdmin()) {
      String own =
          access
              .provider()
              .orElseThrow(
                  () ->
                      new ProblemException(
                          403,
                          "forbidden",
                          "Forbidden",
                          "This needs the admin or publisher role."));
      if (scope != null && !scope.equals(own)) {
        throw new ProblemException(
            403, "forbidden", "Forbidden", "Publishers read only their own provider's entries.");
      }
      access.require(Role.PUBLISHER, own);
      scope = own;
    }
    Page<AuditService.Entry> page =
        audit.list(scope, dataset, PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }
}
