package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.guava.GuavaModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.ssb.jsonstat.JsonStatModule;
import no.ssb.jsonstat.v2.Dataset;
import no.ssb.jsonstat.v2.DatasetBuildable;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** format=jsonstat, read back with Statistics Norway's JSON-stat reader (json-stat-java). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonStatApiTest {

  private static final List<String> KEY =
      List.of(
          "REF_AREA",
          "MEASURE",
          "COOP_TYPE",
          "COOP_LEVEL",
          "ACTIVITY",
          "SEX",
          "MEMBER_KIND",
          "WORK_CAT",
          "TIME_PERIOD");

  private String provider;

  @BeforeEach
  void publishCanadaOnce() {
    Api.actAsAdmin();
    if (provider == null) {
      provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    }
  }

  @Test
  void anIndependentReaderSeesTheValuesOfTheJsonApi() throws Exception {
    String body =
        given()
            .queryParam("provider", provider)
            .queryParam("format", "jsonstat")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .contentType(containsString("application/json"))
            .extract()
            .asString();
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new GuavaModule())
            .registerModule(new Jdk8Module())
            .registerModule(new JsonStatModule());
    Dataset dataset = mapper.readValue(body, DatasetBuildable.class).build();

    assertThat(dataset.getId()).containsExactlyElementsOf(KEY);
    Map<List<String>, BigDecimal> parsed = new HashMap<>();
    dataset
        .asMap()
        .forEach(
            (key, value) -> {
              if (value != null) {
                parsed.put(key, new BigDecimal(value.toString()));
              }
            });

    List<Map<String, Object>> items =
        given()
            .queryParam("provider", provider)
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    Map<List<String>, BigDecimal> expected = new HashMap<>();
    for (Map<String, Object> item : items) {
      List<String> key = new ArrayList<>();
      KEY.forEach(id -> key.add(item.get(id).toString()));
      expected.put(key, new BigDecimal(item.get("OBS_VALUE").toString()));
    }
    assertThat(expected).hasSize(6);
    assertThat(parsed).isEqualTo(expected);
  }

  @Test
  void dimensionsSizesNullsStatusAndLabelsInTheLanguageAsked() {
    JsonPath json =
        given()
            .queryParam("provider", provider)
            .queryParam("format", "jsonstat")
            .queryParam("lang", "fr")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .body("version", is("2.0"))
            .body("class", is("dataset"))
            .body("id", contains(KEY.toArray()))
            // MEASURE: COOPS, WORKERS; SEX: _T and _Z; WORK_CAT: IN_EMP and _Z; three years
            .body("size", contains(1, 2, 1, 1, 1, 2, 1, 2, 3))
            .body("value", hasSize(24))
            .body("dimension.MEASURE.category.index", contains("COOPS", "WORKERS"))
            .body("dimension.TIME_PERIOD.category.index", contains("2018", "2020", "2021"))
            .body("dimension.REF_AREA.label", is("Reference area"))
            .body("role.time", contains("TIME_PERIOD"))
            .body("extension.providers", contains(provider))
            .body("extension.total", is(6))
            .extract()
            .jsonPath();
    String workersFr = json.getString("dimension.MEASURE.category.label.WORKERS");
    String workersEn =
        given()
            .queryParam("provider", provider)
            .queryParam("format", "jsonstat")
            .get("/api/v1/observations")
            .then()
            .extract()
            .path("dimension.MEASURE.category.label.WORKERS");
    assertThat(workersFr).isNotBlank().isNotEqualTo(workersEn);
    // Row-major, TIME_PERIOD fastest: COOPS is at SEX=_Z, WORK_CAT=_Z (cells 9-11); WORKERS at
    // SEX=_T, WORK_CAT=IN_EMP (cells 12-14); every other cell is null.
    List<Object> values = json.getList("value");
    assertThat(values.subList(0, 9)).containsOnlyNulls();
    assertThat(values.subList(9, 12))
        .extracting(Object::toString)
        .containsExactly("5846", "5531", "5605");
    assertThat(values.subList(12, 15))
        .extracting(Object::toString)
        .containsExactly("103470", "101230", "100755");
    assertThat(values.subList(15, 24)).containsOnlyNulls();
    assertThat(json.getString("status.'9'")).isEqualTo("A");
    assertThat(json.getString("status.'0'")).isNull();
  }

  @Test
  void onlyThePageIsServedAndUnreleasedDataNever() {
    given()
        .queryParam("provider", provider)
        .queryParam("format", "jsonstat")
        .queryParam("limit", 2)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .header("X-Total-Count", "6")
        .body("size", contains(1, 1, 1, 1, 1, 1, 1, 1, 2))
        .body("extension.next", containsString("offset=2"));
    String other = Api.newProvider();
    long draft = Api.newDataset(other);
    Api.uploadCsv(draft, Fixtures.CANADA_2021_PROVINCES);
    given()
        .queryParam("provider", other)
        .queryParam("format", "jsonstat")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("value", hasSize(0))
        .body("extension.next", nullValue());
  }

  @Test
  void twoValuesForOneCellAndHistoryAreRefusedWithAHint() {
    String again = Api.publishedProvider(Fixtures.CANADA_SERIES);
    given()
        .queryParam("provider", provider + "," + again)
        .queryParam("format", "jsonstat")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("dataset="));
    given()
        .queryParam("provider", provider)
        .queryParam("format", "jsonstat")
        .queryParam("includeHistory", true)
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("jsonstat"));
  }
}
