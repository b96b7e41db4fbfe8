package org.coopstats.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of wrong passwords is answered 429 with Retry-After after a few failures, without
 * checking the password, and the right password works again once the wait is over. Before, every
 * wrong password was a bcrypt check and a 401, without end.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.Throttled.class)
@WithTestResource(PostgresResource.class)
class LoginThrottleTest {

  /** The throttle as configured for production, on a clock the test moves. */
  public static class Throttled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "coopstats.login-throttle.free-failures-per-user", "5",
          "coopstats.login-throttle.free-failures-per-address", "20");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(MovableClock.class);
    }
  }

  @Alternative
  @Singleton
  public static class MovableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Inject MovableClock clock;

  @BeforeEach
  void forgetEarlierFailures() {
    Api.actAnonymously();
    clock.advance(Duration.ofHours(1));
  }

  @Test
  void wrongPasswordsForOneUserAreThrottledThenTheRightOneWorks() {
    String provider = Api.newProvider();
    String user = Api.newUser(provider, Role.SUBMITTER);
    for (int i = 0; i < 5; i++) {
      createDataset(user, "wrong-password-" + i, provider).then().statusCode(401);
    }
    throttled(createDataset(user, "wrong-password-5", provider), 1);
    // Not even the right password is checked while the name is closed.
    throttled(createDataset(user, Api.PASSWORD, provider), 1);

    clock.advance(Duration.ofSeconds(1));
    createDataset(user, "wrong-password-6", provider).then().statusCode(401);
    throttled(createDataset(user, Api.PASSWORD, provider), 2);

    clock.advance(Duration.ofSeconds(2));
    createDataset(user, Api.PASSWORD, provider).then().statusCode(201);
    // The verified password started the count again.
    createDataset(user, "wrong-password-7", provider).then().statusCode(401);
    createDataset(user, Api.PASSWORD, provider).then().statusCode(201);
  }

  @Test
  void wrongPasswordsFromOneAddressAreThrottledWhateverTheNamesAndOnPublicReads() {
    for (int i = 0; i < 20; i++) {
      given()
          .auth()
          .preemptive()
          .basic("nobody-" + i + "-" + System.nanoTime(), "some-password")
          .get("/api/v1/observations")
          .then()
          .statusCode(401);
    }
    throttled(
        given()
            .auth()
            .preemptive()
            .basic("nobody-else-" + System.nanoTime(), "some-password")
            .get("/api/v1/observations"),
        1);
    given().get("/api/v1/observations").then().statusCode(200); // anonymous reads go on
  }

  private static void throttled(Response response, long seconds) {
    response
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", Long.toString(seconds))
        .body("type", is("/problems/too-many-failed-logins"))
        .body("status", is(429));
  }

  private static Response createDataset(String user, String password, String provider) {
    return given()
        .auth()
        .preemptive()
        .basic(user, password)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", provider,
                "title", "Throttle check",
                "sourceKind", "SURVEY",
                "periodBasis", "CALENDAR_YEAR"))
        .post("/api/v1/datasets");
  }
}
