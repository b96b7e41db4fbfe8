package org.coopstats.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class ErrorResponsesTest {

  @org.junit.jupiter.api.BeforeEach
  void actAsAdmin() {
    org.coopstats.support.Api.actAsAdmin();
  }

  @Test
  void unknownPathsAre404Problems() {
    given()
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", is(404))
        .body("instance", is("/api/v1/nothing-here"));
  }

  /** Found by the contract fuzzer: a single item's GET took any parameter, and ignored it. */
  @Test
  void singleItemsRefuseUnknownParameters() {
    org.coopstats.support.Api.actAsAdmin();
    String provider = org.coopstats.support.Api.newProvider();
    long dataset = org.coopstats.support.Api.newDataset(provider);
    for (String path :
        java.util.List.of(
            "/api/v1/providers/" + provider,
            "/api/v1/datasets/" + dataset,
            "/api/v1/users/" + org.coopstats.support.Api.ADMIN)) {
      given()
          .queryParam("unknown", "1")
          .get(path)
          .then()
          .statusCode(400)
          .contentType(containsString("application/problem+json"))
          .body("detail", containsString("unknown"));
    }
  }

  /**
   * Found by the contract fuzzer: creating a provider took unknown query parameters, and the audit
   * read dataset=0 as a dataset; so did the other writes the fuzzer had not reached yet.
   */
  @Test
  void writesRefuseUnknownParametersAndTheAuditAZeroDataset() {
    org.coopstats.support.Api.actAsAdmin();
    String provider = org.coopstats.support.Api.newProvider();
    long dataset = org.coopstats.support.Api.newDataset(provider);
    java.util.Map<String, Object> body =
        java.util.Map.of("id", "UNKNOWNPARAM", "name", "Never created", "refArea", "CAN");
    given()
        .contentType("application/json")
        .body(body)
        .queryParam("unknown", "true")
        .post("/api/v1/providers")
        .then()
        .statusCode(400)
        .body("detail", containsString("unknown"));
    given().get("/api/v1/providers/UNKNOWNPARAM").then().statusCode(404);
    given()
        .contentType("application/json")
        .body(java.util.Map.of("reason", "a test"))
        .queryParam("unknown", "1")
        .post("/api/v1/datasets/" + dataset + "/withdraw")
        .then()
        .statusCode(400);
    given().queryParam("unknown", "1").delete("/api/v1/jobs/1").then().statusCode(400);
    given()
        .queryParam("dataset", 0)
        .get("/api/v1/audit")
        .then()
        .statusCode(400)
        .body("detail", containsString("dataset"));
  }

  /** Found by the contract fuzzer: a blank offset was read as absent on every list but two. */
  @Test
  void blankPagingParametersAre400s() {
    org.coopstats.support.Api.actAsAdmin();
    for (String list :
        java.util.List.of(
            "/api/v1/codelists", "/api/v1/audit", "/api/v1/users", "/api/v1/indicators")) {
      given()
          .queryParam("offset", "")
          .get(list)
          .then()
          .statusCode(400)
          .body("detail", containsString("offset"));
    }
  }

  @Test
  void wrongMethodsAre405Problems() {
    given()
        .delete("/api/v1/providers")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("detail", containsString("DELETE"));
  }

  @Test
  void unacceptableMediaTypesAre406Problems() {
    given()
        .accept("application/xml")
        .get("/api/v1/codelists")
        .then()
        .statusCode(406)
        .contentType("application/problem+json");
  }

  @Test
  void wrongContentTypesAre415Problems() {
    given()
        .contentType("text/plain")
        .body("hello")
        .post("/api/v1/providers")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void nonNumericIdsAre404NotStackTraces() {
    given()
        .get("/api/v1/datasets/abc")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
