package org.coopstats.support;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks every SDMX exchange of the tests against the official SDMX REST OpenAPI description of its
 * API, as ContractFilter does against our own contract (which still checks these exchanges too): a
 * path under /sdmx/v2.1/ against REST 1.5.0, under /sdmx/v3/ against REST 2.1.0, the prefix being
 * the description's base path (SdmxDescription). The answer is always checked (its status, its
 * media type, including the media type's {@code version}, SdmxMediaTypeVersion); the request too
 * when the service accepted it (a status below 400), since a request the grammar does not have must
 * not succeed.
 *
 * <p>A short path (trailing parameters left out for their defaults, /sdmx/v3/structure/dataflow) is
 * expanded with the grammar's defaults before it is matched, so that it is checked like the full
 * path (SdmxDescription). The only findings allowed are those of SdmxAllowance, each for the
 * exchanges its reason applies to; the descriptions are used as published.
 */
public final class SdmxContractFilter implements OrderedFilter {

  @Override
  public Response filter(
      FilterableRequestSpecification requestSpec,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(requestSpec, responseSpec);
    Request request = RestAssuredRequest.of(requestSpec);
    if (!urlEncodingEnabled(requestSpec)) {
      request = SdmxDescription.withDecodedQuery(request);
    }
    Optional<SdmxDescription> description = SdmxDescription.of(request.getPath());
    if (description.isEmpty()) {
      return response;
    }
    List<ValidationReport.Message> errors =
        errors(description.get(), request, RestAssuredResponse.of(response));
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "The exchange "
              + request.getMethod()
              + " "
              + requestSpec.getURI()
              + " -> "
              + response.statusCode()
              + " breaks the official SDMX REST description "
              + description.get().api.getInfo().getVersion()
              + " (src/test/resources/sdmx-rest):\n"
              + describe(errors));
    }
    return response;
  }

  /** The findings of the description that no allowance covers. */
  static List<ValidationReport.Message> errors(
      SdmxDescription description,
      Request request,
      com.atlassian.oai.validator.model.Response response) {
    return description.check(request, response).getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(m -> !SdmxAllowance.allows(m, request, response))
        .toList();
  }

  /** The same, for the description of the request's path (none: nothing to say). */
  static List<ValidationReport.Message> errors(
      Request request, com.atlassian.oai.validator.model.Response response) {
    return SdmxDescription.of(request.getPath())
        .map(d -> errors(d, request, response))
        .orElse(List.of());
  }

  /**
   * Whether RestAssured encodes the request's URL itself (its default); when it does not (the fuzz
   * test sends URLs as they go on the wire), the query values it reports are still percent-encoded.
   * RestAssured keeps the setting in a private field of its specification, with no getter.
   */
  private static boolean urlEncodingEnabled(FilterableRequestSpecification requestSpec) {
    try {
      java.lang.reflect.Field field = requestSpec.getClass().getDeclaredField("urlEncodingEnabled");
      field.setAccessible(true);
      return field.getBoolean(requestSpec);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  private static String describe(List<ValidationReport.Message> errors) {
    return errors.stream()
        .map(
            m ->
                "  - "
                    + m.getKey()
                    + ": "
                    + m.getMessage()
                    + m.getAdditionalInfo().stream()
                        .map(info -> "\n      " + info)
                        .collect(Collectors.joining()))
        .collect(Collectors.joining("\n"));
  }

  /** Runs last, so that it sees the request as sent (authentication included). */
  @Override
  public int getOrder() {
    return OrderedFilter.LOWEST_PRECEDENCE;
  }
}
