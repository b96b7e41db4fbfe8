package org.coopstats.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The permission matrix: each role, for its own provider and another, on each write endpoint.
 * Another provider's unreleased dataset is invisible (404), not just forbidden.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class AccessControlTest {

  private static String own;
  private static Map<String, String[]> actors;

  @BeforeEach
  void setUp() {
    Api.actAnonymously();
    if (own == null) {
      own = Api.newProvider();
      String other = Api.newProvider();
      actors =
          Map.of(
              "submitter-own", credentials(Api.newUser(own, Role.SUBMITTER)),
              "submitter-other", credentials(Api.newUser(other, Role.SUBMITTER)),
              "publisher-own", credentials(Api.newUser(own, Role.PUBLISHER)),
              "publisher-other", credentials(Api.newUser(other, Role.PUBLISHER)),
              "admin", new String[] {Api.ADMIN, Api.ADMIN_PASSWORD},
              "bad-password", new String[] {Api.ADMIN, "not-the-password"});
    }
  }

  @ParameterizedTest(name = "{0} by {1} → {2}")
  @CsvSource({
    "create provider, anonymous, 401",
    "create provider, submitter-own, 403",
    "create provider, publisher-own, 403",
    "create provider, admin, 201",
    "create provider, bad-password, 401",
    "create user, anonymous, 401",
    "create user, submitter-own, 403",
    "create user, publisher-own, 403",
    "create user, admin, 201",
    "create dataset, anonymous, 401",
    "create dataset, submitter-own, 201",
    "create dataset, submitter-other, 403",
    "create dataset, publisher-own, 403",
    "create dataset, publisher-other, 403",
    "create dataset, admin, 201",
    "create dataset, bad-password, 401",
    "upload, anonymous, 401",
    "upload, submitter-own, 200",
    "upload, submitter-other, 404",
    "upload, publisher-own, 403",
    "upload, publisher-other, 404",
    "upload, admin, 200",
    "upload, bad-password, 401",
    "publish, anonymous, 401",
    "publish, submitter-own, 403",
    "publish, submitter-other, 404",
    "publish, publisher-own, 200",
    "publish, publisher-other, 404",
    "publish, admin, 200",
    "schedule, submitter-own, 403",
    "schedule, publisher-own, 200",
    "schedule, publisher-other, 404",
    "withdraw, anonymous, 401",
    "withdraw, submitter-own, 403",
    "withdraw, submitter-other, 403",
    "withdraw, publisher-own, 200",
    "withdraw, publisher-other, 403",
    "withdraw, admin, 200",
    "delete draft, anonymous, 401",
    "delete draft, submitter-own, 204",
    "delete draft, submitter-other, 404",
    "delete draft, publisher-own, 403",
    "delete draft, publisher-other, 404",
    "delete draft, admin, 204",
    "read audit, anonymous, 401",
    "read audit, submitter-own, 403",
    "read audit, publisher-own, 200",
    "read audit, publisher-other, 403",
    "read audit, admin, 200",
    "list users, anonymous, 401",
    "list users, publisher-own, 403",
    "list users, admin, 200"
  })
  void permissionMatrix(String action, String actor, int expected) {
    long draft = Api.newDataset(own);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    RequestSpecification request = as(actor);
    var response =
        switch (action) {
          case "create provider" ->
              request
                  .contentType(ContentType.JSON)
                  .body(Map.of("id", "P" + System.nanoTime(), "name", "New provider"))
                  .post("/api/v1/providers");
          case "create user" ->
              request
                  .contentType(ContentType.JSON)
                  .body(
                      Map.of(
                          "username",
                          "u" + System.nanoTime(),
                          "password",
                          Api.PASSWORD,
                          "roles",
                          List.of(Role.SUBMITTER),
                          "providerId",
                          own))
                  .post("/api/v1/users");
          case "create dataset" ->
              request
                  .contentType(ContentType.JSON)
                  .body(
                      Map.of(
                          "providerId", own,
                          "title", "t",
                          "sourceKind", "SURVEY",
                          "periodBasis", "CALENDAR_YEAR"))
                  .post("/api/v1/datasets");
          case "upload" ->
              request
                  .contentType("text/csv")
                  .body(Fixtures.CANADA_2021_PROVINCES)
                  .post("/api/v1/datasets/" + draft + "/observations");
          case "publish" -> request.post("/api/v1/datasets/" + draft + "/publish");
          case "schedule" ->
              request
                  .queryParam("releaseAt", "2099-01-01T00:00:00Z")
                  .post("/api/v1/datasets/" + draft + "/publish");
          case "withdraw" -> {
            Api.publish(draft);
            yield request
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "test"))
                .post("/api/v1/datasets/" + draft + "/withdraw");
          }
          case "delete draft" -> request.delete("/api/v1/datasets/" + draft);
          case "read audit" -> request.queryParam("provider", own).get("/api/v1/audit");
          case "list users" -> request.get("/api/v1/users");
          default -> throw new IllegalArgumentException(action);
        };
    response.then().statusCode(expected);
    if (expected >= 400) {
      response.then().contentType("application/problem+json");
    }
    if (expected == 401) {
      response.then().header("WWW-Authenticate", containsString("Basic"));
    }
  }

  @Test
  void readingPublishedDataAndCodeListsNeedsNoUser() {
    given().get("/api/v1/observations").then().statusCode(200);
    given().get("/api/v1/codelists/CL_AREA").then().statusCode(200);
    given().get("/api/v1/structures/COOP_STATS").then().statusCode(200);
    given().get("/api/v1/datasets").then().statusCode(200);
    given().get("/api/v1/providers").then().statusCode(200);
  }

  @Test
  void passwordsAreStoredAsBcryptHashes() {
    String username = Api.newUser(own, Role.SUBMITTER);
    AppUser stored =
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
            .call(() -> AppUser.<AppUser>findById(username));
    org.assertj.core.api.Assertions.assertThat(stored.passwordHash)
        .startsWith("$2")
        .doesNotContain(Api.PASSWORD);
  }

  @Test
  void theAuditLogRecordsWhoDidWhat() {
    long dataset = Api.newDataset(own);
    Api.uploadCsv(dataset, Fixtures.CANADA_SERIES);
    Api.publish(dataset);
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .queryParam("dataset", dataset)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .body(
            "items.action",
            org.hamcrest.Matchers.contains("PUBLISHED", "UPLOADED", "DATASET_CREATED"))
        .body("items.actor", everyItem(is(Api.ADMIN)))
        .body("items.providerId", everyItem(is(own)));
  }

  /** OIDC is off unless configured: a token the OIDC tests would accept is not looked at. */
  @Test
  void bearerTokensAreRefusedWhileOidcIsOff() {
    long draft = Api.newDataset(own);
    given()
        .header("Authorization", "Bearer " + Tokens.token("ana.statcan", own, Role.ADMIN))
        .contentType("text/csv")
        .body(Fixtures.CANADA_SERIES)
        .post("/api/v1/datasets/" + draft + "/observations")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Basic"))
        .body("detail", containsString("OIDC is not switched on"));
  }

  private RequestSpecification as(String actor) {
    if ("anonymous".equals(actor)) {
      return given();
    }
    String[] user = actors.get(actor);
    return given().auth().preemptive().basic(user[0], user[1]);
  }

  private static String[] credentials(String username) {
    return new String[] {username, Api.PASSWORD};
  }
}
