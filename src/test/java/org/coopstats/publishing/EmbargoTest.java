package org.coopstats.publishing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.coopstats.security.Role;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduled release is invisible on every read path to everyone but its provider's users until
 * its release time, and visible from that very moment: the test moves the service's clock to one
 * millisecond before the release, then to the release, instead of waiting for it.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(TestClockProfile.class)
class EmbargoTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  /** The SDMX data formats, each a read path of its own (writer, validators). */
  private static final List<String> SDMX_FORMATS =
      List.of("genericdata", "structurespecificdata", "jsondata", "csv");

  /**
   * The test's clock. Releases are set 30 s ahead: within the minute for which a verified password
   * is remembered, so moving to them costs no bcrypt checks.
   */
  @Inject MutableClock clock;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void aScheduledFirstReleaseLeaksNowhereUntilItsMillisecondAndAppearsAtIt() {
    // released data of someone else, so that the validators of all the data have a value to keep
    Api.publishedProvider(HEADER + "CAN,COOPS,2015,1\n");
    String provider = Api.newProvider();
    String publisher = Api.newUser(provider, Role.PUBLISHER);
    String outsider = Api.newUser(Api.newProvider(), Role.PUBLISHER, Role.SUBMITTER);
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10640\nKOR,COOPS,2017,12540\n");
    Response before = given().get("/api/v1/observations");
    Response sdmxBefore = given().queryParam("format", "csv").get("/sdmx/v2.1/data/COOP_STATS");

    Instant releaseAt = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
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

    moveTo(releaseAt.minusMillis(1));
    for (Supplier<RequestSpecification> as : List.of(anonymously(), as(outsider))) {
      firstRelease(as, provider, dataset, false);
    }
    validatorsUnchanged(before, "/api/v1/observations", null);
    validatorsUnchanged(sdmxBefore, "/sdmx/v2.1/data/COOP_STATS", "csv");
    // the provider's publisher sees it coming, and nothing of it as published yet
    as(publisher)
        .get()
        .queryParam("view", "preview")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("items.OBS_VALUE", contains(10640, 12540));
    as(publisher)
        .get()
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("total", is(0));
    Response scheduled = as(publisher).get().get("/api/v1/datasets/" + dataset);
    scheduled.then().body("status", is("SCHEDULED"));
    assertThat(instant(scheduled.jsonPath().getString("pendingRelease.releaseAt")))
        .isEqualTo(releaseAt);

    moveTo(releaseAt);
    for (Supplier<RequestSpecification> as : List.of(anonymously(), as(outsider))) {
      firstRelease(as, provider, dataset, true);
    }
    validatorsChanged(before, "/api/v1/observations", null, releaseAt);
    validatorsChanged(sdmxBefore, "/sdmx/v2.1/data/COOP_STATS", "csv", releaseAt);
    as(publisher)
        .get()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("status", is("PUBLISHED"))
        .body("pendingRelease", nullValue());
    // what was read as of a moment before the release stays as it was
    given()
        .queryParam("provider", provider)
        .queryParam("asOf", releaseAt.minusMillis(1).toString())
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(0));
    given()
        .queryParam("provider", provider)
        .queryParam("asOf", releaseAt.toString())
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(2));
  }

  @Test
  void aScheduledRevisionKeepsThePublishedValuesUntilItsMillisecond() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10640\n");
    Api.publish(dataset);
    Instant firstRelease = clock.instant();
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10650\n");
    Instant releaseAt = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .queryParam("releaseAt", releaseAt.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200);

    moveTo(releaseAt.minusMillis(1));
    revision(provider, dataset, firstRelease, releaseAt, false);
    moveTo(releaseAt);
    revision(provider, dataset, firstRelease, releaseAt, true);
  }

  /** Every public read path of a first release, hidden before it and showing it once out. */
  private static void firstRelease(
      Supplier<RequestSpecification> as, String provider, long dataset, boolean out) {
    int total = out ? 2 : 0;
    as.get()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(total))
        .body("items.OBS_VALUE", out ? contains(10640, 12540) : not(hasItem(10640)));
    String csv =
        as.get()
            .queryParam("provider", provider)
            .queryParam("format", "csv")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .header("X-Total-Count", String.valueOf(total))
            .extract()
            .asString();
    assertThat(csv.contains("KOR")).isEqualTo(out);
    as.get()
        .queryParam("format", "jsonstat")
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("extension.total", is(total));
    as.get()
        .queryParam("REF_AREA", "KOR")
        .get("/api/v1/observations")
        .then()
        .body("items.DATASET", out ? hasItem((int) dataset) : not(hasItem((int) dataset)));
    as.get()
        .queryParam("provider", provider)
        .queryParam("includeHistory", "true")
        .get("/api/v1/observations")
        .then()
        .body("total", is(total));
    as.get()
        .queryParam("updatedAfter", "2000-01-01")
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("total", is(total));
    as.get()
        .queryParam("provider", provider)
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("total", is(out ? 1 : 0));
    as.get()
        .queryParam("provider", provider)
        .queryParam("status", "PUBLISHED")
        .get("/api/v1/datasets")
        .then()
        .body("total", is(out ? 1 : 0));
    as.get()
        .queryParam("area", "KOR")
        .get("/api/v1/datasets")
        .then()
        .body("items.id", out ? hasItem((int) dataset) : not(hasItem((int) dataset)));
    if (out) {
      as.get()
          .get("/api/v1/datasets/" + dataset)
          .then()
          .statusCode(200)
          .body("status", is("PUBLISHED"))
          .body("version", is(1))
          .body("summary.observations", is(2))
          .body("summary.refAreas", contains("KOR"));
      as.get()
          .get("/api/v1/datasets/" + dataset + "/observations")
          .then()
          .statusCode(200)
          .body("items.OBS_VALUE", contains(10640, 12540));
    } else {
      as.get().get("/api/v1/datasets/" + dataset).then().statusCode(404);
      as.get().get("/api/v1/datasets/" + dataset + "/observations").then().statusCode(404);
    }
    for (String format : SDMX_FORMATS) {
      var sdmx =
          as.get()
              .queryParam("format", format)
              .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
              .then()
              .statusCode(out ? 200 : 404);
      if (out) {
        sdmx.body(containsString("10640")).body(containsString("12540"));
      }
    }
    var availability =
        as.get()
            .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider)
            .then()
            .statusCode(out ? 200 : 404);
    if (out) {
      availability.body(containsString("KOR")).body(containsString("2017"));
    }
  }

  /** The read paths of a revision: the version out keeps showing until the next is released. */
  private static void revision(
      String provider, long dataset, Instant firstRelease, Instant releaseAt, boolean out) {
    int value = out ? 10650 : 10640;
    int other = out ? 10640 : 10650;
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(value));
    String csv =
        given()
            .queryParam("provider", provider)
            .queryParam("format", "csv")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv).contains(String.valueOf(value)).doesNotContain(String.valueOf(other));
    given()
        .queryParam("provider", provider)
        .queryParam("format", "jsonstat")
        .get("/api/v1/observations")
        .then()
        .body(containsString(String.valueOf(value)))
        .body(not(containsString(String.valueOf(other))));
    var history =
        given()
            .queryParam("provider", provider)
            .queryParam("includeHistory", "true")
            .get("/api/v1/observations")
            .then();
    if (out) {
      history.body("items.OBS_VALUE", containsInAnyOrder(10640, 10650));
      assertThat(
              instant(
                  history
                      .extract()
                      .jsonPath()
                      .getString("items.find { it.OBS_VALUE == 10640 }.VALID_TO")))
          .isEqualTo(releaseAt);
    } else {
      history.body("items.OBS_VALUE", contains(10640)).body("items[0].VALID_TO", nullValue());
    }
    given()
        .queryParam("provider", provider)
        .queryParam("updatedAfter", firstRelease.plusMillis(1).toString())
        .get("/api/v1/observations")
        .then()
        .body("total", is(out ? 1 : 0));
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"))
        .body("version", is(out ? 2 : 1))
        .body("pendingRelease", nullValue())
        .body("summary.observations", is(1));
    assertThat(
            instant(given().get("/api/v1/datasets/" + dataset).jsonPath().getString("releasedAt")))
        .isEqualTo(out ? releaseAt : firstRelease);
    given()
        .queryParam("provider", provider)
        .get("/api/v1/datasets")
        .then()
        .body("items[0].version", is(out ? 2 : 1));
    given()
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items.OBS_VALUE", contains(value));
    for (String format : SDMX_FORMATS) {
      given()
          .queryParam("format", format)
          .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
          .then()
          .statusCode(200)
          .body(containsString(String.valueOf(value)))
          .body(not(containsString(String.valueOf(other))));
    }
  }

  /**
   * Before the release the validators of all released data are those of before the publishing, and
   * a client holding them is told nothing changed.
   */
  private static void validatorsUnchanged(Response before, String path, String format) {
    Response now = withFormat(given(), format).get(path);
    assertThat(now.header("ETag")).isEqualTo(before.header("ETag"));
    assertThat(now.header("Last-Modified")).isEqualTo(before.header("Last-Modified"));
    withFormat(given(), format)
        .header("If-None-Match", before.header("ETag"))
        .get(path)
        .then()
        .statusCode(304);
    withFormat(given(), format)
        .header("If-Modified-Since", before.header("Last-Modified"))
        .get(path)
        .then()
        .statusCode(304);
  }

  /** From the release on, they are dated by it, and the old ones get the new data. */
  private static void validatorsChanged(
      Response before, String path, String format, Instant releaseAt) {
    Response now = withFormat(given(), format).get(path);
    assertThat(now.header("ETag")).isNotEqualTo(before.header("ETag"));
    assertThat(
            ZonedDateTime.parse(now.header("Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant())
        .isEqualTo(releaseAt);
    withFormat(given(), format)
        .header("If-None-Match", before.header("ETag"))
        .get(path)
        .then()
        .statusCode(200);
    withFormat(given(), format)
        .header("If-Modified-Since", before.header("Last-Modified"))
        .get(path)
        .then()
        .statusCode(200);
  }

  private static Instant instant(String json) {
    return OffsetDateTime.parse(json).toInstant();
  }

  private static RequestSpecification withFormat(RequestSpecification request, String format) {
    return format == null ? request : request.queryParam("format", format);
  }

  private static Supplier<RequestSpecification> anonymously() {
    return () -> given();
  }

  private static Supplier<RequestSpecification> as(String user) {
    return () -> given().auth().preemptive().basic(user, Api.PASSWORD);
  }

  /** Time only moves on: the clock is shared with the other tests of the profile. */
  private void moveTo(Instant moment) {
    Duration by = Duration.between(clock.instant(), moment);
    assertThat(by).isPositive();
    clock.advance(by);
  }
}
