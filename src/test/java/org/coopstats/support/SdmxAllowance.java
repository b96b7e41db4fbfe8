package org.coopstats.support;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * The only findings of the official SDMX REST descriptions that an exchange may have, each for the
 * exchanges its reason applies to and no other: where no correct service could meet the
 * description, or where this service differs from it on purpose (and says so in openapi.yaml).
 * Every other finding fails the test (SdmxContractFilter).
 */
enum SdmxAllowance {
  /**
   * Both descriptions declare the 4xx and 5xx answers without a body; the service answers every
   * error with an RFC 9457 problem (application/problem+json), which the issue requires and
   * openapi.yaml describes (ContractFilter checks that body). Only a problem body is allowed.
   */
  PROBLEM_DETAILS(
      "validation.response.body.unexpected",
      (message, exchange) -> exchange.status() >= 400 && exchange.answersProblem()),

  /**
   * {@code format} (genericdata, structurespecificdata, csv, jsondata, structure) is this service's
   * documented extension of the grammar, as SDMX REST's own extend.md foresees for clients that
   * cannot set Accept; the descriptions have no such parameter. Only that parameter is allowed.
   */
  FORMAT_PARAMETER(
      "validation.request.parameter.query.unexpected",
      (message, exchange) -> names(message, "format")),

  /**
   * {@code offset}, {@code limit}, {@code sort} and {@code asOf} on data queries come from SDMX
   * REST 2.2 (sdmx-rest doc/data.md), which issue 18 asks for where they map to what the service
   * does; the 2.1.0 description predates them. Only these names, only on /sdmx/v3 data.
   */
  REST_2_2_DATA_PARAMETERS(
      "validation.request.parameter.query.unexpected",
      (message, exchange) ->
          exchange.request().getPath().startsWith("/sdmx/v3/data")
              && (names(message, "offset")
                  || names(message, "limit")
                  || names(message, "sort")
                  || names(message, "asOf"))),

  /**
   * The 2.1.0 description means {@code *} (every structure type) as the last value of the
   * structureType enum, but a missing comma in its YAML makes it part of the value before it
   * ({@code metadataprovisionagreement "*"}): the wildcard the documentation gives is refused.
   */
  STRUCTURE_TYPE_WILDCARD(
      "validation.request.parameter.schema.enum",
      (message, exchange) ->
          exchange.request().getPath().startsWith("/sdmx/v3/structure/*/")
              && message.getMessage().contains("Instance value (\"*\")")),

  /** {@code format} overrides Accept, so an Accept the format contradicts is not the answer's. */
  FORMAT_OVERRIDES_ACCEPT(
      "validation.request.accept.notAllowed",
      (message, exchange) -> exchange.hasFormat() && exchange.status() < 300),

  /** A 304 has no content, so no media type for Accept to refuse (RFC 9110, 12.5.1). */
  NO_CONTENT_FOR_ACCEPT(
      "validation.request.accept.notAllowed", (message, exchange) -> exchange.status() == 304),

  /**
   * The plain media ranges application/xml, text/xml, text/csv and text/* are taken as asking for
   * SDMX-ML or SDMX-CSV (clients that know only these, openapi.yaml); the answer still carries the
   * SDMX media type, which is checked against the description on its own.
   */
  PLAIN_MEDIA_RANGES(
      "validation.request.accept.notAllowed",
      (message, exchange) -> exchange.acceptsPlainRange() && exchange.status() < 300),

  /**
   * The descriptions type If-Modified-Since as an RFC 3339 date-time, but HTTP defines it as an
   * HTTP-date (RFC 9110, 13.1.3), which is what clients send: allowed when it is one.
   */
  HTTP_DATE(
      "validation.request.parameter.schema.format.date-time",
      (message, exchange) ->
          names(message, "If-Modified-Since") && exchange.ifModifiedSinceIsDate()),

  /**
   * The descriptions give every message body the placeholder schema {@code type: string} (a message
   * of the format named by the media type); a JSON validator reads it as "a JSON string", which no
   * SDMX-JSON message is (it is an object, validated against the official SDMX-JSON schemas by
   * SdmxJsonTest). Allowed only for an SDMX +json answer whose declared schema is that bare
   * placeholder.
   */
  JSON_MESSAGE_AS_STRING(
      "validation.response.body.schema.type",
      (message, exchange) -> exchange.answersSdmxJson() && declaresBareString(message)),

