package org.coopstats.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

/**
 * Overload sheds, it does not fail: with every pooled connection taken, queries are answered 503
 * problem+json with Retry-After (never 500), a query beyond the bulkhead at once, and health keeps
 * answering.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(OverloadTest.TinyPool.class)
class OverloadTest {

  private static final String QUERY = "/api/v1/observations?REF_AREA=CAN";
  private static final int POOL = 3;

  /**
   * A pool of three, one query at a time, and a short acquisition timeout to keep it quick. No
   * response cache: the same query is asked again and must reach the bulkhead (ResponseCacheTest
   * shows a hit answering while the bulkhead is full).
   */
  public static class TinyPool implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.jdbc.max-size", String.valueOf(POOL),
          "quarkus.datasource.jdbc.acquisition-timeout", "3S",
          "quarkus.datasource.metrics.enabled", "true",
          "org.coopstats.common.QueryBulkhead/run/Bulkhead/value", "1",
          "coopstats.response-cache.max-bytes", "0");
    }
  }

  @Inject AgroalDataSource dataSource;

  @Test
  void exhaustedPoolGives503WithRetryAfterAndHealthStillAnswers() throws Exception {
    given().get(QUERY).then().statusCode(200);
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < POOL; i++) {
        held.add(dataSource.getConnection());
      }
      // A takes the bulkhead's one place and waits for a connection.
      CompletableFuture<Response> a =
          CompletableFuture.supplyAsync(() -> given().get(QUERY).andReturn());
      while (dataSource.getMetrics().awaitingCount() == 0 && !a.isDone()) {
        Thread.onSpinWait();
      }
      assertThat(a).as("the first query waits for a connection").isNotDone();

      // B finds the bulkhead full: turned away at once, before A's wait is over.
      given()
          .get(QUERY)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "2")
          .body("type", is("/problems/overloaded"))
          .body("status", is(503))
          .body("detail", containsString("was not started"));

      // Health answers while the pool is taken: liveness without the database, readiness with
      // a connection of its own, well before the pool's 3 s acquisition timeout.
      RestAssuredConfig quick =
          RestAssuredConfig.config()
              .httpClient(
                  HttpClientConfig.httpClientConfig()
                      .setParam("http.connection.timeout", 2000)
                      .setParam("http.socket.timeout", 2000));
      org.coopstats.support.Api.management()
          .config(quick)
          .get("/q/health/live")
          .then()
          .statusCode(200)
          .body("status", is("UP"));
      org.coopstats.support.Api.management()
          .config(quick)
          .get("/q/health/ready")
          .then()
          .statusCode(200)
          .body("status", is("UP"))
          .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));

      // A's wait ends without a connection: 503 too, not the 500 it used to be.
      Response waited = a.get();
      assertThat(waited.statusCode()).as(waited.asString()).isEqualTo(503);
      assertThat(waited.contentType()).startsWith("application/problem+json");
      assertThat(waited.header("Retry-After")).isEqualTo("2");
      assertThat(waited.jsonPath().getString("type")).isEqualTo("/problems/overloaded");
      assertThat(waited.jsonPath().getString("detail"))
          .contains("no database connection became free");
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    given().get(QUERY).then().statusCode(200);
  }

  /**
   * A CSV page holds its one place while it streams from its cursor: each answer, a 304 and a
   * refused parameter give it back, or the next query would find the bulkhead full.
   */
  @Test
  void aStreamedCsvPageGivesItsPlaceBackHoweverItEnds() {
    String csv = QUERY + "&format=csv&limit=3";
    Response first = given().get(csv).andReturn();
    assertThat(first.statusCode()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      given().get(csv).then().statusCode(200);
      given().header("If-None-Match", first.header("ETag")).get(csv).then().statusCode(304);
      given().get(csv + "&limit=0").then().statusCode(400);
      given().get(csv + "&offset=1").then().statusCode(200);
    }
    given().get(QUERY).then().statusCode(200);
  }
}
