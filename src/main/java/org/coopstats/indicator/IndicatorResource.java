package org.coopstats.indicator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.Page;
import org.coopstats.common.PageBody;
import org.coopstats.common.PageRequest;
import org.coopstats.common.PagedResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.Validators;
import org.coopstats.indicator.IndicatorViews.IndicatorView;
import org.coopstats.indicator.IndicatorViews.ValueView;

/** The derived indicators: their definitions, and their values computed from released data. */
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {

  private static final List<String> LANGUAGES = List.of("en", "fr", "es");

  private final IndicatorService service;

  public IndicatorResource(IndicatorService service) {
    this.service = service;
  }

  @GET
  public Response list(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @QueryParam("lang") String lang,
      @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("offset", "limit", "lang"));
    String language = language(lang);
    Page<IndicatorDef> definitions = service.list(PageRequest.of(offset, limit, 100, 1000));
    Page<IndicatorView> page =
        new Page<>(
            definitions.items().stream().map(d -> IndicatorView.of(d, language, service)).toList(),
            definitions.total(),
            definitions.offset(),
            definitions.limit());
    return PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo).build();
  }

  @GET
  @Path("/{id}")
  public IndicatorView get(
      @PathParam("id") String id, @QueryParam("lang") String lang, @Context UriInfo uriInfo) {
    QueryParameters.rejectUnknown(uriInfo, List.of("lang"));
    return IndicatorView.of(service.get(id), language(lang), service);
  }

  @GET
  @Path("/{id}/values")
  public Response values(
      @PathParam("id") String id, @Context UriInfo uriInfo, @Context Request request) {
    QueryParameters.rejectUnknown(uriInfo, IndicatorService.VALUE_PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    String lang = language(QueryParameters.single(parameters, "lang"));
    boolean jsonStat = jsonStat(QueryParameters.single(parameters, "format"));
    IndicatorDef definition = service.get(id);
    Validators validators = service.validators(jsonStat ? "indicator-jsonstat" : "indicator-json");
    Optional<Response> notModified = ConditionalResponses.notModified(request, validators);
    if (notModified.isPresent()) {
      return notModified.get();
    }
    Page<IndicatorValue> values = service.values(id, parameters);
    if (jsonStat) {
      Map<String, Object> dataset =
          new IndicatorJsonStat(definition, service.areas(definition), lang)
              .dataset(
                  values,
                  validators.lastModified(),
                  values.hasNext() ? PagedResponses.nextHref(values, uriInfo) : null);
      return ConditionalResponses.withValidators(
              PagedResponses.ok(dataset, values, uriInfo), validators)
          .build();
    }
    Page<ValueView> page =
        new Page<>(
            values.items().stream().map(v -> ValueView.of(v, definition)).toList(),
            values.total(),
            values.offset(),
            values.limit());
    return ConditionalResponses.withValidators(
            PagedResponses.ok(PageBody.of(page, uriInfo), page, uriInfo), validators)
        .build();
  }

  /** format=json (the default) or jsonstat. */
  private static boolean jsonStat(String format) {
    if (format == null || format.equals("json")) {
      return false;
    }
    if (format.equals("jsonstat")) {
      return true;
    }
    throw ProblemException.badRequest(
        "format '" + format + "' is not offered: use json or jsonstat.");
  }

  private static String language(String lang) {
    if (lang != null && !LANGUAGES.contains(lang)) {
      throw ProblemException.badRequest(
          "lang '" + lang + "' is not offered: use " + String.join(", ", LANGUAGES) + ".");
    }
    return lang;
  }
}
