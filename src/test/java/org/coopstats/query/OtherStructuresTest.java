package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CONTEXT and SSE_STATS, the structures added by migrations alone (issue #15): their datasets
 * upload, are checked, publish and are served like COOP_STATS's, through the same endpoints, and
 * each structure's values stay its own.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class OtherStructuresTest {

  private static final String CENSUS = "Statistics Canada, 2021 Census of Population";

  private static final String POPULATION =
      """
      REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS
      CAN,POP,_T,2021,36991981,A
      CAN,ENTERPRISES,_Z,2021,1234567,E
      """;

  private static final String ENTITIES =
      """
      REF_AREA,MEASURE,ENTITY_TYPE,ACTIVITY,SEX,MEMBER_KIND,WORK_CAT,TIME_PERIOD,OBS_VALUE
      FRA,ENTITIES,_T,_T,_Z,_Z,_Z,2021,1000
      FRA,ENTITIES,COOP,_T,_Z,_Z,_Z,2021,300
      FRA,ENTITIES,ASSOC,_T,_Z,_Z,_Z,2021,600
      FRA,MEMBERS,COOP,_T,_T,NP,_Z,2021,5000
      FRA,WORKERS,COOP,_T,_T,_Z,IN_EMP_WM,2021,400
      """;

  @BeforeEach
  void asAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void aContextDatasetIsServedInEveryFormatAndOnlyAsContext() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider, "CONTEXT", CENSUS);
    Api.uploadCsv(dataset, POPULATION);
    Api.publish(dataset);
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .statusCode(200)
        .body("structure", is("CONTEXT"))
        .body("source", is("Statistics Canada, 2021 Census of Population"));

    JsonPath json =
        given()
            .queryParam("structure", "CONTEXT")
            .queryParam("provider", provider)
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .body("total", is(2))
            .extract()
            .jsonPath();
    assertThat(json.getList("items.MEASURE")).containsExactly("ENTERPRISES", "POP");
    assertThat(json.getList("items.OBS_VALUE", Number.class).get(1).longValue())
        .isEqualTo(36_991_981L);
    assertThat(json.getMap("items[1]")).containsKeys("REF_AREA", "MEASURE", "SEX", "TIME_PERIOD");
    assertThat(json.getMap("items[1]")).doesNotContainKeys("COOP_TYPE", "WORK_CAT");

    String csv =
        given()
            .queryParam("structure", "CONTEXT")
            .queryParam("provider", provider)
            .queryParam("format", "csv")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo(
            "DATASET,PROVIDER,REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,"
                + "UNIT_MEASURE,UNIT_MULT,COMMENT_OBS");
    assertThat(csv).contains(",CAN,POP,_T,2021,36991981,A,F,PERSONS,0,");

    given()
        .queryParam("structure", "CONTEXT")
        .queryParam("provider", provider)
        .queryParam("format", "jsonstat")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("id", contains("REF_AREA", "MEASURE", "SEX", "TIME_PERIOD"));

    // COOP_STATS, the default, has none of it
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(0));
  }

  @Test
  void eachStructureHasItsDataflowAndSdmxData() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider, "CONTEXT", CENSUS);
    Api.uploadCsv(dataset, POPULATION);
    Api.publish(dataset);
    given()
        .get("/sdmx/v2.1/dataflow")
        .then()
        .statusCode(200)
        .body(containsString("id=\"CONTEXT\""))
        .body(containsString("id=\"SSE_STATS\""))
        .body(containsString("id=\"COOP_STATS\""));
    String sdmxCsv =
        given()
            .queryParam("format", "csv")
            .get("/sdmx/v2.1/data/COOPSTATS,CONTEXT,1.0/CAN.POP._T/" + provider)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(sdmxCsv).contains("36991981").doesNotContain("COOP_TYPE");
    given()
        .accept("application/xml")
        .get("/sdmx/v2.1/availableconstraint/CONTEXT/all/" + provider + "/MEASURE")
        .then()
        .statusCode(200)
        .body(containsString("ENTERPRISES"))
        .body(containsString("POP"));
    given()
        .get("/sdmx/v2.1/data/NO_SUCH_FLOW/all")
        .then()
        .statusCode(404)
        .body("detail", containsString("COOPSTATS,CONTEXT,1.0"));
  }

  @Test
  void contextDataIsCheckedAgainstItsOwnStructure() {
    long dataset = Api.newDataset(Api.newProvider(), "CONTEXT", CENSUS);
    given()
        .contentType("text/csv")
        .body(
            """
            REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE
            CAN,COOPS,_Z,2021,5605
            CAN,ENTERPRISES,F,2021,10
            CAN,POP,_T,2021,100
            CAN,POP,_T,2021,101
            """)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors.rule", hasItems("R01", "R03", "R04"))
        .body("errors.value", hasItem("COOPS"));
  }

  @Test
  void anSseDatasetIsCheckedStoredAndFilteredByEntityType() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider, "SSE_STATS", CENSUS);
    // R05: the types may not exceed the total of all entities
    given()
        .contentType("text/csv")
        .body(ENTITIES.replace("ASSOC,_T,_Z,_Z,_Z,2021,600", "ASSOC,_T,_Z,_Z,_Z,2021,800"))
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors.rule", hasItem("R05"));
    Api.uploadCsv(dataset, ENTITIES);
    Api.publish(dataset);
    given()
        .queryParam("structure", "SSE_STATS")
        .queryParam("provider", provider)
        .queryParam("ENTITY_TYPE", "COOP")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(3))
        .body("items.MEASURE", contains("ENTITIES", "MEMBERS", "WORKERS"));
    given()
        .queryParam("structure", "SSE_STATS")
        .queryParam("COOP_TYPE", "WORK")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("COOP_TYPE"));
  }

  @Test
  void aScheduledContextReleaseShowsNowhereBeforeItsTime() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider, "CONTEXT", CENSUS);
    Api.uploadCsv(dataset, POPULATION);
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    given()
        .queryParam("releaseAt", tomorrow.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200)
        .body("status", is("SCHEDULED"));
    Api.actAnonymously();
    given()
        .queryParam("structure", "CONTEXT")
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(0));
    given()
        .queryParam("format", "csv")
        .get("/sdmx/v2.1/data/CONTEXT/all/" + provider)
        .then()
        .statusCode(404);
    given()
        .queryParam("area", "CAN")
        .queryParam("provider", provider)
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem((int) dataset)));
  }

  @Test
  void datasetsOfEveryStructureAreFoundByArea() {
    String provider = Api.newProvider();
    long context = Api.newDataset(provider, "CONTEXT", CENSUS);
    Api.uploadCsv(context, POPULATION);
    Api.publish(context);
    long coops = Api.newDataset(provider);
    Api.uploadCsv(coops, "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,5605\n");
    Api.publish(coops);
    given()
        .queryParam("area", "CAN")
        .queryParam("provider", provider)
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("items.id", contains((int) context, (int) coops));
  }

  @Test
  void deletingAContextDraftDeletesItsValues() {
    long dataset = Api.newDataset(Api.newProvider(), "CONTEXT", CENSUS);
    Api.uploadCsv(dataset, POPULATION);
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(2));
    given().delete("/api/v1/datasets/" + dataset).then().statusCode(204);
    given().get("/api/v1/datasets/" + dataset).then().statusCode(404);
  }

  @Test
  void anUnknownStructureIsRefusedNamingTheKnownOnes() {
    given()
        .queryParam("structure", "NOPE")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("detail", containsString("CONTEXT"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", Api.newProvider(),
                "title", "Wrong",
                "sourceKind", "SURVEY",
                "periodBasis", "CALENDAR_YEAR",
                "structure", "NOPE"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(400)
        .body("detail", containsString("SSE_STATS"));
  }
}
