package org.coopstats.publishing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.coopstats.security.Role;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduled release is invisible on every read path to everyone but its provider's users, and
 * appears at its release second without a restart.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class EmbargoTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  /**
   * Long enough for every check before the release to finish on a slow, shared CI machine (each
   * authenticated request verifies a bcrypt hash).
   */
  private static final int EMBARGO_SECONDS = 25;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void aScheduledFirstReleaseLeaksNowhereAndAppearsOnTime() throws Exception {
    String provider = Api.newProvider();
    String publisher = Api.newUser(provider, Role.PUBLISHER);
    String outsider = Api.newUser(Api.newProvider(), Role.PUBLISHER, Role.SUBMITTER);
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10640\nKOR,COOPS,2017,12540\n");
    String etagBefore = given().get("/api/v1/observations").header("ETag");
    String csvTagBefore =
        given().queryParam("format", "csv").get("/api/v1/observations").header("ETag");

    OffsetDateTime releaseAt =
        OffsetDateTime.now(ZoneOffset.UTC)
            .plusSeconds(EMBARGO_SECONDS)
            .truncatedTo(ChronoUnit.SECONDS);
    given()
        .auth()
        .preemptive()
        .basic(publisher, Api.PASSWORD)
        .queryParam("releaseAt", releaseAt.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200)
        .body("status", is("SCHEDULED"))
        .body("pendingRelease.version", is(1));

    for (String[] user : new String[][] {null, {outsider, Api.PASSWORD}}) {
      java.util.function.Supplier<io.restassured.specification.RequestSpecification> as =
          () -> user == null ? given() : given().auth().preemptive().basic(user[0], user[1]);
      assertInvisible(as, provider, dataset);
    }
    org.assertj.core.api.Assertions.assertThat(given().get("/api/v1/observations").header("ETag"))
        .isEqualTo(etagBefore);
    org.assertj.core.api.Assertions.assertThat(
            given().queryParam("format", "csv").get("/api/v1/observations").header("ETag"))
        .isEqualTo(csvTagBefore);

    // the provider's publisher previews it
    given()
        .auth()
        .preemptive()
        .basic(publisher, Api.PASSWORD)
        .queryParam("view", "preview")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("items.OBS_VALUE", contains(10640, 12540));
    given()
        .auth()
        .preemptive()
        .basic(publisher, Api.PASSWORD)
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("status", is("SCHEDULED"));

    sleepUntil(releaseAt);

    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("total", is(2))
        .body("items.OBS_VALUE", contains(10640, 12540));
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"));
    org.assertj.core.api.Assertions.assertThat(given().get("/api/v1/observations").header("ETag"))
        .isNotEqualTo(etagBefore);
    given().get("/sdmx/v2.1/data/COOP_STATS/all/" + provider).then().statusCode(200);
    given()
        .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider)
        .then()
        .statusCode(200)
        .body(containsString("KOR"));
  }

  @Test
  void aScheduledRevisionKeepsThePublishedValuesUntilItsRelease() throws Exception {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10640\n");
    Api.publish(dataset);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10650\n");
    OffsetDateTime releaseAt =
        OffsetDateTime.now(ZoneOffset.UTC)
            .plusSeconds(EMBARGO_SECONDS)
            .truncatedTo(ChronoUnit.SECONDS);
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .queryParam("releaseAt", releaseAt.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200);

    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(10640));
    given()
        .queryParam("provider", provider)
        .queryParam("includeHistory", "true")
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(10640))
        .body("items[0].VALID_TO", org.hamcrest.Matchers.nullValue());
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("version", is(1))
        .body(not(containsString("pendingRelease")));

    sleepUntil(releaseAt);
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(10650));
  }

  private static void assertInvisible(
      java.util.function.Supplier<io.restassured.specification.RequestSpecification> as,
      String provider,
      long dataset) {
    as.get()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(0));
    String csv =
        as.get()
            .queryParam("provider", provider)
            .queryParam("format", "csv")
            .get("/api/v1/observations")
            .then()
            .header("X-Total-Count", "0")
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(csv).doesNotContain("KOR");
    as.get()
        .queryParam("REF_AREA", "KOR")
        .get("/api/v1/observations")
        .then()
        .body("items.DATASET", not(hasItem((int) dataset)));
    as.get()
        .queryParam("REF_AREA", "KOR")
        .queryParam("includeHistory", "true")
        .get("/api/v1/observations")
        .then()
        .body("items.DATASET", not(hasItem((int) dataset)));
    as.get()
        .queryParam("updatedAfter", "2000-01-01")
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("total", is(0));
    as.get().queryParam("provider", provider).get("/api/v1/datasets").then().body("total", is(0));
    as.get()
        .queryParam("area", "KOR")
        .get("/api/v1/datasets")
        .then()
        .body("items.id", not(hasItem((int) dataset)));
    as.get().get("/api/v1/datasets/" + dataset).then().statusCode(404);
    as.get().get("/api/v1/datasets/" + dataset + "/observations").then().statusCode(404);
    as.get()
        .queryParam("format", "jsonstat")
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("extension.total", is(0));
    // SDMX: no data and no available code values for the provider while embargoed
    as.get().get("/sdmx/v2.1/data/COOP_STATS/all/" + provider).then().statusCode(404);
    as.get()
        .queryParam("format", "jsondata")
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
        .then()
        .statusCode(404);
    as.get()
        .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider)
        .then()
        .statusCode(404);
  }

  private static void sleepUntil(OffsetDateTime moment) throws InterruptedException {
    Duration wait = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), moment).plusMillis(300);
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }
  }
}
