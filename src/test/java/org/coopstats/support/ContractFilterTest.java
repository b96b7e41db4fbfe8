package org.coopstats.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must refuse what openapi/openapi.yaml does not describe. */
class ContractFilterTest {

  private static final String PROBLEM =
      "{\"type\":\"/problems/bad-request\",\"title\":\"Bad request\",\"status\":400}";

  @Test
  void aDeclaredErrorWithAProblemBodyPasses() {
    assertThat(errors(query("REF_AREA", "XYZ"), problem(400))).isEmpty();
  }

  @Test
  void anUndeclaredStatusFails() {
    assertThat(errors(query("REF_AREA", "CAN"), problem(409)))
        .anyMatch(m -> m.getKey().equals("validation.response.status.unknown"));
  }

  @Test
  void aBodyOffItsSchemaFails() {
    SimpleResponse page =
        SimpleResponse.Builder.ok()
            .withContentType("application/json")
            .withBody("{\"items\":[{\"DATASET\":\"one\"}],\"total\":1,\"offset\":0,\"limit\":100}")
            .build();
    assertThat(errors(query("REF_AREA", "CAN"), page)).isNotEmpty();
  }

  @Test
  void anAcceptedRequestOffTheContractFails() {
    SimpleResponse page =
        SimpleResponse.Builder.ok()
            .withContentType("application/json")
            .withBody("{\"items\":[],\"total\":0,\"offset\":0,\"limit\":100}")
            .build();
    assertThat(errors(query("labels", "codes"), page))
        .anyMatch(m -> m.getKey().startsWith("validation.request"));
  }

  private static Request query(String name, String value) {
    return SimpleRequest.Builder.get("/api/v1/observations").withQueryParam(name, value).build();
  }

  private static SimpleResponse problem(int status) {
    return SimpleResponse.Builder.status(status)
        .withContentType("application/problem+json")
        .withBody(PROBLEM.replace("400", String.valueOf(status)))
        .build();
  }

  private static java.util.List<ValidationReport.Message> errors(
      Request request, SimpleResponse response) {
    return ContractFilter.check(request, response).getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .toList();
  }
}
