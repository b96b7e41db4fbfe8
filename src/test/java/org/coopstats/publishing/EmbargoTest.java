package org.coopstats.publishing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.coopstats.security.Role;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A scheduled release is invisible on every read path to everyone but its provider's users until
 * its release time, and visible from that very moment: the test moves the service's clock to one
 * millisecond before the release, then to the release, instead of waiting for it.
 *
 * <p>One setup schedules both cases for the same second, a first release and a revision of a
 * published dataset; the first test looks at them one millisecond before it, the second at it (time
 * only moves on, hence the order). Bodies are read with Jackson: RestAssured's GPath assertions
 * compile a Groovy script per expression, which cost more than the exchanges.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(TestClockProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbargoTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  /** The SDMX data formats, each a read path of its own (writer, validators). */
  private static final List<String> SDMX_FORMATS =
      List.of("genericdata", "structurespecificdata", "jsondata", "csv");

  private static final List<String> SDMX3_FORMATS =
      List.of(
          "application/vnd.sdmx.data+json;version=2.0.0",
          "application/vnd.sdmx.data+csv;version=2.0.0",
          "application/vnd.sdmx.data+xml;version=3.0.0");

  private static final String ALL_DATA = "/api/v1/observations";
  private static final String ALL_SDMX = "/sdmx/v2.1/data/COOP_STATS";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The test's clock. The release is set 30 s ahead: within the minute for which a verified
   * password is remembered, so moving to it costs no bcrypt checks.
   */
  @Inject MutableClock clock;

  /** The first release: a provider's first dataset, scheduled by its publisher. */
  private String provider;

  private String publisher;
  private String outsider;
  private long dataset;

  /** The revision: another provider's published dataset with a new version scheduled. */
  private String revised;

  private long revisedDataset;
  private Instant firstRelease;

  private Instant releaseAt;

  /** The answers for all released data before anything was scheduled: their validators. */
  private Response before;

  private Response sdmxBefore;

  @BeforeEach
  void scheduleBothOnce() {
    Api.actAnonymously();
    if (releaseAt != null) {
      return;
    }
    provider = Api.newProvider();
    publisher = Api.newUser(provider, Role.PUBLISHER);
    outsider = Api.newUser(Api.newProvider(), Role.PUBLISHER, Role.SUBMITTER);
    dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10640\nKOR,COOPS,2017,12540\n");
    // the revised dataset is also the released data whose validators must be kept before the
    // release
    revised = Api.newProvider();
    revisedDataset = Api.newDataset(revised);
    Api.uploadCsv(revisedDataset, HEADER + "KOR,COOPS,2016,10640\n");
    Api.publish(revisedDataset);
    firstRelease = clock.instant();
    Api.uploadCsv(revisedDataset, HEADER + "KOR,COOPS,2016,10650\n");
    before = given().get(ALL_DATA);
    sdmxBefore = given().queryParam("format", "csv").get(ALL_SDMX);

    releaseAt = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    JsonNode scheduled =
        json(
            ok(
                as(publisher)
                    .get()
                    .queryParam("releaseAt", releaseAt.toString())
                    .post("/api/v1/datasets/" + dataset + "/publish")));
    assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(scheduled.path("pendingRelease").path("version").numberValue()).isEqualTo(1);
    ok(
        as(Api.ADMIN, Api.ADMIN_PASSWORD)
            .get()
            .queryParam("releaseAt", releaseAt.toString())
            .post("/api/v1/datasets/" + revisedDataset + "/publish"));
  }

  @Test
  @Order(1)
  void oneMillisecondBeforeTheReleaseNothingOfItLeaks() {
    moveTo(releaseAt.minusMillis(1));
    for (Supplier<RequestSpecification> as : List.of(anonymously(), as(outsider))) {
      firstRelease(as, false);
    }
    validators(before, ALL_DATA, null, false);
    validators(sdmxBefore, ALL_SDMX, "csv", false);
    // the provider's publisher sees it coming, and nothing of it as published yet
    String observations = "/api/v1/datasets/" + dataset + "/observations";
    assertThat(values(ok(as(publisher).get().queryParam("view", "preview").get(observations))))
        .containsExactly(10640, 12540);
    assertThat(json(ok(as(publisher).get().get(observations))).path("total").numberValue())
        .isEqualTo(0);
    JsonNode scheduled = json(ok(as(publisher).get().get("/api/v1/datasets/" + dataset)));
    assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(instant(scheduled.path("pendingRelease").path("releaseAt").asText()))
        .isEqualTo(releaseAt);
    revision(false);
  }

  @Test
  @Order(2)
  void atTheReleaseItShowsOnEveryReadPath() {
    moveTo(releaseAt);
    for (Supplier<RequestSpecification> as : List.of(anonymously(), as(outsider))) {
      firstRelease(as, true);
    }
    validators(before, ALL_DATA, null, true);
    validators(sdmxBefore, ALL_SDMX, "csv", true);
    JsonNode released = json(ok(as(publisher).get().get("/api/v1/datasets/" + dataset)));
    assertThat(released.path("status").asText()).isEqualTo("PUBLISHED");
    assertThat(absent(released, "pendingRelease")).isTrue();
    // what was read as of a moment before the release stays as it was
    assertThat(total(ok(asOf(releaseAt.minusMillis(1))))).isEqualTo(0);
    assertThat(total(ok(asOf(releaseAt)))).isEqualTo(2);
    revision(true);
  }

  private Response asOf(Instant moment) {
    return given()
        .queryParam("provider", provider)
        .queryParam("asOf", moment.toString())
        .get(ALL_DATA);
  }

  /** Every public read path of the first release, hidden before it and showing it once out. */
  private void firstRelease(Supplier<RequestSpecification> as, boolean out) {
    int total = out ? 2 : 0;
    JsonNode page = json(ok(as.get().queryParam("provider", provider).get(ALL_DATA)));
    assertThat(page.path("total").numberValue()).isEqualTo(total);
    if (out) {
      assertThat(values(page)).containsExactly(10640, 12540);
    } else {
      assertThat(values(page)).doesNotContain(10640);
    }
    Response csv =
        ok(as.get().queryParam("provider", provider).queryParam("format", "csv").get(ALL_DATA));
    assertThat(csv.header("X-Total-Count")).isEqualTo(String.valueOf(total));
    assertThat(csv.asString().contains("KOR")).isEqualTo(out);
    JsonNode jsonStat =
        json(
            ok(
                as.get()
                    .queryParam("format", "jsonstat")
                    .queryParam("provider", provider)
                    .get(ALL_DATA)));
    assertThat(jsonStat.path("extension").path("total").numberValue()).isEqualTo(total);
    List<Object> datasets =
        column(json(ok(as.get().queryParam("REF_AREA", "KOR").get(ALL_DATA))), "DATASET");
    assertThat(datasets.contains((int) dataset)).isEqualTo(out);
    assertThat(
            total(
                ok(
                    as.get()
                        .queryParam("provider", provider)
                        .queryParam("includeHistory", "true")
                        .get(ALL_DATA))))
        .isEqualTo(total);
    assertThat(
            total(
                ok(
                    as.get()
                        .queryParam("updatedAfter", "2000-01-01")
                        .queryParam("provider", provider)
                        .get(ALL_DATA))))
        .isEqualTo(total);
    datasetLists(as, out);
    datasetDetail(as, out);
    sdmx(as, out);
  }

  private void datasetLists(Supplier<RequestSpecification> as, boolean out) {
    assertThat(total(ok(as.get().queryParam("provider", provider).get("/api/v1/datasets"))))
        .isEqualTo(out ? 1 : 0);
    assertThat(
            total(
                ok(
                    as.get()
                        .queryParam("provider", provider)
                        .queryParam("status", "PUBLISHED")
                        .get("/api/v1/datasets"))))
        .isEqualTo(out ? 1 : 0);
    List<Object> ids =
        column(json(ok(as.get().queryParam("area", "KOR").get("/api/v1/datasets"))), "id");
    assertThat(ids.contains((int) dataset)).isEqualTo(out);
  }

  private void datasetDetail(Supplier<RequestSpecification> as, boolean out) {
    String detail = "/api/v1/datasets/" + dataset;
    if (!out) {
      assertThat(as.get().get(detail).statusCode()).isEqualTo(404);
      assertThat(as.get().get(detail + "/observations").statusCode()).isEqualTo(404);
      return;
    }
    JsonNode released = json(ok(as.get().get(detail)));
    assertThat(released.path("status").asText()).isEqualTo("PUBLISHED");
    assertThat(released.path("version").numberValue()).isEqualTo(1);
    assertThat(released.path("summary").path("observations").numberValue()).isEqualTo(2);
    assertThat(texts(released.path("summary").path("refAreas"))).containsExactly("KOR");
    assertThat(values(ok(as.get().get(detail + "/observations")))).containsExactly(10640, 12540);
  }

  private void sdmx(Supplier<RequestSpecification> as, boolean out) {
    for (String format : SDMX_FORMATS) {
      Response sdmx =
          as.get().queryParam("format", format).get("/sdmx/v2.1/data/COOP_STATS/all/" + provider);
      assertThat(sdmx.statusCode()).as(format).isEqualTo(out ? 200 : 404);
      if (out) {
        assertThat(sdmx.asString()).as(format).contains("10640", "12540");
      }
    }
    sdmx3(as, out);
    Response availability =
        as.get().get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider);
    assertThat(availability.statusCode()).isEqualTo(out ? 200 : 404);
    if (out) {
      assertThat(availability.asString()).contains("KOR", "2017");
    }
  }

  /**
   * The SDMX 3.0 paths, which cannot select a provider: the value of 2017 is the scheduled
   * dataset's own (the others' KOR data have other values), so it must be absent until the release,
   * in every format, changes (updatedAfter) and time travel (asOf) included.
   */
  private void sdmx3(Supplier<RequestSpecification> as, boolean out) {
    String kor2017 = "/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/+/KOR.COOPS?c[TIME_PERIOD]=2017";
    List<String> paths =
        List.of(
            kor2017,
            kor2017 + "&updatedAfter=" + firstRelease,
            kor2017 + "&asOf=" + clock.instant());
    for (String path : paths) {
      for (String accept : SDMX3_FORMATS) {
        Response sdmx = as.get().accept(accept).get(path);
        if (out) {
          assertThat(sdmx.statusCode()).as(accept + " " + path).isEqualTo(200);
          assertThat(sdmx.asString()).as(accept + " " + path).contains("12540");
        } else {
          assertThat(sdmx.statusCode()).as(accept + " " + path).isIn(200, 404);
          assertThat(sdmx.asString()).as(accept + " " + path).doesNotContain("12540");
        }
      }
    }
  }

  /** The read paths of the revision: the version out keeps showing until the next is released. */
  private void revision(boolean out) {
    int value = out ? 10650 : 10640;
    int other = out ? 10640 : 10650;
    assertThat(values(ok(given().queryParam("provider", revised).get(ALL_DATA))))
        .containsExactly(value);
    String csv =
        ok(given().queryParam("provider", revised).queryParam("format", "csv").get(ALL_DATA))
            .asString();
    assertThat(csv).contains(String.valueOf(value)).doesNotContain(String.valueOf(other));
    String jsonStat =
        ok(given().queryParam("provider", revised).queryParam("format", "jsonstat").get(ALL_DATA))
            .asString();
    assertThat(jsonStat).contains(String.valueOf(value)).doesNotContain(String.valueOf(other));
    JsonNode history =
        json(
            ok(
                given()
                    .queryParam("provider", revised)
                    .queryParam("includeHistory", "true")
                    .get(ALL_DATA)));
    if (out) {
      assertThat(values(history)).containsExactlyInAnyOrder(10640, 10650);
      JsonNode closed = null;
      for (JsonNode item : history.path("items")) {
        if (Integer.valueOf(10640).equals(item.path("OBS_VALUE").numberValue())) {
          closed = item;
        }
      }
      assertThat(instant(closed.path("VALID_TO").asText())).isEqualTo(releaseAt);
    } else {
      assertThat(values(history)).containsExactly(10640);
      assertThat(absent(history.path("items").path(0), "VALID_TO")).isTrue();
    }
    assertThat(
            total(
                ok(
                    given()
                        .queryParam("provider", revised)
                        .queryParam("updatedAfter", firstRelease.plusMillis(1).toString())
                        .get(ALL_DATA))))
        .isEqualTo(out ? 1 : 0);
    revisedDataset(out, value, other);
  }

  private void revisedDataset(boolean out, int value, int other) {
    String detail = "/api/v1/datasets/" + revisedDataset;
    JsonNode released = json(ok(given().get(detail)));
    assertThat(released.path("status").asText()).isEqualTo("PUBLISHED");
    assertThat(released.path("version").numberValue()).isEqualTo(out ? 2 : 1);
    assertThat(absent(released, "pendingRelease")).isTrue();
    assertThat(released.path("summary").path("observations").numberValue()).isEqualTo(1);
    assertThat(instant(released.path("releasedAt").asText()))
        .isEqualTo(out ? releaseAt : firstRelease);
    JsonNode list = json(ok(given().queryParam("provider", revised).get("/api/v1/datasets")));
    assertThat(list.path("items").path(0).path("version").numberValue()).isEqualTo(out ? 2 : 1);
    assertThat(values(ok(given().get(detail + "/observations")))).containsExactly(value);
    for (String format : SDMX_FORMATS) {
      String sdmx =
          ok(given().queryParam("format", format).get("/sdmx/v2.1/data/COOP_STATS/all/" + revised))
              .asString();
      assertThat(sdmx)
          .as(format)
          .contains(String.valueOf(value))
          .doesNotContain(String.valueOf(other));
    }
  }

  /**
   * Before the release the validators of all released data are those of before the publishing, and
   * a client holding them is told nothing changed (304); from the release on, they are dated by it,
   * and the old ones get the new data (200).
   */
  private void validators(Response before, String path, String format, boolean out) {
    Response now = withFormat(given(), format).get(path);
    if (out) {
      assertThat(now.header("ETag")).isNotEqualTo(before.header("ETag"));
      assertThat(
              ZonedDateTime.parse(now.header("Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant())
          .isEqualTo(releaseAt);
    } else {
      assertThat(now.header("ETag")).isEqualTo(before.header("ETag"));
      assertThat(now.header("Last-Modified")).isEqualTo(before.header("Last-Modified"));
    }
    int status = out ? 200 : 304;
    assertThat(
            withFormat(given(), format)
                .header("If-None-Match", before.header("ETag"))
                .get(path)
                .statusCode())
        .isEqualTo(status);
    assertThat(
            withFormat(given(), format)
                .header("If-Modified-Since", before.header("Last-Modified"))
                .get(path)
                .statusCode())
        .isEqualTo(status);
  }

  /** The answer, once it is known to be a 200. */
  private static Response ok(Response response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  private static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.asByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object total(Response page) {
    return json(page).path("total").numberValue();
  }

  /** The OBS_VALUE of every item of a page, as numbers (10640 is an Integer, as GPath read it). */
  private static List<Object> values(Response page) {
    return values(json(page));
  }

  private static List<Object> values(JsonNode page) {
    return column(page, "OBS_VALUE");
  }

  private static List<Object> column(JsonNode page, String field) {
    List<Object> column = new ArrayList<>();
    for (JsonNode item : page.path("items")) {
      JsonNode value = item.path(field);
      column.add(value.isNumber() ? value.numberValue() : value.textValue());
    }
    return column;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.textValue()));
    return texts;
  }

  /** Left out or null, as GPath's nullValue() took either. */
  private static boolean absent(JsonNode node, String field) {
    return node.path(field).isMissingNode() || node.path(field).isNull();
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
    return as(user, Api.PASSWORD);
  }

  private static Supplier<RequestSpecification> as(String user, String password) {
    return () -> given().auth().preemptive().basic(user, password);
  }

  /** Time only moves on: the clock is shared with the other tests of the profile. */
  private void moveTo(Instant moment) {
    Duration by = Duration.between(clock.instant(), moment);
    assertThat(by).isPositive();
    clock.advance(by);
  }
}
