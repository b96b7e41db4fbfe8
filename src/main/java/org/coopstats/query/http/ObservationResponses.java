package org.coopstats.query.http;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.dataset.Dataset;
import org.coopstats.observation.ObservationRow;
import org.coopstats.query.ObservationAnswer;
import org.coopstats.query.ObservationFormat;
import org.coopstats.query.ObservationService;

/**
 * The HTTP of the two observation query endpoints (all datasets, or one): the format from the
 * {@code format} parameter or the Accept header, the 304 of a current copy, and the page as JSON,
 * CSV or JSON-stat with its Link, X-Total-Count and validators.
 */
@ApplicationScoped
public class ObservationResponses {

  public static final String TEXT_CSV = "text/csv";

  private final ObservationService observations;
  private final QueryBulkhead bulkhead;

  public ObservationResponses(ObservationService observations, QueryBulkhead bulkhead) {
    this.observations = observations;
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
    QueryParameters.rejectUnknown(uriInfo, observations.allowedParameters(dataset));
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    ObservationFormat format = format(QueryParameters.single(parameters, "format"), headers);
    ObservationAnswer answer = observations.prepare(parameters, format, dataset);
    Optional<Response> notModified = ConditionalResponses.notModified(request, answer.validators());
    if (notModified.isPresent()) {
      return notModified.get();
    }
    Page<ObservationRow> page = observations.find(answer);
    return ConditionalResponses.withValidators(body(answer, page, uriInfo), answer.validators())
        .header("Vary", "Accept")
        .build();
  }

  private static Response.ResponseBuilder body(
      ObservationAnswer answer, Page<ObservationRow> page, UriInfo uriInfo) {
    return switch (answer.format()) {
      case CSV ->
          PagedResponses.ok(csv(answer, page), page, uriInfo)
              .type(TEXT_CSV + "; charset=UTF-8; header=present");
      case JSONSTAT ->
          PagedResponses.ok(
                  answer.jsonStat(page, PagedResponses.nextHref(page, uriInfo)), page, uriInfo)
              .type(MediaType.APPLICATION_JSON);
      case JSON ->
          PagedResponses.ok(PageBody.of(answer.json(page), uriInfo), page, uriInfo)
              .type(MediaType.APPLICATION_JSON);
    };
  }

  private static StreamingOutput csv(ObservationAnswer answer, Page<ObservationRow> page) {
    return output -> {
      var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
      answer.csv(page, writer);
      writer.flush();
    };
  }

  /** The {@code format} parameter first; else CSV when the Accept header prefers it. */
  private static ObservationFormat format(String format, HttpHeaders headers) {
    if (format != null) {
      return ObservationFormat.named(format);
    }
    return wantsCsv(headers) ? ObservationFormat.CSV : ObservationFormat.JSON;
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
