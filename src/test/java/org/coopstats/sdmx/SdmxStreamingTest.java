package org.coopstats.sdmx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.xml.XmlPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.validation.Schema;
import org.coopstats.security.Role;
import org.coopstats.support.Api;
import org.coopstats.support.Jobs;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SDMX data messages stream from one cursor (no batches, no cap): a large export comes whole and
 * valid in every format; availability comes from the distinct codes, for all/all/all too; and
 * neither shows a scheduled release before its second.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(TestClockProfile.class)
class SdmxStreamingTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  /** More rows than one batch of the old reader, and many fetches of the cursor. */
  private static final int ROWS = 25_000;

  private static final List<String> FORMATS =
      List.of("genericdata", "structurespecificdata", "jsondata", "csv");

  @Inject MutableClock clock;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void aLargeExportStreamsWholeAndValidInEveryFormat() throws Exception {
    Api.actAsAdmin();
    String provider = Api.publishedProvider(Jobs.rows(ROWS, 7));
    Api.actAnonymously();
    String path = "/sdmx/v2.1/data/COOP_STATS/all/" + provider;

    String csv =
        given().queryParam("format", "csv").get(path).then().statusCode(200).extract().asString();
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(ROWS + 1);
    assertThat(new HashSet<>(lines)).hasSize(ROWS + 1);

    byte[] generic =
        given()
            .queryParam("format", "genericdata")
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Schema official =
        SdmxSchemaValidationTest.schemaFactory()
            .newSchema(SdmxSchemaValidationTest.officialSource("SDMXMessage.xsd"));
    assertThat(SdmxSchemaValidationTest.errors(official, generic)).isEmpty();
    String genericText = new String(generic, StandardCharsets.UTF_8);
    assertThat(count(genericText, "<generic:Obs>")).isEqualTo(ROWS);
    // Jobs.rows: an area's series holds 12 months × 200 years; 25,000 rows fill 10 and a part
    assertThat(count(genericText, "<generic:Series>")).isEqualTo(11);

    String specific =
        given()
            .queryParam("format", "structurespecificdata")
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(count(specific, "<Obs ")).isEqualTo(ROWS);
    assertThat(specific).endsWith("</message:StructureSpecificData>");

    Map<String, Object> json =
        given()
            .queryParam("format", "jsondata")
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("data.dataSets[0].series");
    int observations = 0;
    for (Object series : json.values()) {
      observations += ((Map<?, ?>) ((Map<?, ?>) series).get("observations")).size();
    }
    assertThat(observations).isEqualTo(ROWS);

    // the last 2 of the series of one area: cut on the fly, as the series is read
    String lastTwo =
        given()
            .queryParam("format", "csv")
            .queryParam("lastNObservations", 2)
            .get("/sdmx/v2.1/data/COOP_STATS/CAN......./" + provider)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> kept = lastTwo.lines().skip(1).toList();
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0)).contains(",2099-11,");
    assertThat(kept.get(1)).contains(",2099-12,");
  }

  @Test
  void noMatchIsStillA404ProblemBeforeAnyByte() {
    for (String format : FORMATS) {
      given()
          .queryParam("format", format)
          .queryParam("startPeriod", "1700")
          .queryParam("endPeriod", "1701")
          .get("/sdmx/v2.1/data/COOP_STATS")
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("status", is(404));
    }
  }

  @Test
  void availabilityOfAllListsTheCodesOfTheWholeExport() {
    Api.actAsAdmin();
    Api.publishedProvider(HEADER + "NZL,COOPS,2015,1\nNZL,WORKERS,2016,2\n");
    Api.actAnonymously();
    String csv =
        given()
            .queryParam("format", "csv")
            .get("/sdmx/v2.1/data/COOP_STATS")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
    XmlPath availability =
        given()
            .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/vnd.sdmx.structure+xml;version=2.1"))
            .extract()
            .xmlPath();
    for (String dimension :
        List.of("REF_AREA", "MEASURE", "COOP_TYPE", "COOP_LEVEL", "ACTIVITY", "SEX")) {
      int column = header.indexOf(dimension);
      Set<String> exported = new LinkedHashSet<>();
      csv.lines().skip(1).forEach(l -> exported.add(l.split(",", -1)[column]));
      List<String> available =
          availability.getList(
              "**.findAll { it.name() == 'KeyValue' && it.@id == '" + dimension + "' }.Value");
      assertThat(available).as(dimension).containsExactlyInAnyOrderElementsOf(exported);
    }
    assertThat(availability.getString("**.find { it.name() == 'StartPeriod' }")).isNotEmpty();
  }

  @Test
  void aScheduledReleaseIsInNoExportOrAvailabilityBeforeItsSecond() {
    String provider = Api.newProvider();
    String publisher = Api.newUser(provider, Role.PUBLISHER);
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "ISL,COOPS,2016,73519\nISL,COOPS,2017,73527\n");
    Instant releaseAt = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    given()
        .auth()
        .preemptive()
        .basic(publisher, Api.PASSWORD)
        .queryParam("releaseAt", releaseAt.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200)
        .body("status", is("SCHEDULED"));

    moveTo(releaseAt.minusMillis(1));
    for (String format : FORMATS) {
      String all =
          given()
              .queryParam("format", format)
              .get("/sdmx/v2.1/data/COOP_STATS")
              .then()
              .extract()
              .asString();
      assertThat(all).as(format).doesNotContain("ISL").doesNotContain("73519");
      given()
          .queryParam("format", format)
          .get("/sdmx/v2.1/data/COOP_STATS/ISL......./" + provider)
          .then()
          .statusCode(404);
    }
    String everything =
        given()
            .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all")
            .then()
            .extract()
            .asString();
    assertThat(everything).doesNotContain("ISL");
    given().get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider).then().statusCode(404);

    moveTo(releaseAt);
    for (String format : FORMATS) {
      given()
          .queryParam("format", format)
          .get("/sdmx/v2.1/data/COOP_STATS/ISL......./" + provider)
          .then()
          .statusCode(200)
          .body(containsString("ISL"));
    }
    given()
        .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all")
        .then()
        .statusCode(200)
        .body(containsString("ISL"));
    given()
        .get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider + "/REF_AREA")
        .then()
        .statusCode(200)
        .body(containsString("ISL"));
  }

  private void moveTo(Instant moment) {
    Duration by = Duration.between(clock.instant(), moment);
    assertThat(by).isPositive();
    clock.advance(by);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