  /** A part of the grammar the service does not offer answers 501 on a path not described. */
  NOT_IMPLEMENTED(
      "validation.request.path.missing", (message, exchange) -> exchange.status() == 501),

  /** A path that is no SDMX resource (the fuzz test, /sdmx/v2.1/) answers 404. */
  NO_SUCH_RESOURCE(
      "validation.request.path.missing", (message, exchange) -> exchange.status() == 404),

  /**
   * The grammar is GET only; another method answers 405, or 401 to a caller without a user (the
   * authentication comes first, as ContractFilter allows).
   */
  OTHER_METHOD(
      "validation.request.operation.notAllowed",
      (message, exchange) -> exchange.status() == 405 || exchange.status() == 401);

  private final String key;
  private final BiPredicate<ValidationReport.Message, Exchange> applies;

  SdmxAllowance(String key, BiPredicate<ValidationReport.Message, Exchange> applies) {
    this.key = key;
    this.applies = applies;
  }

  /** The allowance that covers this finding of this exchange, if one does. */
  static boolean allows(ValidationReport.Message message, Request request, Response response) {
    Exchange exchange = new Exchange(request, response);
    return Arrays.stream(values())
        .anyMatch(a -> a.key.equals(message.getKey()) && a.applies.test(message, exchange));
  }

  /** Whether the finding is about the named parameter (by its definition, or its message). */
  private static boolean names(ValidationReport.Message message, String parameter) {
    return message
        .getContext()
        .flatMap(c -> c.getParameter())
        .map(Parameter::getName)
        .map(parameter::equalsIgnoreCase)
        .orElseGet(() -> message.getMessage().contains("'" + parameter + "'"));
  }

  /** Whether the answer's declared schema, for every media type, is a bare {@code type: string}. */
  private static boolean declaresBareString(ValidationReport.Message message) {
    return message
        .getContext()
        .flatMap(c -> c.getApiResponseDefinition())
        .map(r -> r.getContent())
        .filter(content -> !content.isEmpty())
        .map(
            content ->
                content.values().stream()
                    .map(MediaType::getSchema)
                    .allMatch(SdmxAllowance::isBareString))
        .orElse(false);
  }

  private static boolean isBareString(Schema<?> schema) {
    return schema != null
        && "string".equals(schema.getType())
        && schema.getFormat() == null
        && schema.getPattern() == null
        && schema.getEnum() == null
        && schema.getMinLength() == null
        && schema.getMaxLength() == null;
  }

  private record Exchange(Request request, Response response) {

    private static final List<String> PLAIN =
        List.of("application/xml", "text/xml", "text/csv", "text/*");

    int status() {
      return response.getStatus();
    }

    boolean answersProblem() {
      return response
          .getContentType()
          .map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/problem+json"))
          .orElse(false);
    }

    boolean answersSdmxJson() {
      return response
          .getContentType()
          .map(
              t ->
                  t.toLowerCase(Locale.ROOT)
                      .matches("application/vnd\\.sdmx\\.[a-z]+\\+json\\s*(;.*)?"))
          .orElse(false);
    }

    boolean hasFormat() {
      return request.getQueryParameterValues("format").stream().anyMatch(f -> !f.isBlank());
    }

    boolean acceptsPlainRange() {
      return ranges("Accept").stream()
          .anyMatch(r -> PLAIN.contains(r.split(";")[0].trim().toLowerCase(Locale.ROOT)));
    }

    boolean ifModifiedSinceIsDate() {
      return request
          .getHeaderValue("If-Modified-Since")
          .map(
              value -> {
                try {
                  DateTimeFormatter.RFC_1123_DATE_TIME.parse(value);
                  return true;
                } catch (DateTimeParseException e) {
                  return false;
                }
              })
          .orElse(false);
    }

    private List<String> ranges(String header) {
      return request.getHeaderValues(header).stream()
          .flatMap(v -> Arrays.stream(v.split(",")))
          .map(String::trim)
          .filter(r -> !r.isEmpty())
          .toList();
    }
  }
}
