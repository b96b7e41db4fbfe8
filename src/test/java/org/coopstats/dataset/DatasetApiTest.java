package org.coopstats.dataset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class DatasetApiTest {

  @org.junit.jupiter.api.BeforeEach
  void actAsAdmin() {
    org.coopstats.support.Api.actAsAdmin();
  }

  @Test
  void createAnswers201WithLocationAndADraft() {
    String provider = Api.newProvider();
    String location =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "providerId", provider,
                    "title", "Cooperatives 2021",
                    "sourceKind", "REGISTER",
                    "periodBasis", "FISCAL_YEAR",
                    "methodology", "Register extract"))
            .post("/api/v1/datasets")
            .then()
            .statusCode(201)
            .body("status", is("DRAFT"))
            .body("structure", is("COOP_STATS"))
            .extract()
            .header("Location");
    given()
        .get(location)
        .then()
        .statusCode(200)
        .body("title", is("Cooperatives 2021"))
        .body("periodBasis", is("FISCAL_YEAR"))
        .body("summary.observations", is(0));
  }

  @Test
  void invalidRequestsNameTheirFields() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId",
                "NOBODY",
                "title",
                "x",
                "sourceKind",
                "SURVEY",
                "periodBasis",
                "CALENDAR_YEAR"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("NOBODY"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId",
                Api.newProvider(),
                "title",
                "x",
                "sourceKind",
                "GUESS",
                "periodBasis",
                "CALENDAR_YEAR"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(400)
        .body("detail", containsString("CL_SOURCE_KIND"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"\"}")
        .post("/api/v1/datasets")
        .then()
        .statusCode(400)
        .body("errors.field", contains("periodBasis", "providerId", "sourceKind", "title"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": ")
        .post("/api/v1/datasets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", is("/problems/unreadable-body"));
  }

  @Test
  void listPagesAndFiltersByProviderAreaAndStatus() {
    String provider = Api.newProvider();
    long canada = Api.newDataset(provider);
    Api.uploadCsv(canada, Fixtures.CANADA_SERIES);
    Api.publish(canada);
    long quebec = Api.newDataset(provider);
    Api.uploadCsv(quebec, "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCA-QC,COOPS,2021,2503\n");
    Api.newDataset(provider);

    given()
        .queryParam("provider", provider)
        .queryParam("limit", 2)
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("total", is(3))
        .body("items", hasSize(2))
        .body("next", containsString("offset=2"));
    given()
        .queryParam("provider", provider)
        .queryParam("area", "CA-QC")
        .get("/api/v1/datasets")
        .then()
        .body("total", is(1))
        .body("items[0].id", is((int) quebec));
    given()
        .queryParam("provider", provider)
        .queryParam("status", "PUBLISHED")
        .get("/api/v1/datasets")
        .then()
        .body("items.id", contains((int) canada));
    given().queryParam("status", "LOST").get("/api/v1/datasets").then().statusCode(400);
    given().queryParam("colour", "red").get("/api/v1/datasets").then().statusCode(400);
  }

  @Test
  void draftsCanBeDeletedPublishedOnesCannot() {
    String provider = Api.newProvider();
    long draft = Api.newDataset(provider);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    given().delete("/api/v1/datasets/" + draft).then().statusCode(204);
    given()
        .get("/api/v1/datasets/" + draft)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    long published = Api.newDataset(provider);
    Api.uploadCsv(published, Fixtures.CANADA_SERIES);
    Api.publish(published);
    given().delete("/api/v1/datasets/" + published).then().statusCode(409);
    given().post("/api/v1/datasets/" + published + "/publish").then().statusCode(409);
    given().get("/api/v1/datasets/" + published).then().body("status", is("PUBLISHED"));
  }

  @Test
  void emptyDatasetsCannotBePublished() {
    long empty = Api.newDataset(Api.newProvider());
    given()
        .post("/api/v1/datasets/" + empty + "/publish")
        .then()
        .statusCode(409)
        .body("detail", containsString("no draft observations"));
  }

  @Test
  void providersAreListedPagedAndDuplicatesConflict() {
    String provider = Api.newProvider();
    given().get("/api/v1/providers/" + provider).then().statusCode(200).body("refArea", is("CAN"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("id", provider, "name", "Again"))
        .post("/api/v1/providers")
        .then()
        .statusCode(409);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("id", "9bad id", "name", "Bad"))
        .post("/api/v1/providers")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("id"));
    given()
        .queryParam("limit", 1)
        .get("/api/v1/providers")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .header("Link", containsString("rel=\"next\""));
    given()
        .get("/api/v1/providers/NOPE")
        .then()
        .statusCode(404)
        .body("instance", endsWith("/NOPE"));
  }

  private static final String CSV = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  /**
   * A revision scheduled far ahead (no clock to inject): until its release outsiders see the
   * dataset exactly as before it was scheduled, in the list and the detail, also when it had been
   * withdrawn.
   */
  @Test
  void schedulingARevisionChangesNothingOutsidersSee() {
    String provider = Api.newProvider();
    long published = Api.newDataset(provider);
    Api.uploadCsv(published, CSV + "KOR,COOPS,2016,10640\n");
    Api.publish(published);
    long withdrawn = Api.newDataset(provider);
    Api.uploadCsv(withdrawn, CSV + "KOR,COOPS,2017,12540\n");
    Api.publish(withdrawn);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "double-counted"))
        .post("/api/v1/datasets/" + withdrawn + "/withdraw")
        .then()
        .statusCode(200);

    Api.actAnonymously();
    Map<String, Object> publishedBefore = detail(published);
    Map<String, Object> withdrawnBefore = detail(withdrawn);
    Object listBefore = list(provider, null);
    Object publishedListBefore = list(provider, "PUBLISHED");
    Object withdrawnListBefore = list(provider, "WITHDRAWN");
    org.assertj.core.api.Assertions.assertThat(publishedBefore)
        .containsKey("releasedAt")
        .containsEntry("status", "PUBLISHED");
    org.assertj.core.api.Assertions.assertThat(withdrawnBefore)
        .containsEntry("status", "WITHDRAWN")
        .containsEntry("withdrawalReason", "double-counted");

    Api.actAsAdmin();
    for (long dataset : new long[] {published, withdrawn}) {
      Api.uploadCsv(dataset, CSV + "KOR,COOPS,2018,13000\n");
      given()
          .queryParam("releaseAt", "2099-01-15T09:00:00Z")
          .post("/api/v1/datasets/" + dataset + "/publish")
          .then()
          .statusCode(200)
          .body("pendingRelease.version", is(2))
          .body("pendingRelease.releaseAt", is("2099-01-15T09:00:00Z"));
    }

    Api.actAnonymously();
    org.assertj.core.api.Assertions.assertThat(detail(published)).isEqualTo(publishedBefore);
    org.assertj.core.api.Assertions.assertThat(detail(withdrawn)).isEqualTo(withdrawnBefore);
    org.assertj.core.api.Assertions.assertThat(list(provider, null)).isEqualTo(listBefore);
    org.assertj.core.api.Assertions.assertThat(list(provider, "PUBLISHED"))
        .isEqualTo(publishedListBefore);
    org.assertj.core.api.Assertions.assertThat(list(provider, "WITHDRAWN"))
        .isEqualTo(withdrawnListBefore);

    // the provider's users see the released version's time too, and the release to come
    Api.actAsAdmin();
    given()
        .get("/api/v1/datasets/" + published)
        .then()
        .body("version", is(1))
        .body("releasedAt", is(publishedBefore.get("releasedAt")))
        .body("pendingRelease.version", is(2));
  }

  private static Map<String, Object> detail(long dataset) {
    return given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("");
  }

  private static Object list(String provider, String status) {
    var request = given().queryParam("provider", provider);
    if (status != null) {
      request.queryParam("status", status);
    }
    return request.get("/api/v1/datasets").then().statusCode(200).extract().jsonPath().get("");
  }
}
