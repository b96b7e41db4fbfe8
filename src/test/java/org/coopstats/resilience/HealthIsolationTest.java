package org.coopstats.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.ManagementInterface;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

/**
 * Health answers while every event loop of the API is busy. Under a flood of API requests those
 * event loops always have work and, on a small machine shared with PostgreSQL, get little CPU: a
 * probe that shared them waited 5 s and more (bench/RESULTS.md, "Health under overload"). Health is
 * served by the management interface, on an event loop the API does not use.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class HealthIsolationTest {

  /** Notes which event loop serves what: the API's requests, and the management server's. */
  @ApplicationScoped
  static class EventLoopRecorder {
    static final Set<String> API_THREADS = ConcurrentHashMap.newKeySet();

    void api(@Observes Router router) {
      router
          .route()
          .order(Integer.MIN_VALUE)
          .handler(
              context -> {
                API_THREADS.add(Thread.currentThread().getName());
                context.next();
              });
    }

    void management(@Observes ManagementInterface management) {
      // Under /q/: outside the contract, as the other management endpoints are.
      management
          .router()
          .get("/q/test-event-loop")
          .handler(context -> context.response().end(Thread.currentThread().getName()));
    }
  }

  @Inject Vertx vertx;

  @Test
  void livenessAnswersWhileTheApiEventLoopsAreBlocked() throws Exception {
    // Enough requests, each on a new connection, for the API server's event loops all to be seen.
    for (int i = 0; i < 8; i++) {
      given().get("/api/v1/codelists").then().statusCode(200);
    }
    Set<String> api = Set.copyOf(EventLoopRecorder.API_THREADS);
    String management =
        Api.management().get("/q/test-event-loop").then().statusCode(200).extract().asString();
    assertThat(api).as("the API's event loops").isNotEmpty().doesNotContain(management);

    // Take every event loop the API runs on, and hold it until the probe has answered.
    CountDownLatch release = new CountDownLatch(1);
    List<CountDownLatch> taken = new ArrayList<>();
    try {
      for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
        String name = loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        if (api.contains(name)) {
          CountDownLatch entered = new CountDownLatch(1);
          taken.add(entered);
          loop.execute(
              () -> {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
        }
      }
      assertThat(taken).hasSameSizeAs(api);
      for (CountDownLatch entered : taken) {
        assertThat(entered.await(5, TimeUnit.SECONDS)).as("an API event loop is held").isTrue();
      }

      RestAssuredConfig quick =
          RestAssuredConfig.config()
              .httpClient(
                  HttpClientConfig.httpClientConfig()
                      .setParam("http.connection.timeout", 2000)
                      .setParam("http.socket.timeout", 2000));
      Api.management()
          .config(quick)
          .get("/q/health/live")
          .then()
          .statusCode(200)
          .body("status", is("UP"));
      Api.management()
          .config(quick)
          .get("/q/health/ready")
          .then()
          .statusCode(200)
          .body("status", is("UP"));
    } finally {
      release.countDown();
    }
    given().get("/api/v1/codelists").then().statusCode(200);
  }
}
