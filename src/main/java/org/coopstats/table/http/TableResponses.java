package org.coopstats.table.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.Validators;
import org.coopstats.query.DataValidators;
import org.coopstats.table.TableDefinition;
import org.coopstats.table.TableFormat;
import org.coopstats.table.TableGrid;
import org.coopstats.table.TableRenderer;
import org.coopstats.table.TableRequest;
import org.coopstats.table.TableService;

/**
 * The HTTP of a table's data: the format from {@code format} or Accept, the 304 of a current copy
 * (the validators of released data, as every data answer has), and the grid as JSON, CSV or Excel.
 */
@ApplicationScoped
public class TableResponses {

  private final TableService tables;
  private final TableRenderer renderer;
  private final DataValidators dataValidators;
  private final QueryBulkhead bulkhead;
  private final Clock clock;

  public TableResponses(
      TableService tables,
      TableRenderer renderer,
      DataValidators dataValidators,
      QueryBulkhead bulkhead,
      Clock clock) {
    this.tables = tables;
    this.renderer = renderer;
    this.dataValidators = dataValidators;
    this.bulkhead = bulkhead;
    this.clock = clock;
  }

  public Response answer(String id, UriInfo uriInfo, HttpHeaders headers, Request request) {
    QueryParameters.rejectUnknown(uriInfo, TableRequest.PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    TableDefinition table = tables.table(id);
    TableRequest asked = TableRequest.parse(parameters);
    tables.check(table, asked);
    TableFormat format = format(QueryParameters.single(parameters, "format"), headers);
    // the Excel file's bytes differ between two writes of the same grid (its creation time)
    Validators validators =
        dataValidators.released(
            OffsetDateTime.now(clock), "table-" + format.id(), format == TableFormat.XLSX);
    Optional<Response> notModified = ConditionalResponses.notModified(request, validators);
    if (notModified.isPresent()) {
      return notModified.get();
    }
    TableGrid grid = bulkhead.run(() -> tables.grid(table, asked));
    return ConditionalResponses.withValidators(body(grid, format), validators)
        .header("Vary", "Accept")
        .build();
  }

  private Response.ResponseBuilder body(TableGrid grid, TableFormat format) {
    if (format == TableFormat.JSON) {
      return Response.ok(grid, MediaType.APPLICATION_JSON);
    }
    if (format == TableFormat.JSONSTAT) {
      return Response.ok(renderer.jsonStat(grid), MediaType.APPLICATION_JSON);
    }
    StreamingOutput body =
        output -> {
          if (format == TableFormat.CSV) {
            renderer.csv(grid, output);
          } else {
            renderer.xlsx(grid, output);
          }
        };
    String file =
        grid.id()
            + "_"
            + grid.refArea().id()
            + (grid.timePeriod() == null ? "" : "_" + grid.timePeriod())
            + format.extension();
    return Response.ok(body, format.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
  }

  /** The {@code format} parameter first; else the first of Accept's types a table is offered in. */
  private static TableFormat format(String format, HttpHeaders headers) {
    if (format != null) {
      return TableFormat.named(format);
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return TableFormat.JSON;
      }
      if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
        return TableFormat.CSV;
      }
      if (type.isCompatible(MediaType.valueOf(TableFormat.XLSX_TYPE))) {
        return TableFormat.XLSX;
      }
    }
    return TableFormat.JSON;
  }
}
