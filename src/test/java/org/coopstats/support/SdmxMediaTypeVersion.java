package org.coopstats.support;

import com.atlassian.oai.validator.interaction.response.CustomResponseValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.ValidationReport;
import com.google.common.net.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Optional;

/**
 * The {@code version} parameter of an answer's media type must be one the description declares for
 * that type. The validator compares media types without their parameters, so on its own it would
 * take {@code application/vnd.sdmx.data+json;version=2.0.0} where REST 1.5.0 declares only {@code
 * ...;version=1.0.0}; for SDMX the version is what tells one format from another. Other parameters
 * (the {@code charset} of SDMX-CSV) are not compared.
 */
final class SdmxMediaTypeVersion implements CustomResponseValidator {

  static final String KEY = "sdmx.response.contentType.version";

  @Override
  public ValidationReport validate(Response response, ApiOperation operation) {
    Optional<MediaType> sent = parse(response.getHeaderValue("Content-Type").orElse(null));
    ApiResponse declared =
        Optional.ofNullable(
                operation.getOperation().getResponses().get(String.valueOf(response.getStatus())))
            .orElse(operation.getOperation().getResponses().getDefault());
    if (sent.isEmpty() || declared == null || declared.getContent() == null) {
      return ValidationReport.empty();
    }
    List<MediaType> sameType =
        declared.getContent().keySet().stream()
            .map(SdmxMediaTypeVersion::parse)
            .flatMap(Optional::stream)
            .filter(d -> d.withoutParameters().equals(sent.get().withoutParameters()))
            .toList();
    if (sameType.isEmpty()
        || sameType.stream().anyMatch(d -> version(d).equals(version(sent.get())))) {
      // an undeclared type is the validator's own finding (contentType.notAllowed)
      return ValidationReport.empty();
    }
    return ValidationReport.singleton(
        ValidationReport.Message.create(
                KEY,
                "Response Content-Type '"
                    + sent.get()
                    + "' has a version the description does not declare for it; declared: "
                    + sameType)
            .build());
  }

  private static List<String> version(MediaType type) {
    return type.parameters().get("version");
  }

  private static Optional<MediaType> parse(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(MediaType.parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
