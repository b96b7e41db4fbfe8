package org.coopstats.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.Page;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.StreamedBody;
import org.coopstats.dataset.Dataset;
import org.coopstats.observation.ObservationReader;
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

  public static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final ObservationService observations;
  private final QueryBulkhead bulkhead;
  private final CurrentVertxRequest exchange;
  private final ObjectWriter items;

  public ObservationResponses(
      ObservationService observations,
      QueryBulkhead bulkhead,
      CurrentVertxRequest exchange,
      ObjectMapper mapper) {
    this.observations = observations;
    this.bulkhead = bulkhead;
    this.exchange = exchange;
    // the items of one page: the body's buffer decides when bytes go, not each item
    this.items = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  }

  /**
   * @param dataset the dataset of a dataset-scoped query, or null for the published data of all
   */
  public Response answer(UriInfo uriInfo, HttpHeaders headers, Request request, Dataset dataset) {
    // A CSV page streams from a cursor: its place in the bulkhead is held until its last row is
    // written (the body gives it back), not only while the response is built.
    QueryBulkhead.Permit permit = bulkhead.acquire();
    try {
      return answerNow(uriInfo, headers, request, dataset, permit);
    } catch (RuntimeException e) {
      permit.close();
      throw e;
    }
  }

  /** The answer, which owns {@code permit} when it streams (closed here otherwise). */
  private Response answerNow(
      UriInfo uriInfo,
      HttpHeaders headers,
      Request request,
      Dataset dataset,
      QueryBulkhead.Permit permit) {
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    QueryParameters.rejectUnknown(uriInfo, observations.allowedParameters(dataset, parameters));
    ObservationFormat format = format(QueryParameters.single(parameters, "format"), headers);
    ObservationAnswer answer = observations.prepare(parameters, format, dataset);
    Optional<Response> notModified = ConditionalResponses.notModified(request, answer.validators());
    if (notModified.isPresent()) {
      permit.close();
      return notModified.get();
    }
    Response.ResponseBuilder body =
        answer.format() == ObservationFormat.JSONSTAT
            ? jsonStat(answer, uriInfo, permit)
            : streamed(answer, uriInfo, permit);
    return ConditionalResponses.withValidators(body, answer.validators())
        .header("Vary", "Accept")
        .build();
  }

  /**
   * The page read, then rendered as one JSON-stat dataset (which lists every category before the
   * values); the place is given back once it is read.
   */
  private Response.ResponseBuilder jsonStat(
      ObservationAnswer answer, UriInfo uriInfo, QueryBulkhead.Permit permit) {
    Page<ObservationRow> page;
    try (permit) {
      page = observations.find(answer);
    }
    return PagedResponses.ok(
            answer.jsonStat(page, PagedResponses.nextHref(page, uriInfo)), page, uriInfo)
        .type(MediaType.APPLICATION_JSON);
  }

  /**
   * The page as JSON or CSV, written from its cursor as it is read: no list of its rows. Its total
   * is known before its first row (see {@link ObservationService#open}).
   */
  private Response.ResponseBuilder streamed(
      ObservationAnswer answer, UriInfo uriInfo, QueryBulkhead.Permit permit) {
    ObservationReader.PageCursor page = observations.open(answer);
    int offset = answer.offset();
    int limit = answer.limit();
    ObservationFormat format = answer.format();
    String next = PagedResponses.nextHref(page.total(), offset, limit, uriInfo);
    StreamedBody body =
        new StreamedBody(output -> write(answer, page, next, output), page).alsoClosing(permit);
    try {
      body.closedAtEndOf(exchange);
      Response.ResponseBuilder ok =
          PagedResponses.ok(body, page.total(), offset, limit, uriInfo).type(mediaType(format));
      return format == ObservationFormat.XLSX
          ? ok.header("Content-Disposition", "attachment; filename=\"observations.xlsx\"")
          : ok;
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
  }

  private void write(
      ObservationAnswer answer, ObservationReader.PageCursor page, String next, OutputStream output)
      throws IOException {
    switch (answer.format()) {
      case CSV -> {
        var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
        answer.csv(page.rows(), writer);
        writer.flush();
      }
      case XLSX -> answer.xlsx(page.rows(), output);
      default -> answer.json(page.rows(), page.total(), next, items, output);
    }
  }

  private static String mediaType(ObservationFormat format) {
    return switch (format) {
      case CSV -> TEXT_CSV + "; charset=UTF-8; header=present";
      case XLSX -> XLSX;
      default -> MediaType.APPLICATION_JSON;
    };
  }

  /** The {@code format} parameter first; else CSV when the Accept header prefers it. */
  private static ObservationFormat format(String format, HttpHeaders headers) {
    if (format != null) {
      return ObservationFormat.named(format);
    }
    List<MediaType> accepted = headers.getAcceptableMediaTypes();
    if (!accepted.isEmpty()
        && XLSX.equals(accepted.get(0).getType() + "/" + accepted.get(0).getSubtype())) {
      return ObservationFormat.XLSX;
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
