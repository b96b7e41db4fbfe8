package org.coopstats.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class OperationsTest {

  @org.junit.jupiter.api.BeforeEach
  void actAsAdmin() {
    org.coopstats.support.Api.actAsAdmin();
  }

  @Test
  void healthIncludesTheDatabase() {
    given()
        .get("/q/health")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));
  }

  @Test
  void metricsAreServedForPrometheus() {
    given().get("/api/v1/codelists").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"));
  }

  @Test
  void swaggerUiIsServed() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
  }

  /**
   * The committed openapi/openapi.yaml is the reviewed contract: it must be what the code serves.
   * After an intended API change, refresh it from what the test saw: cp target/openapi-served.yaml
   * openapi/openapi.yaml
   */
  @Test
  void committedOpenApiDocumentIsWhatTheServiceServes() throws Exception {
    String served = given().get("/q/openapi").then().statusCode(200).extract().asString();
    Files.writeString(Path.of("target/openapi-served.yaml"), served);
    Path committed = Path.of("openapi/openapi.yaml");
    org.assertj.core.api.Assertions.assertThat(committed).exists();
    // Compared as trees: the generator does not keep the order of keys from one run to the next.
    var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    org.assertj.core.api.Assertions.assertThat(yaml.readTree(served))
        .as("openapi/openapi.yaml is stale: cp target/openapi-served.yaml openapi/openapi.yaml")
        .isEqualTo(yaml.readTree(Files.readString(committed)));
  }
}
