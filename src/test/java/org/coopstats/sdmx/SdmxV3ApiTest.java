package org.coopstats.sdmx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDMX 3.0 API (/sdmx/v3) through HTTP: structures, data and availability for the released data
 * of Norway and Uruguay (areas no other test publishes), each message checked against the official
 * SDMX-JSON 2.0 JSON Schemas or SDMX-ML 3.0 XML Schemas, and each exchange against the SDMX REST
 * 2.1.0 OpenAPI description and the service's contract (the suite's filters).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdmxV3ApiTest {

  static final String SERIES =
      """
      REF_AREA,MEASURE,WORK_CAT,TIME_PERIOD,OBS_VALUE,OBS_STATUS
      NOR,COOPS,,2018,100,A
      NOR,COOPS,,2019,110,A
      NOR,COOPS,,2020,120,E
      NOR,COOPS,,2021,130,A
      NOR,WORKERS,IN_EMP,2019,5000,A
      NOR,WORKERS,IN_EMP,2020,5100,A
      URY,COOPS,,2019,300,A
      URY,COOPS,,2020,310,A
      """;

  private static final String FLOW = "/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/+/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OffsetDateTime beforeRelease;
  private String provider;

  @BeforeEach
  void publishOnce() {
    Api.actAsAdmin();
    if (provider == null) {
      beforeRelease = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
      provider = Api.publishedProvider(SERIES);
    }
  }

  @Test
  void dataflowsComeAsSdmxJson2ByDefaultAndAsSdmxMl3() throws Exception {
    Response json = given().get("/sdmx/v3/structure/dataflow");
    json.then().statusCode(200).contentType(startsWith(SdmxV3Formats.STRUCTURE_JSON_2));
    assertThat(SdmxJsonSchemas.structureErrors2(json.asString())).isEmpty();
    JsonNode flows = JSON.readTree(json.asString()).at("/data/dataflows");
    assertThat(flows.size()).isEqualTo(4);
    Response xml =
        given()
            .accept(SdmxV3Formats.STRUCTURE_ML_3)
            .get("/sdmx/v3/structure/datastructure/COOPSTATS/COOP_STATS/1.0?references=children");
    xml.then().statusCode(200).contentType(startsWith(SdmxV3Formats.STRUCTURE_ML_3));
    SdmxMl3Schemas.assertValid(SdmxMl3Schemas.official(), xml.asByteArray());
    assertThat(xml.asString()).contains("CL_WORK_CAT", "CS_COOP_STATS", "TIME_PERIOD");
  }

  @Test
  void versionsAgenciesAndIdsTakeWildcardsAndLists() throws Exception {
    for (String version : List.of("+", "~", "*", "1.0", "1.*", "1+.0.0", "1.0,2.0")) {
      given()
          .get("/sdmx/v3/structure/dataflow/COOPSTATS/COOP_STATS/" + version)
          .then()
          .statusCode(200);
    }
    given().get("/sdmx/v3/structure/dataflow/COOPSTATS/COOP_STATS/2.*").then().statusCode(404);
    String both =
        given().get("/sdmx/v3/structure/dataflow/*/COOP_STATS,CONTEXT").then().extract().asString();
    assertThat(JSON.readTree(both).at("/data/dataflows").size()).isEqualTo(2);
    String codes =
        given()
            .get("/sdmx/v3/structure/codelist/COOPSTATS/CL_WORK_CAT/+/IN_EMP,IN_WORK")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(SdmxJsonSchemas.structureErrors2(codes)).isEmpty();
    assertThat(JSON.readTree(codes).at("/data/codelists/0/codes").size()).isEqualTo(2);
    given().get("/sdmx/v3/structure/categoryscheme").then().statusCode(501);
    given().get("/sdmx/v3/structure/dataflow?detail=referencepartial").then().statusCode(501);
  }

  @Test
  void sdmxCsv2HasTheReleasedValuesAndKeysWildcardedAndListed() {
    List<String> rows = csv(FLOW + "NOR.COOPS,URY.COOPS");
    assertThat(rows.get(0)).startsWith("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,MEASURE,");
    assertThat(values(rows)).containsExactly("100", "110", "120", "130", "300", "310");
    assertThat(rows.get(1)).startsWith("dataflow,COOPSTATS:COOP_STATS(1.0),I,NOR,COOPS,");
    assertThat(values(csv(FLOW + "*.WORKERS?c[REF_AREA]=NOR"))).containsExactly("5000", "5100");
    assertThat(values(csv(FLOW + "NOR")))
        .containsExactly("100", "110", "120", "130", "5000", "5100");
  }

  @Test
  void componentFiltersTakeEveryOperator() {
    String nor = FLOW + "NOR.COOPS";
    assertThat(values(csv(nor + "?c[TIME_PERIOD]=ge:2019+le:2020"))).containsExactly("110", "120");
    assertThat(values(csv(nor + "?c[TIME_PERIOD]=lt:2019,gt:2020"))).containsExactly("100", "130");
    assertThat(values(csv(nor + "?c[TIME_PERIOD]=ne:2019"))).containsExactly("100", "120", "130");
    assertThat(values(csv(nor + "?c[OBS_VALUE]=gt:115"))).containsExactly("120", "130");
    assertThat(values(csv(nor + "?c[OBS_STATUS]=E"))).containsExactly("120");
    assertThat(values(csv(FLOW + "*.COOPS?c[REF_AREA]=sw:UR"))).containsExactly("300", "310");
    assertThat(values(csv(FLOW + "?c[REF_AREA]=NOR,URY&c[MEASURE]=ew:OOPS&c[TIME_PERIOD]=2019")))
        .containsExactly("110", "300");
    assertThat(values(csv(FLOW + "?c[REF_AREA]=co:OR+sw:N+nc:X&c[MEASURE]=eq:WORKERS")))
        .containsExactly("5000", "5100");
    given().get(nor + "?c[TIME_PERIOD]=ge:someday").then().statusCode(400);
    given().get(nor + "?c[NO_SUCH]=1").then().statusCode(400);
    given().get(nor + "?c[REF_AREA]=ATLANTIS").then().statusCode(404);
  }

  @Test
  void observationsAreCutPagedAndShaped() {
    String nor = FLOW + "NOR.COOPS";
    assertThat(values(csv(nor + "?lastNObservations=2"))).containsExactly("120", "130");
    assertThat(values(csv(nor + "?firstNObservations=1"))).containsExactly("100");
    assertThat(values(csv(nor + "?offset=1&limit=2"))).containsExactly("110", "120");
    List<String> keys = csv(FLOW + "NOR?measures=none");
    assertThat(keys.get(0)).doesNotContain("OBS_VALUE", "TIME_PERIOD");
    assertThat(keys).hasSize(3); // the header and two series
    assertThat(csv(FLOW + "NOR?measures=none&limit=1")).hasSize(2);
    assertThat(csv(nor + "?attributes=none").get(0)).doesNotContain("OBS_STATUS");
    assertThat(csv(nor + "?attributes=OBS_STATUS").get(0)).endsWith("OBS_VALUE,OBS_STATUS");
    given().get(nor + "?sort=TIME_PERIOD:desc").then().statusCode(501);
    given().get(nor + "?includeHistory=true").then().statusCode(501);
    given()
        .get(nor + "?startPeriod=2019")
        .then()
        .statusCode(400)
        .body("detail", containsString("c[TIME_PERIOD]"));
  }

  @Test
  void asOfReadsTheDataAsReleasedThen() {
    given().get(FLOW + "NOR.COOPS?asOf=" + beforeRelease.minusDays(1)).then().statusCode(404);
    assertThat(values(csv(FLOW + "NOR.COOPS?asOf=" + OffsetDateTime.now(ZoneOffset.UTC))))
        .hasSize(4);
    given()
        .get(FLOW + "NOR.COOPS?asOf=" + OffsetDateTime.now(ZoneOffset.UTC).plusDays(1))
        .then()
        .statusCode(400);
  }

  @Test
  void sdmxJson2AndSdmxMl3CarryTheSameObservations() throws Exception {
    Response json = given().accept(SdmxV3Formats.SDMX_JSON_2).get(FLOW + "NOR.COOPS");
    json.then().statusCode(200).contentType(startsWith(SdmxV3Formats.SDMX_JSON_2));
    assertThat(SdmxJsonSchemas.dataErrors2(json.asString())).isEmpty();
    assertThat(json.asString()).contains("130");
    Response xml = given().accept("application/xml").get(FLOW + "NOR.COOPS");
    xml.then().statusCode(200).contentType(startsWith(SdmxV3Formats.SDMX_ML_3));
    byte[] schema =
        given()
            .get("/sdmx/v3/schema/dataflow/COOPSTATS/COOP_STATS/1.0")
            .then()
            .statusCode(200)
            .contentType(startsWith(SdmxV3Formats.SCHEMA_ML_3))
            .extract()
            .asByteArray();
    SdmxMl3Schemas.assertValid(SdmxMl3Schemas.withSpecific(schema), xml.asByteArray());
    assertThat(xml.asString()).contains("OBS_VALUE=\"130\"");
  }

  @Test
  void availabilityGivesTheCodesWithDataExactlyOrStillAvailable() throws Exception {
    String exact =
        given()
            .get("/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/NOR.COOPS")
            .then()
            .statusCode(200)
            .contentType(startsWith(SdmxV3Formats.STRUCTURE_JSON_2))
            .extract()
            .asString();
    assertThat(SdmxJsonSchemas.structureErrors2(exact)).isEmpty();
    assertThat(keyValues(exact, "MEASURE")).containsExactly("COOPS");
    String available =
        given()
            .get("/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/NOR.COOPS/*?mode=available")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(keyValues(available, "MEASURE")).containsExactly("COOPS", "WORKERS");
    Response xml =
        given()
            .accept(SdmxV3Formats.STRUCTURE_ML_3)
            .get(
                "/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/*.COOPS/REF_AREA"
                    + "?c[REF_AREA]=NOR,URY&references=all");
    xml.then().statusCode(200);
    SdmxMl3Schemas.assertValid(SdmxMl3Schemas.official(), xml.asByteArray());
    assertThat(xml.asString()).contains(">NOR<", ">URY<", "DataStructure");
  }

  @Test
  void sdmxCsv2DownloadedUploadsAsTheSameValues() {
    String download =
        given()
            .accept("text/csv")
            .get(FLOW + "URY.COOPS")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String other = Api.newProvider();
    long dataset = Api.newDataset(other);
    Api.uploadCsv(dataset, download);
    String draft =
        given()
            .get("/api/v1/datasets/" + dataset + "/observations?format=csv&view=draft")
            .then()
            .extract()
            .asString();
    assertThat(draft).contains("300", "310");
  }

  @Test
  void errorsAreProblemsWithTheStatusSdmxSays() {
    given()
        .get(FLOW + "NOR.COOPS.A.B.C.D.E.F.G")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("positions"));
    given().get("/sdmx/v3/data/dataflow/ECB/EXR").then().statusCode(404);
    given().get("/sdmx/v3/data").then().statusCode(501).body("detail", containsString("dataflows"));
    given().accept("image/png").get(FLOW + "NOR.COOPS").then().statusCode(406);
    given().get("/sdmx/v3/metadata/structure/metadataflow").then().statusCode(501);
    given().get("/sdmx/v3/data/provisionagreement/COOPSTATS/PA").then().statusCode(501);
  }

  @Test
  void onlyReleasedDataIsServedOnEveryV3Path() {
    String embargoed = Api.newProvider();
    long scheduled = Api.newDataset(embargoed);
    Api.uploadCsv(scheduled, "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nLUX,COOPS,2020,70\n");
    given()
        .queryParam(
            "releaseAt",
            OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toInstant().toString())
        .post("/api/v1/datasets/" + scheduled + "/publish")
        .then()
        .statusCode(200);
    for (String accept : List.of("text/csv", SdmxV3Formats.SDMX_JSON_2, SdmxV3Formats.SDMX_ML_3)) {
      given().accept(accept).get(FLOW + "LUX").then().statusCode(404);
    }
    given().get(FLOW + "LUX?updatedAfter=" + beforeRelease).then().statusCode(404);
    given().get("/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/LUX").then().statusCode(404);
    given()
        .get("/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/*/REF_AREA?mode=available")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.not(containsString("LUX")));
  }

  /**
   * Every dataflow answers in every format, each message valid against the official schemas: the
   * reference figures (CONTEXT), the social and solidarity economy (SSE_STATS), and the indicators
   * computed from released data (COOP_INDICATORS: Norway's cooperatives per population).
   */
  @Test
  void everyDataflowAnswersInEveryFormat() throws Exception {
    long context = Api.newDataset(provider, "CONTEXT", "Norwegian census");
    Api.uploadCsv(context, "REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE\nNOR,POP,_T,2021,5400000\n");
    Api.publish(context);
    long sse = Api.newDataset(provider, "SSE_STATS", "Norwegian register");
    Api.uploadCsv(
        sse,
        "REF_AREA,MEASURE,ENTITY_TYPE,ACTIVITY,SEX,MEMBER_KIND,WORK_CAT,TIME_PERIOD,OBS_VALUE\n"
            + "NOR,ENTITIES,_T,_T,_Z,_Z,_Z,2021,900\nNOR,ENTITIES,COOP,_T,_Z,_Z,_Z,2021,130\n");
    Api.publish(sse);
    for (String flow : List.of("COOP_STATS", "CONTEXT", "SSE_STATS", "COOP_INDICATORS")) {
      String data = "/sdmx/v3/data/dataflow/COOPSTATS/" + flow + "/+?c[REF_AREA]=NOR";
      Response json = given().accept(SdmxV3Formats.SDMX_JSON_2).get(data);
      assertThat(json.statusCode()).as(flow).isEqualTo(200);
      assertThat(SdmxJsonSchemas.dataErrors2(json.asString())).as(flow).isEmpty();
      assertThat(csv(data).size()).as(flow).isGreaterThan(1);
      byte[] schema =
          given()
              .get("/sdmx/v3/schema/dataflow/COOPSTATS/" + flow)
              .then()
              .statusCode(200)
              .extract()
              .asByteArray();
      Response xml = given().accept(SdmxV3Formats.SDMX_ML_3).get(data);
      assertThat(xml.statusCode()).as(flow).isEqualTo(200);
      SdmxMl3Schemas.assertValid(SdmxMl3Schemas.withSpecific(schema), xml.asByteArray());
      Response structure =
          given().get("/sdmx/v3/structure/dataflow/COOPSTATS/" + flow + "?references=all");
      assertThat(SdmxJsonSchemas.structureErrors2(structure.asString())).as(flow).isEmpty();
      int availability =
          given().get("/sdmx/v3/availability/dataflow/COOPSTATS/" + flow + "/+/NOR").statusCode();
      assertThat(availability).as(flow).isEqualTo(flow.equals("COOP_INDICATORS") ? 501 : 200);
    }
  }

  /** Every /sdmx/v3 URL the README shows answers, for this test's country instead of Canada. */
  @Test
  void theReadmesUrlsWork() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    java.util.regex.Matcher url =
        java.util.regex.Pattern.compile("<http://localhost:8080(/sdmx/v3/[^>]+)>").matcher(readme);
    int checked = 0;
    while (url.find()) {
      String path = url.group(1).replace("CAN", "NOR").replace("FRA", "URY");
      assertThat(given().get(path).statusCode()).as(path).isEqualTo(200);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  private static List<String> csv(String path) {
    String body = given().accept("text/csv").get(path).then().statusCode(200).extract().asString();
    return Arrays.asList(body.strip().split("\r?\n"));
  }

  /** The OBS_VALUE column of an SDMX-CSV 2.0 message. */
  private static List<String> values(List<String> rows) {
    int column = Arrays.asList(rows.get(0).split(",")).indexOf("OBS_VALUE");
    List<String> values = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      values.add(row.split(",", -1)[column]);
    }
    return values;
  }

  private static List<String> keyValues(String message, String dimension) throws Exception {
    List<String> codes = new ArrayList<>();
    for (JsonNode keyValue :
        JSON.readTree(message).at("/data/dataConstraints/0/cubeRegions/0/keyValues")) {
      if (keyValue.get("id").asText().equals(dimension)) {
        keyValue
            .get("values")
            .forEach(v -> codes.add(v.isTextual() ? v.asText() : v.get("value").asText()));
      }
    }
    return codes;
  }
}
