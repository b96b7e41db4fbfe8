package org.coopstats.sdmx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdmxApiTest {

  private static final String GENERIC =
      "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";
  private static final String KEY_ALL_CANADA = "CAN.COOPS+WORKERS......";

  private String provider;

  @BeforeEach
  void publishCanadaOnce() {
    Api.actAsAdmin();
    if (provider == null) {
      provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    }
  }

  @Test
  void dataflowIsListedAsAnSdmxMl21StructureMessage() {
    given()
        .get("/sdmx/v2.1/dataflow")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/vnd.sdmx.structure+xml;version=2.1"))
        .body(hasXPath("/*[local-name()='Structure']"))
        // one dataflow per structure, each referring to the structure of its id
        .body(hasXPath("count(//*[local-name()='Dataflow'])", equalTo("4")))
        .body(
            hasXPath(
                "//*[local-name()='Dataflow'][@id='COOP_STATS']/@agencyID", equalTo("COOPSTATS")))
        .body(
            hasXPath(
                "//*[local-name()='Dataflow'][@id='COOP_STATS']/*[local-name()='Structure']/Ref/@id",
                equalTo("COOP_STATS")))
        .body(
            hasXPath(
                "//*[local-name()='Dataflow'][@id='SSE_STATS']/*[local-name()='Structure']/Ref/@id",
                equalTo("SSE_STATS")));
    given()
        .accept("application/xml")
        .get("/sdmx/v2.1/dataflow/COOPSTATS/COOP_STATS/latest")
        .then()
        .statusCode(200)
        .body(hasXPath("//*[local-name()='Dataflow']/@version", equalTo("1.0")));
    given().get("/sdmx/v2.1/dataflow/ECB/EXR").then().statusCode(404);
  }

  @Test
  void dataStructureWithItsChildrenHasDimensionsInKeyOrderAndTheCodeLists() {
    given()
        .get("/sdmx/v2.1/datastructure/COOPSTATS/COOP_STATS/1.0?references=children")
        .then()
        .statusCode(200)
        .body(
            hasXPath(
                "count(//*[local-name()='DimensionList']/*[local-name()='Dimension'])",
                equalTo("8")))
        .body(hasXPath("//*[local-name()='Dimension'][@position='1']/@id", equalTo("REF_AREA")))
        .body(hasXPath("//*[local-name()='TimeDimension']/@id", equalTo("TIME_PERIOD")))
        .body(hasXPath("//*[local-name()='PrimaryMeasure']/@id", equalTo("OBS_VALUE")))
        .body(
            hasXPath(
                "//*[local-name()='Codelist'][@id='CL_WORK_CAT']/@agencyID", equalTo("COOPSTATS")))
        .body(
            hasXPath(
                "//*[local-name()='Codelist'][@id='CL_OBS_STATUS']/@agencyID", equalTo("SDMX")))
        .body(hasXPath("//*[local-name()='ConceptScheme']/@id", equalTo("CS_COOP_STATS")));
    given()
        .get("/sdmx/v2.1/codelist/COOPSTATS/CL_WORK_CAT")
        .then()
        .statusCode(200)
        .body(
            hasXPath(
                "//*[local-name()='Code'][@id='IN_EMP']/*[local-name()='Parent']/Ref/@id",
                equalTo("IN_WORK")))
        .body(
            hasXPath(
                "//*[local-name()='Code'][@id='IN_EMP']/*[local-name()='Name'][@*[local-name()='lang']='en']",
                equalTo("Employment in cooperatives")));
  }

  @Test
  void genericDataHasTheValuesOfTheJsonApi() throws Exception {
    byte[] xml =
        given()
            .accept("application/vnd.sdmx.genericdata+xml;version=2.1")
            .get("/sdmx/v2.1/data/COOPSTATS,COOP_STATS,1.0/" + KEY_ALL_CANADA + "/" + provider)
            .then()
            .statusCode(200)
            .contentType(startsWith("application/vnd.sdmx.genericdata+xml;version=2.1"))
            .extract()
            .asByteArray();
    Map<String, BigDecimal> sdmx = new HashMap<>();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    NodeList series = document.getElementsByTagNameNS(GENERIC, "Series");
    assertThat(series.getLength()).isEqualTo(2);
    for (int s = 0; s < series.getLength(); s++) {
      Element one = (Element) series.item(s);
      NodeList keyValues =
          ((Element) one.getElementsByTagNameNS(GENERIC, "SeriesKey").item(0))
              .getElementsByTagNameNS(GENERIC, "Value");
      StringBuilder key = new StringBuilder();
      for (int v = 0; v < keyValues.getLength(); v++) {
        key.append(((Element) keyValues.item(v)).getAttribute("value")).append('.');
      }
      NodeList observations = one.getElementsByTagNameNS(GENERIC, "Obs");
      for (int o = 0; o < observations.getLength(); o++) {
        Element obs = (Element) observations.item(o);
        String period =
            ((Element) obs.getElementsByTagNameNS(GENERIC, "ObsDimension").item(0))
                .getAttribute("value");
        String value =
            ((Element) obs.getElementsByTagNameNS(GENERIC, "ObsValue").item(0))
                .getAttribute("value");
        sdmx.put(key + period, new BigDecimal(value));
      }
    }
    assertThat(sdmx).isEqualTo(jsonApiValues());
  }

  @Test
  void structureSpecificDataHasTheValuesOfTheJsonApi() throws Exception {
    byte[] xml =
        given()
            .accept("application/vnd.sdmx.structurespecificdata+xml;version=2.1")
            .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
            .then()
            .statusCode(200)
            .contentType(startsWith("application/vnd.sdmx.structurespecificdata+xml;version=2.1"))
            .extract()
            .asByteArray();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    NodeList series = document.getElementsByTagNameNS("", "Series");
    assertThat(series.getLength()).isEqualTo(2);
    Map<String, BigDecimal> sdmx = new HashMap<>();
    List<String> key =
        List.of(
            "REF_AREA",
            "MEASURE",
            "COOP_TYPE",
            "COOP_LEVEL",
            "ACTIVITY",
            "SEX",
            "MEMBER_KIND",
            "WORK_CAT");
    for (int s = 0; s < series.getLength(); s++) {
      Element one = (Element) series.item(s);
      String seriesKey = String.join(".", key.stream().map(one::getAttribute).toList());
      NodeList observations = one.getElementsByTagNameNS("", "Obs");
      for (int o = 0; o < observations.getLength(); o++) {
        Element obs = (Element) observations.item(o);
        sdmx.put(
            seriesKey + "." + obs.getAttribute("TIME_PERIOD"),
            new BigDecimal(obs.getAttribute("OBS_VALUE")));
        assertThat(obs.getAttribute("OBS_STATUS")).isEqualTo("A");
      }
    }
    assertThat(sdmx).isEqualTo(jsonApiValues());
  }

  /**
   * The header's structureID (and each data set's structureRef to it) is the data structure's id,
   * as the ECB sends it: clients such as rsdmx take it for the id of the structure to fetch.
   */
  @Test
  void dataMessagesNameTheStructureByTheDataStructureId() {
    for (String format : List.of(SdmxFormats.GENERIC_DATA, SdmxFormats.STRUCTURE_SPECIFIC_DATA)) {
      given()
          .accept(format)
          .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
          .then()
          .statusCode(200)
          .body(
              hasXPath(
                  "/*/*[local-name()='Header']/*[local-name()='Structure']/@structureID",
                  equalTo("COOP_STATS")))
          .body(
              hasXPath(
                  "/*/*[local-name()='DataSet']/@*[local-name()='structureRef']",
                  equalTo("COOP_STATS")));
    }
  }

  @Test
  void sdmxCsvHasTheValuesOfTheJsonApi() {
    String csv =
        given()
            .accept("application/vnd.sdmx.data+csv;version=1.0.0")
            .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
            .then()
            .statusCode(200)
            .contentType(startsWith("application/vnd.sdmx.data+csv;version=1.0.0"))
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "DATAFLOW,REF_AREA,MEASURE,COOP_TYPE,COOP_LEVEL,ACTIVITY,SEX,MEMBER_KIND,WORK_CAT,"
                + "TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MEASURE,UNIT_MULT,COMMENT_OBS");
    Map<String, BigDecimal> sdmx = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells[0]).isEqualTo("COOPSTATS:COOP_STATS(1.0)");
      sdmx.put(String.join(".", List.of(cells).subList(1, 10)), new BigDecimal(cells[10]));
    }
    assertThat(sdmx).isEqualTo(jsonApiValues());
    given()
        .queryParam("format", "csv")
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
        .then()
        .statusCode(200)
        .body(startsWith("DATAFLOW,"));
    given()
        .accept("text/csv")
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
        .then()
        .statusCode(200)
        .body(startsWith("DATAFLOW,"));
  }

  @Test
  void periodsFirstAndLastObservationsAndDetail() {
    String csv =
        given()
            .queryParam("format", "csv")
            .queryParam("startPeriod", "2019")
            .queryParam("lastNObservations", 1)
            .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv.lines().skip(1).map(l -> l.split(",")[9] + "=" + l.split(",")[10]))
        .containsExactly("2021=5605", "2021=100755");
    csv =
        given()
            .queryParam("format", "csv")
            .queryParam("firstNObservations", 1)
            .queryParam("endPeriod", "2020")
            .get("/sdmx/v2.1/data/COOP_STATS/CAN.COOPS....../" + provider)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv.lines().skip(1).map(l -> l.split(",")[10])).containsExactly("5846");
    given()
        .queryParam("detail", "serieskeysonly")
        .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
        .then()
        .statusCode(200)
        .body(hasXPath("count(//*[local-name()='Series'])", equalTo("2")))
        .body(not(hasXPath("//*[local-name()='Obs']")));
    given()
        .queryParam("detail", "dataonly")
        .queryParam("dimensionAtObservation", "AllDimensions")
        .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
        .then()
        .statusCode(200)
        .body(hasXPath("count(//*[local-name()='Obs'])", equalTo("6")))
        .body(not(hasXPath("//*[local-name()='Attributes']")));
  }

  @Test
  void onlyReleasedDataIsServed() {
    String drafting = Api.newProvider();
    long draft = Api.newDataset(drafting);
    Api.uploadCsv(draft, Fixtures.CANADA_SERIES);
    given()
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + drafting)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("No data"));
    String embargoed = Api.newProvider();
    long scheduled = Api.newDataset(embargoed);
    Api.uploadCsv(scheduled, Fixtures.CANADA_SERIES);
    given()
        .queryParam(
            "releaseAt",
            OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toInstant().toString())
        .post("/api/v1/datasets/" + scheduled + "/publish")
        .then()
        .statusCode(200);
    given().get("/sdmx/v2.1/data/COOP_STATS/all/" + embargoed).then().statusCode(404);
  }

  @Test
  void sdmxStatusCodesCarryAMessage() {
    given()
        .get("/sdmx/v2.1/data/COOP_STATS/CAN.COOPS")
        .then()
        .statusCode(400)
        .body("detail", containsString("8"));
    given()
        .get("/sdmx/v2.1/data/COOP_STATS/ATLANTIS.COOPS......")
        .then()
        .statusCode(404)
        .body("detail", containsString("ATLANTIS"));
    given()
        .accept("application/vnd.sdmx.data+json;version=2.0.0")
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
        .then()
        .statusCode(406)
        .contentType("application/problem+json")
        .body("detail", containsString(SdmxFormats.SDMX_JSON));
    given()
        .accept("application/vnd.sdmx.genericdata+xml;version=2.1")
        .get("/sdmx/v2.1/data/COOP_STATS/ATLANTIS.COOPS......")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .accept("application/vnd.sdmx.structurespecificdata+xml;version=2.1")
        .queryParam("dimensionAtObservation", "REF_AREA")
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
        .then()
        .statusCode(501)
        .contentType("application/problem+json");
    given()
        .get("/sdmx/v2.1/categoryscheme/all/all/latest")
        .then()
        .statusCode(501)
        .contentType("application/problem+json")
        .body("detail", containsString("not implemented"));
    given()
        .queryParam("dimensionAtObservation", "REF_AREA")
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
        .then()
        .statusCode(501);
    given().get("/sdmx/v2.1/data/OTHER_FLOW").then().statusCode(404);
  }

  /**
   * SDMX REST 1.5.0 has no version {@code *}, and no {@code all} for a dataflow reference or a
   * schema: such a path is a 400 (Bad syntax), not an answer (the official description, checked by
   * support/SdmxContractFilter, found them answered 200).
   */
  @Test
  void versionsOffTheSdmx21GrammarAreBadSyntax() {
    for (String path :
        List.of(
            "/sdmx/v2.1/dataflow/COOPSTATS/COOP_STATS/*",
            "/sdmx/v2.1/datastructure/COOPSTATS/COOP_STATS/1.0.*",
            "/sdmx/v2.1/data/COOPSTATS,COOP_STATS,all/all/" + provider,
            "/sdmx/v2.1/data/COOPSTATS,COOP_STATS,*",
            "/sdmx/v2.1/data/,COOP_STATS",
            "/sdmx/v2.1/availableconstraint/COOPSTATS,COOP_STATS,all",
            "/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS/all")) {
      given()
          .get(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString("version"));
    }
    // the grammar's own forms still answer
    given().get("/sdmx/v2.1/dataflow/COOPSTATS/COOP_STATS/all").then().statusCode(200);
    given()
        .get("/sdmx/v2.1/data/COOPSTATS,COOP_STATS,latest/all/" + provider)
        .then()
        .statusCode(200);
    given().get("/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS/latest").then().statusCode(200);
  }

  @Test
  void availableConstraintListsTheCodesThatHaveData() {
    String path = "/sdmx/v2.1/availableconstraint/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider;
    given()
        .get(path + "/all")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/vnd.sdmx.structure+xml;version=2.1"))
        .body(hasXPath("//*[local-name()='ContentConstraint']/@type", equalTo("Actual")))
        .body(
            hasXPath(
                "count(//*[local-name()='KeyValue'][@id='MEASURE']/*[local-name()='Value'])",
                equalTo("2")))
        .body(
            hasXPath(
                "//*[local-name()='KeyValue'][@id='WORK_CAT']/*[local-name()='Value'][1]",
                equalTo("IN_EMP")))
        .body(hasXPath("//*[local-name()='StartPeriod']", equalTo("2018-01-01")))
        .body(hasXPath("//*[local-name()='EndPeriod']", equalTo("2021-12-31")));
    given()
        .get(path + "/REF_AREA")
        .then()
        .statusCode(200)
        .body(hasXPath("count(//*[local-name()='KeyValue'])", equalTo("1")))
        .body(
            hasXPath(
                "//*[local-name()='KeyValue'][@id='REF_AREA']/*[local-name()='Value']",
                equalTo("CAN")));
    String drafting = Api.newProvider();
    Api.uploadCsv(Api.newDataset(drafting), Fixtures.CANADA_SERIES);
    given().get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + drafting).then().statusCode(404);
    given().queryParam("mode", "available").get(path).then().statusCode(501);
  }

  private Map<String, BigDecimal> jsonApiValues() {
    return jsonApiValues(provider);
  }

  /** The provider's values from the JSON API, by series key and period (dot-separated). */
  static Map<String, BigDecimal> jsonApiValues(String provider) {
    Map<String, BigDecimal> values =
        valuesByKey(given().queryParam("provider", provider).get("/api/v1/observations"));
    assertThat(values).hasSize(6);
    return values;
  }

  /** The values of a JSON API answer, by series key and period (dot-separated). */
  static Map<String, BigDecimal> valuesByKey(io.restassured.response.Response answer) {
    List<Map<String, Object>> items =
        answer.then().statusCode(200).extract().jsonPath().getList("items");
    Map<String, BigDecimal> values = new HashMap<>();
    for (Map<String, Object> item : items) {
      String key =
          Stream.of(
                  "REF_AREA",
                  "MEASURE",
                  "COOP_TYPE",
                  "COOP_LEVEL",
                  "ACTIVITY",
                  "SEX",
                  "MEMBER_KIND",
                  "WORK_CAT",
                  "TIME_PERIOD")
              .map(id -> item.get(id).toString())
              .collect(java.util.stream.Collectors.joining("."));
      values.put(key, new BigDecimal(item.get("OBS_VALUE").toString()));
    }
    return values;
  }
}
