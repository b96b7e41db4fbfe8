package org.coopstats.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC switched on as in production, but the identity provider's key is given directly ({@code
 * quarkus.oidc.public-key}) instead of discovered, and the tests sign the tokens with its private
 * half. HTTP Basic keeps working beside the tokens.
 */
@QuarkusTest
@TestProfile(OidcBearerTest.OidcOn.class)
@WithTestResource(PostgresResource.class)
class OidcBearerTest {

  public static class OidcOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.oidc.tenant-enabled",
          "true",
          "quarkus.oidc.public-key",
          Tokens.publicKey(),
          "quarkus.oidc.token.issuer",
          Tokens.ISSUER);
    }
  }

  private String own;
  private String other;

  @BeforeEach
  void setUp() {
    Api.actAnonymously();
    own = Api.newProvider();
    other = Api.newProvider();
  }

  @Test
  void aSubmitterTokenUploadsForItsProviderOnly() {
    String submitter = Tokens.token("ana.statcan", own, Role.SUBMITTER);
    long ownDraft = Api.newDataset(own);
    upload(bearer(submitter), ownDraft).then().statusCode(200).body("inserted", is(6));

    long othersDraft = Api.newDataset(other);
    upload(bearer(submitter), othersDraft)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    long othersReleased = Api.newDataset(other);
    Api.uploadCsv(othersReleased, Fixtures.CANADA_SERIES);
    Api.publish(othersReleased);
    upload(bearer(submitter), othersReleased)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("You act for " + own));
    createDataset(bearer(submitter), other).then().statusCode(403);
    createDataset(bearer(submitter), own).then().statusCode(201);
  }

  @Test
  void aTokenSeesItsProvidersDraft() {
    long draft = Api.newDataset(own);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    bearer(Tokens.token("ana.statcan", own, Role.SUBMITTER))
        .get("/api/v1/datasets/" + draft + "/observations?view=draft")
        .then()
        .statusCode(200);
    bearer(Tokens.token("bo.other", other, Role.SUBMITTER))
        .get("/api/v1/datasets/" + draft + "/observations?view=draft")
        .then()
        .statusCode(404);
  }

  @Test
  void aPublisherTokenPublishesAndASubmitterTokenCannot() {
    long draft = Api.newDataset(own);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    publish(bearer(Tokens.token("ana.statcan", own, Role.SUBMITTER)), draft)
        .then()
        .statusCode(403)
        .body("detail", containsString("publisher role"));
    publish(bearer(Tokens.token("paul.statcan", own, Role.PUBLISHER)), draft)
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"));
  }

  @Test
  void keycloakRealmRolesAreReadToo() {
    long draft = Api.newDataset(own);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    String token =
        Tokens.sign(
            Tokens.claims("paul.statcan", own)
                .claim("realm_access", Map.of("roles", List.of(Role.PUBLISHER))));
    publish(bearer(token), draft).then().statusCode(200);
  }

  @Test
  void theAuditLogNamesTheTokensUser() {
    long draft = Api.newDataset(own);
    upload(bearer(Tokens.token("ana.statcan", own, Role.SUBMITTER)), draft).then().statusCode(200);
    publish(bearer(Tokens.token("paul.statcan", own, Role.PUBLISHER)), draft)
        .then()
        .statusCode(200);
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .queryParam("dataset", draft)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .body(
            "items.action",
            org.hamcrest.Matchers.contains("PUBLISHED", "UPLOADED", "DATASET_CREATED"))
        .body(
            "items.actor",
            org.hamcrest.Matchers.contains("paul.statcan", "ana.statcan", Api.ADMIN));
  }

  @Test
  void anAdminTokenActsForEveryProvider() {
    String admin = Tokens.token("root.ops", null, Role.ADMIN);
    long draft = Api.newDataset(other);
    upload(bearer(admin), draft).then().statusCode(200);
    bearer(admin).get("/api/v1/users").then().statusCode(200);
  }

  @Test
  void aTokenNamingAnUnregisteredProviderIsForbidden() {
    long draft = Api.newDataset(own);
    upload(bearer(Tokens.token("ana.statcan", "NO_SUCH_PROVIDER", Role.SUBMITTER)), draft)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", is("/problems/forbidden"))
        .body("detail", containsString("provider 'NO_SUCH_PROVIDER'"))
        .body("detail", containsString(Tokens.PROVIDER_CLAIM));
  }

  @Test
  void aTokenWithoutAProviderActsForNone() {
    long draft = Api.newDataset(own);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    Api.publish(draft);
    upload(bearer(Tokens.token("ana.statcan", null, Role.SUBMITTER)), draft)
        .then()
        .statusCode(403)
        .body("detail", containsString("You act for no provider"));
  }

  @Test
  void expiredForeignAndGarbageTokensAreUnauthorized() {
    long draft = Api.newDataset(own);
    String expired =
        Tokens.sign(
            Tokens.claims("ana.statcan", own, Role.SUBMITTER)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
    String foreign = Tokens.signWithAnotherKey(Tokens.claims("ana.statcan", own, Role.SUBMITTER));
    String wrongIssuer =
        Tokens.sign(Tokens.claims("ana.statcan", own, Role.SUBMITTER).issuer("https://evil.test"));
    for (String token : List.of(expired, foreign, wrongIssuer, "not-a-jwt", "a.b.c")) {
      upload(bearer(token), draft)
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", containsString("Bearer"))
          .body("type", is("/problems/unauthorized"))
          .body("detail", containsString("bearer token was not accepted"));
    }
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .queryParam("dataset", draft)
        .get("/api/v1/audit")
        .then()
        .body("items.action", everyItem(is("DATASET_CREATED")));
  }

  @Test
  void httpBasicStillWorksBesideTokens() {
    String submitter = Api.newUser(own, Role.SUBMITTER);
    long draft = Api.newDataset(own);
    upload(given().auth().preemptive().basic(submitter, Api.PASSWORD), draft)
        .then()
        .statusCode(200);
    upload(given().auth().preemptive().basic(submitter, "not-the-password"), draft)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Basic"));
    upload(given(), draft)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Basic realm=\"CoopStats\""))
        .header("WWW-Authenticate", containsString("Bearer realm=\"CoopStats\""))
        .body("detail", containsString("Authorization: Bearer"));
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .get("/api/v1/users")
        .then()
        .statusCode(200)
        .body("items.username", hasItem(submitter));
  }

  private static RequestSpecification bearer(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  private static Response upload(RequestSpecification request, long dataset) {
    return request
        .contentType("text/csv")
        .body(Fixtures.CANADA_SERIES)
        .post("/api/v1/datasets/" + dataset + "/observations");
  }

  private static Response publish(RequestSpecification request, long dataset) {
    return request.post("/api/v1/datasets/" + dataset + "/publish");
  }

  private static Response createDataset(RequestSpecification request, String providerId) {
    return request
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", providerId,
                "title", "t",
                "sourceKind", "SURVEY",
                "periodBasis", "CALENDAR_YEAR"))
        .post("/api/v1/datasets");
  }
}
