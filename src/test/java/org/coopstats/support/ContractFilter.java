package org.coopstats.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks every exchange of the API tests against the committed contract, openapi/openapi.yaml, with
 * an independent validator (Atlassian's swagger-request-validator): an answer the contract does not
 * describe (an undeclared status, a body off its schema, an undeclared media type) fails the test
 * that received it. A request is checked too when the service accepted it (a status below 400): a
 * request the contract forbids must not succeed. Requests that the service refused are often wrong
 * on purpose (the tests of bad input), so only their answer is checked.
 */
public final class ContractFilter implements OrderedFilter {

  static final Path CONTRACT = Path.of("openapi/openapi.yaml");

  /**
   * Not part of the API contract: Quarkus's own endpoints (health, metrics, Swagger UI) and the web
   * pages with their assets (the pages are clients of the API, not part of it).
   */
  private static final List<String> OUTSIDE_THE_CONTRACT =
      List.of("/q/", "/assets/", "/webjars/", "/workspace/");

  private static final List<String> PAGES = List.of("/", "/index.html", "/workspace");

  /**
   * Answers to requests the contract has no operation for, each answered as the service must: these
   * are the only exchanges not checked against an operation.
   */
  private static final Map<String, Integer> OUTSIDE_EVERY_OPERATION =
      Map.of(
          // A path that does not exist: 404 problem (ErrorResponsesTest, the fuzz test).
          "validation.request.path.missing", 404,
          // A method a path does not have: 405 problem (401 first to a caller without a user).
          "validation.request.operation.notAllowed", 405);

  /** The parts of the SDMX REST grammar not implemented (categoryscheme ...) answer 501. */
  private static final String SDMX = "/sdmx/v2.1/";

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT.toUri().toString())
          .withLevelResolver(
              LevelResolver.create()
                  // The service's own authentication answers wrong credentials (401); what a
                  // request must carry is checked by the access tests, not by the validator.
                  .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                  .build())
          .build();

  @Override
  public Response filter(
      FilterableRequestSpecification requestSpec,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(requestSpec, responseSpec);
    Request request = RestAssuredRequest.of(requestSpec);
    if (OUTSIDE_THE_CONTRACT.stream().anyMatch(request.getPath()::startsWith)
        || PAGES.contains(request.getPath())) {
      return response;
    }
    ValidationReport report = check(request, RestAssuredResponse.of(response));
    if (response.statusCode() == 204 || response.statusCode() == 304) {
      // no content, so no media type for Accept to refuse (RFC 9110, 12.5.1)
      report = withoutKey(report, "validation.request.accept.notAllowed");
    }
    if (request.getQueryParameterValues("format").stream().anyMatch(f -> !f.isBlank())) {
      // format overrides Accept (SDMX REST, and the JSON API's ?format=), as the contract says
      report = withoutKey(report, "validation.request.accept.notAllowed");
    }
    if (report.hasErrors() && !outsideEveryOperation(report, request, response.statusCode())) {
      throw new AssertionError(
          "The exchange "
              + request.getMethod()
              + " "
              + requestSpec.getURI()
              + " -> "
              + response.statusCode()
              + " breaks openapi/openapi.yaml:\n"
              + report.getMessages().stream()
                  .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                  .map(
                      m ->
                          "  - "
                              + m.getKey()
                              + ": "
                              + m.getMessage()
                              + m.getAdditionalInfo().stream()
                                  .map(info -> "\n      " + info)
                                  .collect(Collectors.joining()))
                  .collect(Collectors.joining("\n")));
    }
    return response;
  }

  private static ValidationReport withoutKey(ValidationReport report, String key) {
    return ValidationReport.from(
        report.getMessages().stream().filter(m -> !m.getKey().equals(key)).toList());
  }

  private static boolean outsideEveryOperation(
      ValidationReport report, Request request, int status) {
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .allMatch(
            m ->
                Integer.valueOf(status).equals(OUTSIDE_EVERY_OPERATION.get(m.getKey()))
                    || (status == 401
                        && m.getKey().equals("validation.request.operation.notAllowed"))
                    || (status == 501
                        && (request.getPath().startsWith(SDMX)
                            || request.getPath().startsWith("/sdmx/v3/"))
                        && m.getKey().equals("validation.request.path.missing")));
  }

  /** The contract's verdict on one exchange. */
  static ValidationReport check(
      Request request, com.atlassian.oai.validator.model.Response response) {
    ValidationReport report =
        VALIDATOR.validateResponse(request.getPath(), request.getMethod(), response);
    // 202: an upload taken as a job is accepted before its body is read; the job's result judges it
    boolean accepted = response.getStatus() < 400 && response.getStatus() != 202;
    return accepted ? report.merge(VALIDATOR.validateRequest(request)) : report;
  }

  /** Runs last, so that it sees the request as sent (authentication included). */
  @Override
  public int getOrder() {
    return OrderedFilter.LOWEST_PRECEDENCE;
  }
}
