package org.coopstats.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Indicators on real figures: Statistics Canada's non-financial cooperatives and their employment
 * (domain file, section 9) and the 2021 Census population, each value with its numerator,
 * denominator and origin.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorApiTest {

  private static final String CENSUS = "Statistics Canada, 2021 Census of Population";

  private String coops;
  private long coopsDataset;
  private String census;
  private long censusDataset;

  @BeforeEach
  void publishOnce() {
    Api.actAsAdmin();
    if (coops != null) {
      return;
    }
    coops = Api.newProvider();
    coopsDataset = Api.newDataset(coops);
    Api.uploadCsv(coopsDataset, Fixtures.CANADA_SERIES);
    Api.publish(coopsDataset);
    census = Api.newProvider();
    censusDataset = Api.newDataset(census, "CONTEXT", CENSUS);
    Api.uploadCsv(
        censusDataset, "REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE\nCAN,POP,_T,2021,36991981\n");
    Api.publish(censusDataset);
  }

  @Test
  void theDefinitionsListEveryIndicatorWithTheFullKeyOfItsInputs() {
    JsonPath list =
        given()
            .queryParam("limit", 1000)
            .get("/api/v1/indicators")
            .then()
            .statusCode(200)
            .body("total", is(17))
            .body(
                "items.id",
                hasItems(
                    "MEMBERS_PER_COOP",
                    "WORKERS_PER_COOP",
                    "WOMEN_SHARE_MEMBERS",
                    "WOMEN_SHARE_WORKERS",
                    "WORKER_MEMBERS_SHARE",
                    "ACTIVE_SHARE",
                    "COOPS_CHANGE",
                    "WORKERS_CHANGE",
                    "EQUITY_RATIO",
                    "SURPLUS_MARGIN",
                    "EMP_PER_100_EMPLOYED",
                    "COOPS_PER_100K",
                    "VALUE_ADDED_PCT_GDP"))
            .extract()
            .jsonPath();
    assertThat(list.getMap("items.find { it.id == 'WOMEN_SHARE_MEMBERS' }.numerator.key"))
        .containsEntry("MEMBER_KIND", "NP")
        .containsEntry("SEX", "F")
        .containsEntry("COOP_LEVEL", "PRIM")
        .containsEntry("WORK_CAT", "_Z");
    given()
        .queryParam("lang", "fr")
        .get("/api/v1/indicators/COOPS_PER_100K")
        .then()
        .statusCode(200)
        .body("name", is("Coopératives pour 100 000 habitants"))
        .body("denominator.structure", is("CONTEXT"))
        .body("denominator.key", is(Map.of("MEASURE", "POP", "SEX", "_T")));
  }

  @Test
  void cooperativesPer100000InhabitantsOfCanadaIn2021() {
    JsonPath value =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("provider", coops)
            .queryParam("denominatorProvider", census)
            .get("/api/v1/indicators/COOPS_PER_100K/values")
            .then()
            .statusCode(200)
            .body("total", is(3))
            .extract()
            .jsonPath();
    // 5,605 / 36,991,981 x 100,000 = 15.15
    assertThat(value.getString("items[2].TIME_PERIOD")).isEqualTo("2021");
    assertThat(value.getDouble("items[2].OBS_VALUE")).isEqualTo(15.2);
    assertThat(value.getString("items[2].UNIT_MEASURE")).isEqualTo("PER_100000_INHABITANTS");
    assertThat(value.getInt("items[2].numerator.OBS_VALUE")).isEqualTo(5605);
    assertThat(value.getLong("items[2].numerator.dataset")).isEqualTo(coopsDataset);
    assertThat(value.getInt("items[2].numerator.version")).isEqualTo(1);
    assertThat(value.getString("items[2].numerator.releasedAt")).isNotBlank();
    assertThat(value.getInt("items[2].denominator.OBS_VALUE")).isEqualTo(36991981);
    assertThat(value.getString("items[2].denominator.provider")).isEqualTo(census);
    // no population for 2018 and 2020: no value, and why
    assertThat(value.getString("items[0].problem")).contains("no POP is published for CAN 2018");
  }

  /** format=jsonstat, read back with Statistics Norway's JSON-stat reader (json-stat-java). */
  @Test
  void anIndependentJsonStatReaderSeesTheValues() throws Exception {
    String body =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("provider", coops)
            .queryParam("format", "jsonstat")
            .get("/api/v1/indicators/WORKERS_PER_COOP/values")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    no.ssb.jsonstat.v2.Dataset dataset =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.guava.GuavaModule())
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(new no.ssb.jsonstat.JsonStatModule())
            .readValue(body, no.ssb.jsonstat.v2.DatasetBuildable.class)
            .build();
    assertThat(dataset.getId()).containsExactly("INDICATOR", "REF_AREA", "TIME_PERIOD");
    Map<java.util.List<String>, Number> values = dataset.asMap();
    assertThat(values.get(java.util.List.of("WORKERS_PER_COOP", "CAN", "2021")).doubleValue())
        .isEqualTo(18.0);
    assertThat(values.get(java.util.List.of("WORKERS_PER_COOP", "CAN", "2018")).doubleValue())
        .isEqualTo(17.7); // 103,470 / 5,846
    given()
        .queryParam("format", "xml")
        .get("/api/v1/indicators/WORKERS_PER_COOP/values")
        .then()
        .statusCode(400);
  }

  @Test
  void workersPerCooperativeAndTheYearOnYearChange() {
    JsonPath perCoop =
        given()
            .queryParam("provider", coops)
            .queryParam("startPeriod", "2021")
            .get("/api/v1/indicators/WORKERS_PER_COOP/values")
            .then()
            .statusCode(200)
            .body("total", is(1))
            .extract()
            .jsonPath();
    assertThat(perCoop.getDouble("items[0].OBS_VALUE")).isEqualTo(18.0); // 100,755 / 5,605
    assertThat(perCoop.getInt("items[0].numerator.OBS_VALUE")).isEqualTo(100755);
    JsonPath change =
        given()
            .queryParam("provider", coops)
            .queryParam("startPeriod", "2021")
            .get("/api/v1/indicators/COOPS_CHANGE/values")
            .then()
            .statusCode(200)
            .body("total", is(1))
            .extract()
            .jsonPath();
    assertThat(change.getDouble("items[0].OBS_VALUE")).isEqualTo(1.3); // 5,605 / 5,531 - 1
    assertThat(change.getString("items[0].denominator.TIME_PERIOD")).isEqualTo("2020");
  }

  /**
   * Every shipped indicator computes, from one dataset holding each input once (Canada's counts of
   * 2020-2021 with made-up members, work and money figures) and CONTEXT figures (the 2021 Census
   * population; made-up employment and GDP): the value, its rounding and its sign.
   */
  @Test
  void everyShippedIndicatorComputes() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(
        dataset,
        """
        REF_AREA,MEASURE,COOP_LEVEL,SEX,MEMBER_KIND,WORK_CAT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT
        CAN,COOPS,,,,,2020,5531,,
        CAN,COOPS,,,,,2021,5605,,
        CAN,COOPS,PRIM,,,,2021,5500,,
        CAN,COOPS_REG,,,,,2020,7900,,
        CAN,COOPS_REG,,,,,2021,8000,,
        CAN,COOPS_NEW,,,,,2020,100,,
        CAN,COOPS_NEW,,,,,2021,120,,
        CAN,COOPS_CLOSED,,,,,2020,50,,
        CAN,COOPS_CLOSED,,,,,2021,46,,
        CAN,MEMBERS,PRIM,,,,2020,880000,,
        CAN,MEMBERS,PRIM,,,,2021,900000,,
        CAN,MEMBERS,PRIM,_T,NP,,2021,850000,,
        CAN,MEMBERS,PRIM,F,NP,,2021,400000,,
        CAN,WORKERS,,,,IN_EMP,2020,101230,,
        CAN,WORKERS,,,,IN_EMP,2021,100755,,
        CAN,WORKERS,,F,,IN_EMP,2021,45000,,
        CAN,WORKERS,,,,IN_EMP_WM,2021,20000,,
        CAN,EQUITY,,,,,2021,400,CAD,6
        CAN,ASSETS,,,,,2021,1000,CAD,6
        CAN,SURPLUS,,,,,2021,50,CAD,6
        CAN,TURNOVER,,,,,2021,2000,CAD,6
        CAN,VALUE_ADDED,,,,,2021,600,CAD,6
        """);
    Api.publish(dataset);
    String context = Api.newProvider();
    long figures = Api.newDataset(context, "CONTEXT", CENSUS);
    Api.uploadCsv(
        figures,
        """
        REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT
        CAN,POP,_T,2021,36991981,,
        CAN,EMP,_T,2021,18000000,,
        CAN,GDP,_Z,2021,2500,CAD,9
        """);
    Api.publish(figures);
    Map<String, Double> expected =
        Map.ofEntries(
            Map.entry("MEMBERS_PER_COOP", 163.6), // 900,000 / 5,500
            Map.entry("WORKERS_PER_COOP", 18.0), // 100,755 / 5,605
            Map.entry("WOMEN_SHARE_MEMBERS", 47.1), // 400,000 / 850,000
            Map.entry("WOMEN_SHARE_WORKERS", 44.7), // 45,000 / 100,755
            Map.entry("WORKER_MEMBERS_SHARE", 19.9), // 20,000 / 100,755
            Map.entry("ACTIVE_SHARE", 70.1), // 5,605 / 8,000
            Map.entry("COOPS_CHANGE", 1.3), // 5,605 / 5,531 - 1
            Map.entry("COOPS_REG_CHANGE", 1.3), // 8,000 / 7,900 - 1
            Map.entry("COOPS_NEW_CHANGE", 20.0), // 120 / 100 - 1
            Map.entry("COOPS_CLOSED_CHANGE", -8.0), // 46 / 50 - 1
            Map.entry("MEMBERS_CHANGE", 2.3), // 900,000 / 880,000 - 1
            Map.entry("WORKERS_CHANGE", -0.5), // 100,755 / 101,230 - 1
            Map.entry("EQUITY_RATIO", 40.0), // 400 / 1,000 (millions of CAD)
            Map.entry("SURPLUS_MARGIN", 2.5), // 50 / 2,000
            Map.entry("EMP_PER_100_EMPLOYED", 0.56), // 100,755 / 18,000,000
            Map.entry("COOPS_PER_100K", 15.2), // 5,605 / 36,991,981 x 100,000
            Map.entry("VALUE_ADDED_PCT_GDP", 0.02)); // 600 million / 2,500 billion CAD
    for (Map.Entry<String, Double> indicator : expected.entrySet()) {
      JsonPath values =
          given()
              .queryParam("REF_AREA", "CAN")
              .queryParam("startPeriod", "2021")
              .queryParam("provider", provider)
              .queryParam("denominatorProvider", provider + "," + context)
              .get("/api/v1/indicators/" + indicator.getKey() + "/values")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(values.getInt("total")).as(indicator.getKey()).isEqualTo(1);
      assertThat(values.getString("items[0].problem")).as(indicator.getKey()).isNull();
      assertThat(values.getDouble("items[0].OBS_VALUE"))
          .as(indicator.getKey())
          .isEqualTo(indicator.getValue());
    }
    given()
        .queryParam("limit", 1000)
        .get("/api/v1/indicators")
        .then()
        .body("total", is(expected.size()));
  }

  /** The indicators as an SDMX dataflow of their own, derived: read, never written or queried. */
  @Test
  void theIndicatorsAreAnSdmxDataflow() {
    String csv =
        given()
            .queryParam("format", "csv")
            .queryParam("startPeriod", "2021")
            .get("/sdmx/v2.1/data/COOP_INDICATORS/WORKERS_PER_COOP+COOPS_PER_100K.CAN/" + coops)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv)
        .contains("WORKERS_PER_COOP,CAN,2021,18.0,A,F,PERSONS_PER_COOP,0,")
        .contains("WORKERS 2021: 100755 PERSONS (dataset " + coopsDataset + ", version 1)")
        .contains("COOPS_PER_100K,CAN,2021,15.2");
    given().get("/sdmx/v2.1/availableconstraint/COOP_INDICATORS").then().statusCode(501);
    given()
        .queryParam("structure", "COOP_INDICATORS")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("/api/v1/indicators"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", coops,
                "title", "Derived",
                "sourceKind", "ESTIMATE",
                "periodBasis", "CALENDAR_YEAR",
                "structure", "COOP_INDICATORS"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(400);
  }

  @Test
  void aScheduledInputDoesNotShowThrough() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(
        dataset,
        "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,5605\nCAN,COOPS_REG,2021,8000\n");
    Api.publish(dataset);
    // a revision of the registered count, released tomorrow
    Api.uploadCsv(dataset, "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS_REG,2021,7000\n");
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    given()
        .queryParam("releaseAt", tomorrow.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200);
    Api.actAnonymously();
    // 5,605 / 8,000, not 5,605 / 7,000
    given()
        .queryParam("provider", provider)
        .get("/api/v1/indicators/ACTIVE_SHARE/values")
        .then()
        .statusCode(200)
        .body("items[0].OBS_VALUE", is(70.1f))
        .body("items[0].denominator.OBS_VALUE", is(8000))
        .body("items[0].denominator.version", is(1));
    // and a provider whose figures come out only tomorrow has no value yet
    Api.actAsAdmin();
    String later = Api.newProvider();
    long scheduled = Api.newDataset(later);
    Api.uploadCsv(scheduled, "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,1\n");
    given()
        .queryParam("releaseAt", tomorrow.toString())
        .post("/api/v1/datasets/" + scheduled + "/publish")
        .then()
        .statusCode(200);
    Api.actAnonymously();
    given()
        .queryParam("provider", later)
        .get("/api/v1/indicators/COOPS_PER_100K/values")
        .then()
        .statusCode(200)
        .body("total", is(0));
  }

  @Test
  void anAnswerRevalidatesAndErrorsAreProblems() {
    String etag =
        given()
            .queryParam("provider", coops)
            .get("/api/v1/indicators/ACTIVE_SHARE/values")
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    assertThat(etag).isNotBlank();
    // released data only: kept per release, and answered from the cache the second time
    Api.actAnonymously();
    String url = "/api/v1/indicators/ACTIVE_SHARE/values?provider=" + coops;
    given().get(url).then().statusCode(200);
    given().get(url).then().statusCode(200).header("X-Cache", is("hit"));
    Api.actAsAdmin();
    given()
        .header("If-None-Match", etag)
        .queryParam("provider", coops)
        .get("/api/v1/indicators/ACTIVE_SHARE/values")
        .then()
        .statusCode(304);
    given()
        .get("/api/v1/indicators/NO_SUCH/values")
        .then()
        .statusCode(404)
        .contentType(containsString("application/problem+json"));
    given()
        .queryParam("startPeriod", "2021-13")
        .get("/api/v1/indicators/ACTIVE_SHARE/values")
        .then()
        .statusCode(400)
        .body("detail", containsString("startPeriod"));
    given()
        .queryParam("REF_AREA", "XXX")
        .get("/api/v1/indicators/ACTIVE_SHARE/values")
        .then()
        .statusCode(400)
        .body("detail", containsString("XXX"));
    given().queryParam("lang", "de").get("/api/v1/indicators").then().statusCode(400);
  }
}
