package org.coopstats.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

/** The OpenAPI explorer in the packaged application, and what its "Try it out" calls. */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
class PackagedExplorerIT {

  @org.junit.jupiter.api.BeforeEach
  void actAsAdmin() {
    org.coopstats.support.Api.actAsAdmin();
  }

  @Test
  void swaggerUiAndTheDocumentAreServed() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/observations"));
  }

  @Test
  void theQueryTheExplorerSendsReturnsData() {
    String provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    given()
        .accept("application/json")
        .queryParam("REF_AREA", "CAN")
        .queryParam("MEASURE", "COOPS")
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(3))
        .body("items[2].OBS_VALUE", is(5605));
  }
}
