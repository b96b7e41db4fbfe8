package org.coopstats.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

/** The web pages and their assets are served by the application itself, with a strict policy. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class WebPagesTest {

  @Test
  void theRootIsTheExplorer() {
    given()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .body(containsString("data explorer"));
  }

  @Test
  void theWorkspaceHasAPageOfItsOwn() {
    given()
        .get("/workspace/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .body(containsString("workspace"));
  }

  @Test
  void theChartLibraryIsServedFromItsJarWithoutAVersionInTheUrl() {
    given()
        .get("/webjars/chart.js/dist/chart.umd.min.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"))
        .body(containsString("Chart"));
  }

  @Test
  void anUnknownPathIsStillAProblem() {
    given()
        .accept("application/json")
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }
}
