package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.dataset.Dataset;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.Visibility;
import org.coopstats.security.Access;

/** Answers the observation query endpoints: parse, query, and write JSON or CSV. */
@ApplicationScoped
public class ObservationResponses {

  public static final String TEXT_CSV = "text/csv";

  private final CatalogService catalog;
  private final ObservationQueryRepository repository;
  private final Access access;
  private final DataValidators dataValidators;
  private final QueryBulkhead bulkhead;
  private final Clock clock;

  public ObservationResponses(
      CatalogService catalog,
      ObservationQueryRepository repository,
      Access access,
      DataValidators validators,
      QueryBulkhead bulkhead,
      Clock clock) {
    this.clock = clock;
    this.catalog = catalog;
    this.repository = repository;
    this.access = access;
    this.dataValidators = validators;
    this.bulkhead = bulkhead;
  }

  /**
   * @param dataset the dataset of a dataset-scoped query, or null for the published data of all
   */
  public Response answer(UriInfo uriInfo, HttpHeaders headers, Request request, Dataset dataset) {
    return bulkhead.run(() -> answerNow(uriInfo, headers, request, dataset));
  }

  private Response answerNow(
      UriInfo uriInfo, HttpHeaders headers, Request request, Dataset dataset) {
    DataStructure structure = catalog.coopStats();
    ObservationQueryParser parser = new ObservationQueryParser(structure);
    List<String> allowed = new ArrayList<>(parser.allowedParameters());
    if (dataset != null) {
      allowed.remove("dataset");
      allowed.add("view");
    }
    QueryParameters.rejectUnknown(uriInfo, allowed);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    Format format = format(QueryParameters.single(parameters, "format"), headers);
    boolean csv = format == Format.CSV;
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean insider = dataset != null && access.canSeeUnreleased(dataset.providerId);
    ObservationQuery query =
        parser.parse(parameters, dataset == null ? null : dataset.id, insider, now);
    Visibility.Kind kind = query.visibility().kind();
    if (format == Format.JSONSTAT
        && (kind == Visibility.Kind.HISTORY || kind == Visibility.Kind.CHANGES)) {
      throw ProblemException.badRequest(
          "format=jsonstat holds one value per cell: includeHistory and updatedAfter are not"
              + " offered with it; use format=json or csv.");
    }
    ObservationRenderer renderer =
        new ObservationRenderer(
            structure,
            QueryParameters.single(parameters, "labels"),
            QueryParameters.single(parameters, "lang"),
            kind == Visibility.Kind.HISTORY,
            kind == Visibility.Kind.CHANGES || kind == Visibility.Kind.DRAFT);

    String variant = format.name().toLowerCase(java.util.Locale.ROOT);
    DataValidators.Validators validators =
        query.visibility().isUnreleased()
            ? DataValidators.unreleased(dataset.updatedAt, variant)
            : dataValidators.released(now, variant, false);
    OffsetDateTime lastModified = validators.lastModified();
    Response notModified = validators.notModified(request);
    if (notModified != null) {
      return notModified;
    }

    Page<ObservationRow> page = repository.find(query, structure);
    Response.ResponseBuilder response;
    if (csv) {
      StreamingOutput body =
          output -> {
            var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            renderer.csv(page.items(), writer);
            writer.flush();
          };
      response =
          PagedResponses.ok(body, page, uriInfo).type(TEXT_CSV + "; charset=UTF-8; header=present");
    } else if (format == Format.JSONSTAT) {
      Map<String, Object> body =
          new JsonStatRenderer(structure, QueryParameters.single(parameters, "lang"))
              .dataset(page, lastModified, PagedResponses.nextHref(page, uriInfo));
      response = PagedResponses.ok(body, page, uriInfo).type(MediaType.APPLICATION_JSON);
    } else {
      Page<Map<String, Object>> items =
          new Page<>(
              page.items().stream().map(renderer::json).toList(),
              page.total(),
              page.offset(),
              page.limit());
      response =
          PagedResponses.ok(PageBody.of(items, uriInfo), page, uriInfo)
              .type(MediaType.APPLICATION_JSON);
    }
    return validators.apply(response).header("Vary", "Accept").build();
  }

  private enum Format {
    JSON,
    CSV,
    JSONSTAT
  }

  private static Format format(String format, HttpHeaders headers) {
    if (format != null) {
      return switch (format.toLowerCase(java.util.Locale.ROOT)) {
        case "csv" -> Format.CSV;
        case "json" -> Format.JSON;
        case "jsonstat", "json-stat" -> Format.JSONSTAT;
        default ->
            throw ProblemException.badRequest(
                "format '" + format + "' is not offered here: use json, csv or jsonstat.");
      };
    }
    return wantsCsv(headers) ? Format.CSV : Format.JSON;
  }

  private static boolean wantsCsv(HttpHeaders headers) {
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
