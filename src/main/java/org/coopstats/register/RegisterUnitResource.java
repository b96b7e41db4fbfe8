package org.coopstats.register;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.QueryParameters;
import org.coopstats.upload.UploadService;

/** A register's unit records: uploaded, and read back, by the provider's submitters only. */
@Path("/api/v1/registers/{id}/units")
public class RegisterUnitResource {

  private static final String TEXT_CSV = "text/csv";

  private final RegisterUnitService units;

  public RegisterUnitResource(RegisterUnitService units) {
    this.units = units;
  }

  @POST
  @Consumes({TEXT_CSV, MediaType.APPLICATION_JSON, UploadService.XLSX_MEDIA_TYPE})
  @Produces(MediaType.APPLICATION_JSON)
  public Response upload(
      @PathParam("id") long id,
      @QueryParam("mode") String mode,
      @QueryParam("dryRun") boolean dryRun,
      @Context HttpHeaders headers,
      @Context UriInfo uriInfo,
      InputStream body) {
    QueryParameters.rejectUnknown(uriInfo, List.of("mode", "dryRun"));
    UploadService.Format format = UploadService.Format.of(headers.getHeaderString("Content-Type"));
    RegisterViews.UnitUploadResult result =
        units.upload(
            new RegisterUnitService.UnitUpload(
                id, format, UploadService.Mode.parse(mode), dryRun, body, headers.getLength()));
    return Response.ok(result).header("Cache-Control", "no-store").build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response read(
      @PathParam("id") long id,
      @QueryParam("period") String period,
      @QueryParam("unitId") String unitId,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("period", "unitId", "offset", "limit"));
    QueryParameters.rejectBlank(uriInfo, "period", "unitId", "offset", "limit");
    Page<Map<String, Object>> page =
        units.read(id, period, unitId, PageRequest.of(offset, limit, 100, 1000));
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo)
        .header("Cache-Control", "no-store")
        .build();
  }
}
