package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;

/** Answers the observation query endpoints: parse, query, and write JSON or CSV. */
@ApplicationScoped
public class ObservationResponses {

  public static final String TEXT_CSV = "text/csv";

  private final CatalogService catalog;
  private final ObservationQueryRepository repository;

  public ObservationResponses(CatalogService catalog, ObservationQueryRepository repository) {
    this.catalog = catalog;
    this.repository = repository;
  }

  /**
   * @param datasetId the dataset of a dataset-scoped query, or null for the published data of all
   */
  public Response answer(UriInfo uriInfo, HttpHeaders headers, Long datasetId) {
    DataStructure structure = catalog.coopStats();
    ObservationQueryParser parser = new ObservationQueryParser(structure);
    List<String> allowed = parser.allowedParameters();
    if (datasetId != null) {
      allowed = allowed.stream().filter(p -> !p.equals("dataset")).toList();
    }
    QueryParameters.rejectUnknown(uriInfo, allowed);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    boolean csv = wantsCsv(QueryParameters.single(parameters, "format"), headers);
    ObservationRenderer renderer =
        new ObservationRenderer(
            structure,
            QueryParameters.single(parameters, "labels"),
            QueryParameters.single(parameters, "lang"));
    ObservationQuery query = parser.parse(parameters, datasetId);
    Page<ObservationRow> page = repository.find(query, structure.seriesDimensions());

    if (csv) {
      StreamingOutput body =
          output -> {
            var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            renderer.csv(page.items(), writer);
            writer.flush();
          };
      return PagedResponses.ok(body, page, uriInfo)
          .type(TEXT_CSV + "; charset=UTF-8; header=present")
          .build();
    }
    Page<Map<String, Object>> items =
        new Page<>(
            page.items().stream().map(renderer::json).toList(),
            page.total(),
            page.offset(),
            page.limit());
    return PagedResponses.ok(PageBody.of(items, uriInfo), page, uriInfo)
        .type(MediaType.APPLICATION_JSON)
        .build();
  }

  private static boolean wantsCsv(String format, HttpHeaders headers) {
    if (format != null) {
      return switch (format.toLowerCase(java.util.Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default ->
            throw ProblemException.badRequest(
                "format '" + format + "' is not offered here: use json or csv.");
      };
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
          && !type.isWildcardType()
          && !type.isWildcardSubtype()) {
        return false;
      }
      if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
        return true;
      }
      if (type.isWildcardType()) {
        return false;
      }
    }
    return false;
  }
}
