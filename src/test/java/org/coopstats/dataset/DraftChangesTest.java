package org.coopstats.dataset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review before a release: what publishing the draft would change, key by key. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class DraftChangesTest {

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void aMergedDraftShowsWhatItAddsChangesAndDeletes() {
    long dataset = publishedCanada();
    Api.uploadCsv(
        dataset,
        """
        REF_AREA,MEASURE,WORK_CAT,TIME_PERIOD,OBS_VALUE,OBS_STATUS,ACTION
        CAN,COOPS,,2021,5610,P,M
        CAN,COOPS,,2020,5531,,M
        CAN,COOPS,,2022,5650,E,M
        CAN,COOPS,,2018,,,D
        """);

    given()
        .get(changes(dataset))
        .then()
        .statusCode(200)
        .header("X-Total-Count", "3")
        .body("replaces", is(false))
        .body("summary.ADDED", is(1))
        .body("summary.CHANGED", is(1))
        .body("summary.DELETED", is(1))
        .body("summary.UNCHANGED", is(1))
        .body("items.TIME_PERIOD", contains("2018", "2021", "2022"))
        .body("items.change", contains("DELETED", "CHANGED", "ADDED"))
        .body("items[0].published.OBS_VALUE", is(5846))
        .body("items[0].draft", nullValue())
        .body("items[1].published.OBS_VALUE", is(5605))
        .body("items[1].draft.OBS_VALUE", is(5610))
        .body("items[1].draft.OBS_STATUS", is("P"))
        .body("items[2].published", nullValue())
        .body("items[2].draft.OBS_VALUE", is(5650));

    given()
        .queryParam("change", "UNCHANGED")
        .get(changes(dataset))
        .then()
        .statusCode(200)
        .body("items.TIME_PERIOD", contains("2020"));
  }

  @Test
  void aReplacingDraftDeletesThePublishedKeysItLeavesOut() {
    long dataset = publishedCanada();
    given()
        .contentType("text/csv")
        .queryParam("mode", "replace")
        .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,5605\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);

    given()
        .queryParam("limit", 2)
        .get(changes(dataset))
        .then()
        .statusCode(200)
        .body("replaces", is(true))
        .body("summary.DELETED", is(5))
        .body("summary.UNCHANGED", is(1))
        .body("total", is(5))
        .body("items.change", contains("DELETED", "DELETED"))
        .body("next", containsString("offset=2"));
  }

  @Test
  void onlyTheProvidersUsersSeeTheChanges() {
    long dataset = publishedCanada();
    Api.actAnonymously();
    given().get(changes(dataset)).then().statusCode(401);
    String stranger = Api.newUser(Api.newProvider(), "submitter", "publisher");
    given()
        .auth()
        .preemptive()
        .basic(stranger, Api.PASSWORD)
        .get(changes(dataset))
        .then()
        .statusCode(403)
        .body("detail", containsString("need a user of its provider"));
  }

  @Test
  void anUnknownKindOfChangeSaysWhichThereAre() {
    given()
        .queryParam("change", "MOVED")
        .get(changes(publishedCanada()))
        .then()
        .statusCode(400)
        .body("detail", containsString("use ADDED, CHANGED, DELETED, UNCHANGED"));
  }

  @Test
  void meTellsWhoIsSignedIn() {
    String provider = Api.newProvider();
    String user = Api.newUser(provider, "submitter");
    Api.actAnonymously();
    given()
        .auth()
        .preemptive()
        .basic(user, Api.PASSWORD)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .header("Cache-Control", containsString("no-store"))
        .body("username", is(user))
        .body("roles", contains("submitter"))
        .body("providerId", is(provider));
    given().get("/api/v1/me").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(user, Api.PASSWORD)
        .accept("text/csv")
        .get("/api/v1/me")
        .then()
        .statusCode(406);
  }

  private static long publishedCanada() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, Fixtures.CANADA_SERIES);
    Api.publish(dataset);
    return dataset;
  }

  private static String changes(long dataset) {
    return "/api/v1/datasets/" + dataset + "/changes";
  }
}
