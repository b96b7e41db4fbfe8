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
    org.coopstats.support.Api.management()
        .get("/q/health")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));
  }

  @Test
  void metricsAreServedForPrometheus() {
    given().get("/api/v1/codelists").then().statusCode(200);
    org.coopstats.support.Api.management()
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
   * openapi/openapi.yaml is the contract, written by hand; the build copies it into the app and
   * SmallRye OpenAPI serves it. Whatever SmallRye does on the way (it orders an allOf's members its
   * own way) must not change its meaning.
   */
  @Test
  void theServedDocumentIsTheCommittedContract() throws Exception {
    String served = given().get("/q/openapi").then().statusCode(200).extract().asString();
    var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    org.assertj.core.api.Assertions.assertThat(normalized(yaml.readTree(served)))
        .isEqualTo(normalized(yaml.readTree(Files.readString(Path.of("openapi/openapi.yaml")))));
  }

  /** The tree with the members of every allOf in one order (their order means nothing). */
  private static com.fasterxml.jackson.databind.JsonNode normalized(
      com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isObject()) {
      var copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), normalized(e.getValue())));
      if (copy.has("allOf")) {
        var members = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        copy.get("allOf").forEach(members::add);
        members.sort(java.util.Comparator.comparing(Object::toString));
        copy.set("allOf", copy.arrayNode().addAll(members));
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> copy.add(normalized(n)));
      return copy;
    }
    return node;
  }
}
