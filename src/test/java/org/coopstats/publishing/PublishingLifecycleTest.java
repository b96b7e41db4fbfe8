package org.coopstats.publishing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions, revision history, time travel, change feeds, withdrawal and conditional requests. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class PublishingLifecycleTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void aValueRevisedTwiceCanBeReadBeforeBetweenAndAfterTheRevisions() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5605\nCAN,COOPS,2020,5531\n");
    OffsetDateTime v1 = publish(dataset);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5606\n");
    OffsetDateTime v2 = publish(dataset);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5610\n");
    OffsetDateTime v3 = publish(dataset);

    assertValue2021(provider, v1.minusNanos(1000), null);
    assertValue2021(provider, v1, 5605);
    assertValue2021(provider, v2.minusNanos(1000), 5605);
    assertValue2021(provider, v2, 5606);
    assertValue2021(provider, v3, 5610);
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(5531, 5610));

    var history =
        given()
            .queryParam("provider", provider)
            .queryParam("includeHistory", true)
            .queryParam("startPeriod", "2021")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .body("items.OBS_VALUE", contains(5605, 5606, 5610))
            .body("items[2].VALID_TO", nullValue())
            .extract()
            .jsonPath();
    org.assertj.core.api.Assertions.assertThat(
            OffsetDateTime.parse(history.getString("items[0].VALID_FROM")))
        .isAtSameInstantAs(v1);
    org.assertj.core.api.Assertions.assertThat(
            OffsetDateTime.parse(history.getString("items[0].VALID_TO")))
        .isAtSameInstantAs(v2);
    org.assertj.core.api.Assertions.assertThat(
            OffsetDateTime.parse(history.getString("items[2].VALID_FROM")))
        .isAtSameInstantAs(v3);

    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("version", is(3))
        .body("status", is("PUBLISHED"))
        .body("summary.observations", is(2));
  }

  @Test
  void periodsFilterAndOrderDraftsAsTheyDoPublishedValues() {
    // Draft rows keep only the period's text; its dates come from reference_period (V10).
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(
        dataset,
        HEADER
            + "CAN,COOPS,2037-Q3,3\nCAN,COOPS,2037,1\nCAN,COOPS,2036,0\nCAN,COOPS,2037-07,2\n"
            + "CAN,COOPS,2037-10,4\n");
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2038-01,5\n"); // merged into the draft
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body(
            "items.TIME_PERIOD",
            contains("2036", "2037", "2037-07", "2037-Q3", "2037-10", "2038-01"));
    given()
        .queryParam("view", "draft")
        .queryParam("startPeriod", "2037-07")
        .queryParam("endPeriod", "2037-09")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("items.TIME_PERIOD", contains("2037-07", "2037-Q3"));

    publish(dataset);
    given()
        .queryParam("provider", provider)
        .queryParam("startPeriod", "2037-07")
        .queryParam("endPeriod", "2037-09")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("items.TIME_PERIOD", contains("2037-07", "2037-Q3"))
        .body("items.OBS_VALUE", contains(2, 3));
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body(
            "items.TIME_PERIOD",
            contains("2036", "2037", "2037-07", "2037-Q3", "2037-10", "2038-01"));
  }

  @Test
  void updatedAfterReturnsExactlyTheChangesDeletionsIncluded() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(
        dataset, HEADER + "CAN,COOPS,2019,5700\nCAN,COOPS,2020,5531\nCAN,COOPS,2021,5605\n");
    OffsetDateTime v1 = publish(dataset);

    given()
        .queryParam("provider", provider)
        .queryParam("updatedAfter", v1.toString())
        .get("/api/v1/observations")
        .then()
        .body("total", is(0));

    // v2: 2021 revised, 2019 dropped (replace), 2020 unchanged, 2022 new
    given()
        .contentType("text/csv")
        .queryParam("mode", "replace")
        .body(HEADER + "CAN,COOPS,2020,5531\nCAN,COOPS,2021,5606\nCAN,COOPS,2022,5650\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);
    publish(dataset);

    given()
        .queryParam("provider", provider)
        .queryParam("updatedAfter", v1.toString())
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(3))
        .body("items.TIME_PERIOD", contains("2019", "2021", "2022"))
        .body("items.ACTION", contains("D", "I", "I"))
        .body("items.OBS_VALUE", contains(5700, 5606, 5650));
    given()
        .queryParam("provider", provider)
        .queryParam("updatedAfter", v1.toString())
        .queryParam("format", "csv")
        .get("/api/v1/observations")
        .then()
        .body(containsString(",ACTION"))
        .body(containsString("2019,5700,A,F,NUMBER,0,,D"));
  }

  @Test
  void withdrawalStopsServingValuesButHistoryKeepsThem() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5605\n");
    OffsetDateTime v1 = publish(dataset);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "Double-counted federations"))
        .post("/api/v1/datasets/" + dataset + "/withdraw")
        .then()
        .statusCode(200)
        .body("status", is("WITHDRAWN"))
        .body("withdrawalReason", is("Double-counted federations"))
        .body("withdrawnAt", notNullValue());

    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("total", is(0));
    given()
        .queryParam("provider", provider)
        .queryParam("asOf", v1.toString())
        .get("/api/v1/observations")
        .then()
        .body("items[0].OBS_VALUE", is(5605));
    given()
        .queryParam("provider", provider)
        .queryParam("updatedAfter", v1.toString())
        .get("/api/v1/observations")
        .then()
        .body("items.ACTION", contains("D"));
    given().delete("/api/v1/datasets/" + dataset).then().statusCode(409);

    // a correction is a new version
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5590\n");
    publish(dataset);
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(5590));
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("status", is("PUBLISHED"))
        .body("version", is(2));
  }

  @Test
  void draftsOfPublishedDatasetsStayPrivateUntilPublished() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5605\n");
    publish(dataset);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,9999\n");

    Api.actAnonymously();
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(5605));
    given()
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items.OBS_VALUE", contains(5605));
    given() // without credentials: asked to sign in (issue #11; was a 403 without a challenge)
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Basic"));
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("summary.draftObservations", nullValue());

    Api.actAsAdmin();
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("items.OBS_VALUE", contains(9999));
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(1));
  }

  @Test
  void dataResponsesCarryETagAndLastModifiedAndAnswer304() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5605\n");
    publish(dataset);

    var first = given().queryParam("provider", provider).get("/api/v1/observations");
    first
        .then()
        .statusCode(200)
        .header("ETag", notNullValue())
        .header("Last-Modified", notNullValue());
    String etag = first.header("ETag");
    String lastModified = first.header("Last-Modified");

    given()
        .queryParam("provider", provider)
        .header("If-None-Match", etag)
        .get("/api/v1/observations")
        .then()
        .statusCode(304);
    given()
        .queryParam("provider", provider)
        .header("If-Modified-Since", lastModified)
        .get("/api/v1/observations")
        .then()
        .statusCode(304);
    String csvTag =
        given()
            .queryParam("provider", provider)
            .queryParam("format", "csv")
            .get("/api/v1/observations")
            .header("ETag");
    org.assertj.core.api.Assertions.assertThat(csvTag).isNotEqualTo(etag);

    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,5606\n");
    given()
        .queryParam("provider", provider)
        .header("If-None-Match", etag)
        .get("/api/v1/observations")
        .then()
        .statusCode(304);
    publish(dataset);
    given()
        .queryParam("provider", provider)
        .header("If-None-Match", etag)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("items.OBS_VALUE", contains(5606));
  }

  @Test
  void badTimeParametersAreNamed() {
    given()
        .queryParam("asOf", "yesterday")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("asOf"));
    given()
        .queryParam("asOf", "2999-01-01T00:00:00Z")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("future"));
    given()
        .queryParam("asOf", "2020-01-01")
        .queryParam("includeHistory", "true")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("cannot be combined"));
    given().queryParam("view", "draft").get("/api/v1/observations").then().statusCode(400);
  }

  @Test
  void publishingNeedsADraftAndAFutureReleaseTime() {
    long dataset = Api.newDataset(Api.newProvider());
    given().post("/api/v1/datasets/" + dataset + "/publish").then().statusCode(409);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2021,1\n");
    given()
        .queryParam("releaseAt", "2001-01-01T00:00:00Z")
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(400)
        .body("detail", containsString("past"));
  }

  private static OffsetDateTime publish(long dataset) {
    String releasedAt =
        given()
            .post("/api/v1/datasets/" + dataset + "/publish")
            .then()
            .statusCode(200)
            .extract()
            .path("releasedAt");
    return OffsetDateTime.parse(releasedAt);
  }

  private static void assertValue2021(String provider, OffsetDateTime asOf, Integer expected) {
    var body =
        given()
            .queryParam("provider", provider)
            .queryParam("startPeriod", "2021")
            .queryParam("asOf", asOf.toString())
            .get("/api/v1/observations")
            .then()
            .statusCode(200);
    if (expected == null) {
      body.body("total", is(0));
    } else {
      body.body("items.OBS_VALUE", containsInAnyOrder(expected));
    }
  }
}
