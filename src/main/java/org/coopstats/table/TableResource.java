package org.coopstats.table;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.QueryParameters;
import org.coopstats.table.TableViews.TableDefinitionView;
import org.coopstats.table.TableViews.TableSummary;
import org.coopstats.table.http.TableResponses;

/** The Guidelines' tables: their definitions, and each as a grid of released figures. */
@Path("/api/v1/tables")
public class TableResource {

  private final TableService tables;
  private final TableResponses responses;

  public TableResource(TableService tables, TableResponses responses) {
    this.tables = tables;
    this.responses = responses;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("lang", "offset", "limit"));
    QueryParameters.rejectBlank(uriInfo, "offset", "limit");
    String lang = TableRequest.lang(uriInfo.getQueryParameters());
    Page<TableSummary> page = tables.list(PageRequest.of(offset, limit, 100, 1000), lang);
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public TableDefinitionView definition(@PathParam("id") String id, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("lang"));
    return tables.definition(id, TableRequest.lang(uriInfo.getQueryParameters()));
  }

  @GET
  @Path("/{id}/data")
  @Produces({MediaType.APPLICATION_JSON, "text/csv", TableFormat.XLSX_TYPE})
  public Response data(
      @PathParam("id") String id,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return responses.answer(id, uriInfo, headers, request);
  }
}
