package org.coopstats.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Arrays;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request that needs a user is answered 401 before anything about it is looked at: its body, its
 * media types, its size. A stranger learns nothing of the schema, and pays for no parsing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class AuthenticationFirstTest {

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  /** Before: 400 with the validation errors of DatasetRequest. */
  @Test
  void anEmptyDatasetFromAStrangerIs401NotInvalid() {
    unauthorized(given().contentType(ContentType.JSON).body("{}").post("/api/v1/datasets"));
    unauthorized(
        given()
            .auth()
            .preemptive()
            .basic(Api.ADMIN, "not-the-password")
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/api/v1/datasets"));
  }

  /** Before: 400 naming the fields of the admin's UserRequest. */
  @Test
  void anEmptyUserFromAStrangerIs401AndNamesNoField() {
    unauthorized(given().contentType(ContentType.JSON).body("{}").post("/api/v1/users"))
        .then()
        .body(not(containsString("username")))
        .body(not(containsString("roles")));
  }

  /** Before: 415, then 413: media type and size were checked before the user. */
  @Test
  void anUploadOfTheWrongTypeOrSizeFromAStrangerIs401() {
    long draft = Api.newDataset(Api.newProvider());
    String path = "/api/v1/datasets/" + draft + "/observations";
    unauthorized(
        given()
            .contentType("application/pdf")
            .body("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .post(path));
    byte[] oversized = new byte[1024 * 1024 + 1]; // %test max-bytes is 1 MiB
    Arrays.fill(oversized, (byte) 'x');
    unauthorized(given().contentType("text/csv").body(oversized).post(path));
    unauthorized(given().contentType("text/csv").accept("image/png").body("x").post(path));
    unauthorized(given().contentType("application/json").body("[{").post(path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /api/v1/providers",
        "POST /api/v1/datasets/1/publish",
        "POST /api/v1/datasets/1/withdraw",
        "DELETE /api/v1/datasets/1",
        "DELETE /api/v1/users/admin",
        "DELETE /api/v1/jobs/1",
        "PUT /api/v1/datasets/1",
        "PATCH /api/v1/datasets/1",
        "GET /api/v1/users",
        "GET /api/v1/users/admin",
        "GET /api/v1/audit",
        "GET /api/v1/jobs",
        "GET /api/v1/jobs/1",
        "GET /api/v1/datasets/1/submissions",
        "GET /api/v1/datasets/1/submissions/1"
      })
  void everyOperationThatNeedsAUserAnswers401First(String operation) {
    String[] parts = operation.split(" ");
    RequestSpecification request =
        given()
            .contentType("application/x-nothing-known")
            .accept("image/png")
            .body("{".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    unauthorized(request.request(parts[0], parts[1]));
  }

  /** Before: 403 without WWW-Authenticate, and the 401 detail spoke of "writing". */
  @Test
  void aDraftViewWithoutCredentialsIs401WithAChallenge() {
    long draft = Api.newDataset(Api.newProvider());
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    long released = Api.newDataset(Api.newProvider());
    Api.uploadCsv(released, Fixtures.CANADA_SERIES);
    Api.publish(released);
    unauthorized(
        given().queryParam("view", "draft").get("/api/v1/datasets/" + released + "/observations"));
    for (String view : new String[] {"draft", "preview"}) {
      unauthorized(
              given().queryParam("view", view).get("/api/v1/datasets/" + draft + "/observations"))
          .then()
          .body("detail", not(containsString("Writing")))
          .body("detail", containsString("needs a user"));
    }
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + draft + "/observations")
        .then()
        .statusCode(200);
  }

  /** A user of another provider is known: it is refused (403), not asked to sign in. */
  @Test
  void aDraftViewByAnotherProvidersUserIs403() {
    long draft = Api.newDataset(Api.newProvider());
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    Api.publish(draft);
    String stranger = Api.newUser(Api.newProvider(), Role.SUBMITTER);
    given()
        .auth()
        .preemptive()
        .basic(stranger, Api.PASSWORD)
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + draft + "/observations")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void releasedDataStaysPublic() {
    long dataset = Api.newDataset(Api.newProvider());
    Api.uploadCsv(dataset, Fixtures.CANADA_SERIES);
    Api.publish(dataset);
    for (String path :
        new String[] {
          "/api/v1/observations",
          "/api/v1/datasets",
          "/api/v1/datasets/" + dataset,
          "/api/v1/datasets/" + dataset + "/observations",
          "/api/v1/datasets/" + dataset + "/observations?view=published",
          "/api/v1/codelists",
          "/api/v1/structures/COOP_STATS",
          "/api/v1/providers",
          "/sdmx/v2.1/dataflow"
        }) {
      given().get(path).then().log().ifValidationFails().statusCode(200);
    }
  }

  /**
   * Wrong credentials are refused wherever they are sent, public reads included: a client that
   * believes it is signed in must not be served the public view silently. (Before, this depended on
   * the endpoint: 401 on the dataset list, 200 on the observations.)
   */
  @Test
  void wrongCredentialsOnAPublicReadAre401() {
    for (String path : new String[] {"/api/v1/observations", "/api/v1/datasets"}) {
      unauthorized(given().auth().preemptive().basic(Api.ADMIN, "not-the-password").get(path));
    }
  }

  private static Response unauthorized(Response response) {
    response
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Basic realm=\"CoopStats\""))
        .body("type", is("/problems/unauthorized"))
        .body("status", is(401));
    return response;
  }
}
