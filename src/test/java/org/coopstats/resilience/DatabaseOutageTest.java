package org.coopstats.resilience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The database going away gives 503 problems with Retry-After, not a dead service; when it comes
 * back, so does the service, without a restart.
 */
@QuarkusTest
@WithTestResource(RestartablePostgresResource.class)
class DatabaseOutageTest {

  private static final String QUERY = "/api/v1/observations?REF_AREA=CAN";

  @Test
  void outageGives503AndTheServiceRecoversWhenTheDatabaseReturns() {
    given().get(QUERY).then().statusCode(200);

    RestartablePostgresResource.stopServer();
    try {
      // another query than the one answered above: that one may come from the response cache
      given()
          .get(QUERY + "&limit=7")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "5")
          .body("type", is("/problems/database-unavailable"));
      given()
          .auth()
          .preemptive()
          .basic(org.coopstats.support.Api.ADMIN, org.coopstats.support.Api.ADMIN_PASSWORD)
          .contentType("text/csv")
          .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,1\n")
          .post("/api/v1/datasets/1/observations")
          .then()
          .statusCode(503);
      org.coopstats.support.Api.management().get("/q/health").then().statusCode(503);
    } finally {
      RestartablePostgresResource.startServer();
    }

    given().get(QUERY).then().statusCode(200);
    org.coopstats.support.Api.management()
        .get("/q/health")
        .then()
        .statusCode(200)
        .body("status", is("UP"));
  }
}
