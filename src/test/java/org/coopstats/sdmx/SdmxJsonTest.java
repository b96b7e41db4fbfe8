package org.coopstats.sdmx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SDMX-JSON 1.0 data messages, and the ETag and Last-Modified of SDMX data. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdmxJsonTest {

  private static final String JSON = "application/vnd.sdmx.data+json;version=1.0.0";
  private static final String KEY_ALL_CANADA = "CAN.COOPS+WORKERS......";
  private static final List<String> KEY_ORDER =
      List.of(
          "REF_AREA",
          "MEASURE",
          "COOP_TYPE",
          "COOP_LEVEL",
          "ACTIVITY",
          "SEX",
          "MEMBER_KIND",
          "WORK_CAT");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private String provider;

  @BeforeEach
  void publishCanadaOnce() {
    Api.actAsAdmin();
    if (provider == null) {
      provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    }
  }

  @Test
  void seriesHaveTheValuesOfTheJsonApiAndTheirKeysResolveToTheCodes() throws Exception {
    JsonNode message =
        json(
            given()
                .accept(JSON)
                .get("/sdmx/v2.1/data/COOPSTATS,COOP_STATS,1.0/" + KEY_ALL_CANADA + "/" + provider)
                .then()
                .statusCode(200)
                .contentType(startsWith(JSON))
                .extract()
                .asByteArray());

    JsonNode header = message.get("meta");
    assertThat(header.get("id").asText()).matches("[A-Za-z0-9_@$-]+");
    assertThat(header.get("test").asBoolean()).isFalse();
    assertThat(OffsetDateTime.parse(header.get("prepared").asText())).isNotNull();
    assertThat(header.at("/sender/id").asText()).isEqualTo("COOPSTATS");

    JsonNode structure = message.at("/data/structure");
    assertThat(structure.get("name").asText()).isEqualTo("Statistics of cooperatives");
    assertThat(structure.findValuesAsText("rel")).containsExactly("dataflow", "datastructure");
    assertThat(structure.at("/links/0/href").asText())
        .endsWith("/sdmx/v2.1/dataflow/COOPSTATS/COOP_STATS/1.0");
    JsonNode series = structure.at("/dimensions/series");
    assertThat(ids(series)).isEqualTo(KEY_ORDER);
    for (int i = 0; i < series.size(); i++) {
      assertThat(series.get(i).get("keyPosition").asInt()).isEqualTo(i);
    }
    // only the codes that occur in the message
    assertThat(ids(values(series, "REF_AREA"))).containsExactly("CAN");
    assertThat(values(series, "REF_AREA").at("/0/name").asText()).isEqualTo("Canada");
    assertThat(ids(values(series, "MEASURE"))).containsExactlyInAnyOrder("COOPS", "WORKERS");
    assertThat(ids(values(series, "WORK_CAT"))).containsExactly("IN_EMP", "_Z");
    assertThat(ids(values(series, "SEX"))).containsExactly("_T", "_Z");
    JsonNode time = structure.at("/dimensions/observation");
    assertThat(ids(time)).containsExactly("TIME_PERIOD");
    assertThat(time.at("/0/keyPosition").asInt()).isEqualTo(8);
    assertThat(ids(time.at("/0/values"))).containsExactly("2018", "2020", "2021");
    assertThat(time.at("/0/values/0/start").asText()).isEqualTo("2018-01-01T00:00:00Z");
    assertThat(time.at("/0/values/0/end").asText()).isEqualTo("2018-12-31T23:59:59Z");
    JsonNode attributes = structure.at("/attributes/observation");
    assertThat(ids(attributes)).startsWith("OBS_STATUS", "CONF_STATUS", "UNIT_MEASURE");
    assertThat(ids(values(attributes, "OBS_STATUS"))).containsExactly("A");
    assertThat(ids(values(attributes, "UNIT_MEASURE"))).containsExactly("NUMBER", "PERSONS");

    assertThat(message.at("/data/dataSets")).hasSize(1);
    JsonNode dataSet = message.at("/data/dataSets/0");
    assertThat(dataSet.get("action").asText()).isEqualTo("Information");
    assertThat(dataSet.get("series")).hasSize(2);
    Map<String, BigDecimal> values = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = dataSet.get("series").fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = codes(series, entry.getKey());
      Iterator<Map.Entry<String, JsonNode>> observations =
          entry.getValue().get("observations").fields();
      while (observations.hasNext()) {
        Map.Entry<String, JsonNode> observation = observations.next();
        JsonNode cells = observation.getValue();
        values.put(key + "." + codes(time, observation.getKey()), cells.get(0).decimalValue());
        assertThat(cells).hasSize(1 + attributes.size());
        assertThat(attributeCode(attributes, "OBS_STATUS", cells)).isEqualTo("A");
        assertThat(attributeCode(attributes, "UNIT_MEASURE", cells))
            .isEqualTo(key.contains(".WORKERS.") ? "PERSONS" : "NUMBER");
      }
    }
    assertThat(values).isEqualTo(SdmxApiTest.jsonApiValues(provider));
  }

  @Test
  void allDimensionsPutsEveryDimensionAtTheObservation() throws Exception {
    JsonNode message =
        json(
            given()
                .queryParam("format", "jsondata")
                .queryParam("dimensionAtObservation", "AllDimensions")
                .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
                .then()
                .statusCode(200)
                .contentType(startsWith(JSON))
                .extract()
                .asByteArray());
    assertThat(message.at("/data/structure/dimensions/series")).isEmpty();
    JsonNode dimensions = message.at("/data/structure/dimensions/observation");
    List<String> all = new ArrayList<>(KEY_ORDER);
    all.add("TIME_PERIOD");
    assertThat(ids(dimensions)).isEqualTo(all);
    JsonNode dataSet = message.at("/data/dataSets/0");
    assertThat(dataSet.has("series")).isFalse();
    Map<String, BigDecimal> values = new HashMap<>();
    dataSet
        .get("observations")
        .fields()
        .forEachRemaining(
            e -> values.put(codes(dimensions, e.getKey()), e.getValue().get(0).decimalValue()));
    assertThat(values).isEqualTo(SdmxApiTest.jsonApiValues(provider));
  }

  @Test
  void seriesKeysOnlyHasNoObservationsAndDataOnlyNoAttributes() throws Exception {
    JsonNode keysOnly =
        json(
            given()
                .accept(JSON)
                .queryParam("detail", "serieskeysonly")
                .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
    JsonNode series = keysOnly.at("/data/dataSets/0/series");
    assertThat(series).hasSize(2);
    series.forEach(s -> assertThat(s.path("observations")).isEmpty());
    assertThat(keysOnly.at("/data/structure/dimensions/observation/0/values")).isEmpty();
    assertThat(keysOnly.at("/data/structure/attributes/observation")).isEmpty();

    JsonNode dataOnly =
        json(
            given()
                .accept(JSON)
                .queryParam("detail", "dataonly")
                .get("/sdmx/v2.1/data/COOP_STATS/CAN.COOPS....../" + provider)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
    assertThat(dataOnly.at("/data/structure/attributes/observation")).isEmpty();
    JsonNode observations =
        dataOnly.at("/data/dataSets/0/series").elements().next().get("observations");
    assertThat(observations).hasSize(3);
    observations.forEach(o -> assertThat(o).hasSize(1));
  }

  @Test
  void deletionsSinceUpdatedAfterComeInADeleteDataSet() throws Exception {
    String changing = Api.newProvider();
    long dataset = Api.newDataset(changing);
    String header = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";
    Api.uploadCsv(dataset, header + "CAN,COOPS,2019,5700\nCAN,COOPS,2020,5531\n");
    OffsetDateTime v1 = publish(dataset);
    given()
        .contentType("text/csv")
        .queryParam("mode", "replace")
        .body(header + "CAN,COOPS,2020,5530\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);
    publish(dataset);

    JsonNode message =
        json(
            given()
                .accept(JSON)
                .queryParam("updatedAfter", v1.toString())
                .get("/sdmx/v2.1/data/COOP_STATS/all/" + changing)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
    JsonNode time = message.at("/data/structure/dimensions/observation");
    Map<String, String> byAction = new HashMap<>();
    for (JsonNode dataSet : message.at("/data/dataSets")) {
      JsonNode observations = dataSet.get("series").elements().next().get("observations");
      assertThat(observations).hasSize(1);
      Map.Entry<String, JsonNode> observation = observations.fields().next();
      String period = codes(time, observation.getKey());
      byAction.put(
          dataSet.get("action").asText(),
          period + (observation.getValue().isEmpty() ? "" : "=" + observation.getValue().get(0)));
    }
    assertThat(byAction).isEqualTo(Map.of("Information", "2020=5530", "Delete", "2019"));
  }

  @Test
  void contentNegotiationAndNoData() {
    String path = "/sdmx/v2.1/data/COOP_STATS/all/" + provider;
    for (String accept :
        List.of(
            "application/vnd.sdmx.data+json",
            JSON,
            "application/vnd.sdmx.genericdata+xml;q=0.5, " + JSON)) {
      given().accept(accept).get(path).then().statusCode(200).contentType(startsWith(JSON));
    }
    for (String format : List.of("jsondata", "sdmx-json")) {
      given()
          .accept("application/xml")
          .queryParam("format", format)
          .get(path)
          .then()
          .statusCode(200)
          .contentType(startsWith(JSON));
    }
    given().accept("application/vnd.sdmx.data+json;version=2.0.0").get(path).then().statusCode(406);
    given().queryParam("format", "json-stat").get(path).then().statusCode(400);

    String drafting = Api.newProvider();
    Api.uploadCsv(Api.newDataset(drafting), Fixtures.CANADA_SERIES);
    given()
        .accept(JSON)
        .get("/sdmx/v2.1/data/COOP_STATS/all/" + drafting)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("No data"));
  }

  @Test
  void sdmxDataCarriesETagAndLastModifiedAndAnswers304UntilTheNextRelease() {
    String path = "/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider;
    Response first = given().accept(JSON).get(path);
    first
        .then()
        .statusCode(200)
        .header("ETag", notNullValue())
        .header("Last-Modified", notNullValue());
    String etag = first.header("ETag");
    given().accept(JSON).header("If-None-Match", etag).get(path).then().statusCode(304);
    given()
        .accept(JSON)
        .header("If-Modified-Since", first.header("Last-Modified"))
        .get(path)
        .then()
        .statusCode(304);
    List<String> tags = new ArrayList<>(List.of(etag));
    for (String format : List.of("genericdata", "structurespecificdata", "csv")) {
      String tag = given().queryParam("format", format).get(path).header("ETag");
      given()
          .queryParam("format", format)
          .header("If-None-Match", tag)
          .get(path)
          .then()
          .statusCode(304);
      tags.add(tag);
    }
    assertThat(tags).doesNotHaveDuplicates();
    // an answer in another format does not match
    given().accept(JSON).header("If-None-Match", tags.get(1)).get(path).then().statusCode(200);

    Api.publishedProvider(Fixtures.CANADA_SERIES);
    given().accept(JSON).header("If-None-Match", etag).get(path).then().statusCode(200);
  }

  @Test
  void anEmbargoedReleaseDoesNotChangeThePublicETag() {
    String path = "/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider;
    String before = given().accept(JSON).get(path).header("ETag");
    String lastModified = given().accept(JSON).get(path).header("Last-Modified");

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

    given().accept(JSON).get("/sdmx/v2.1/data/COOP_STATS/all/" + embargoed).then().statusCode(404);
    Response after = given().accept(JSON).get(path);
    assertThat(after.header("ETag")).isEqualTo(before);
    assertThat(after.header("Last-Modified")).isEqualTo(lastModified);
    given().accept(JSON).header("If-None-Match", before).get(path).then().statusCode(304);
  }

  /** The message, after checking it against the official SDMX-JSON 1.0 data schema. */
  private static JsonNode json(byte[] body) throws Exception {
    assertThat(SdmxJsonSchemas.dataErrors1(new String(body, StandardCharsets.UTF_8))).isEmpty();
    return MAPPER.readTree(body);
  }

  private static List<String> ids(JsonNode components) {
    List<String> ids = new ArrayList<>();
    components.forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  private static JsonNode values(JsonNode components, String id) {
    for (JsonNode component : components) {
      if (component.get("id").asText().equals(id)) {
        return component.get("values");
      }
    }
    throw new AssertionError("No component " + id + " in " + components);
  }

  /** The codes a key of value indexes ("0:1:0") stands for, dot-separated. */
  private static String codes(JsonNode dimensions, String key) {
    String[] indexes = key.split(":");
    assertThat(indexes).hasSameSizeAs(ids(dimensions));
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < indexes.length; i++) {
      JsonNode value = dimensions.get(i).get("values").get(Integer.parseInt(indexes[i]));
      codes.add(value.get("id").asText());
    }
    return String.join(".", codes);
  }

  /** The code of an observation's attribute, from its index after the value. */
  private static String attributeCode(JsonNode attributes, String id, JsonNode cells) {
    int position = ids(attributes).indexOf(id);
    return values(attributes, id).get(cells.get(1 + position).asInt()).get("id").asText();
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
}
