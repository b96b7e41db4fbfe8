package org.coopstats.tabulation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.Jobs;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class TabulationApiTest {

  private static final List<String> KEY =
      List.of(
          "REF_AREA",
          "MEASURE",
          "COOP_TYPE",
          "COOP_LEVEL",
          "ACTIVITY",
          "SEX",
          "MEMBER_KIND",
          "WORK_CAT");

  @Test
  void aRegisterTabulatesIntoADraftEqualToAnIndependentAggregationWithEveryCellProtected()
      throws Exception {
    String provider = Api.newProvider();
    String submitter = Api.newUser(provider, "submitter", "publisher");
    HandMadeRegister register = new HandMadeRegister();
    long dataset = Api.newDataset(provider);
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    long registerId = uploadRegister(register.csv());
    JsonPath ended = tabulate(registerId, dataset);
    assertThat(ended.getInt("result.errorCount")).isZero();

    List<Map<String, Object>> draft =
        given()
            .queryParam("view", "draft")
            .queryParam("limit", 10000)
            .get("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    assertThat(draft).hasSizeGreaterThan(300);
    Map<String, String> statusOf = new HashMap<>();
    int compared = 0;
    for (Map<String, Object> row : draft) {
      Map<String, String> key = new HashMap<>();
      KEY.forEach(d -> key.put(d, String.valueOf(row.get(d))));
      String conf = String.valueOf(row.get("CONF_STATUS"));
      statusOf.put(String.join(".", KEY.stream().map(key::get).toList()), conf);
      BigDecimal expected = register.expected(key);
      if ("F".equals(conf)) {
        assertThat(expected).as("an independent figure for %s", key).isNotNull();
        assertThat(new BigDecimal(String.valueOf(row.get("OBS_VALUE"))))
            .as("%s", key)
            .isEqualByComparingTo(expected);
        compared++;
      } else {
        assertThat(row.get("OBS_VALUE")).as("%s is suppressed", key).isNull();
        assertThat(row.get("OBS_STATUS")).isEqualTo("Q");
      }
    }
    assertThat(compared).isGreaterThan(300);
    // each primary rule fired where the records make it fire
    assertThat(statusOf.get("CAN.TURNOVER.CONS._T.G._Z._Z._Z")).isEqualTo("O");
    assertThat(statusOf.get("CAN.TURNOVER.PROD._T.A._Z._Z._Z")).isEqualTo("C");
    assertThat(statusOf.get("CAN.TURNOVER.WORK._T.C._Z._Z._Z")).isEqualTo("A");
    assertThat(statusOf.get("CAN.TURNOVER.CONS._T.K._Z._Z._Z")).isIn("F", "D");
    assertThat(statusOf.values()).contains("D");
    // counts of registered cooperatives are public by default
    assertThat(statusOf.get("CAN.COOPS.WORK._T.C._Z._Z._Z")).isEqualTo("F");

    given()
        .get("/api/v1/registers/" + registerId + "/tabulations")
        .then()
        .statusCode(200)
        .body("total", is(1))
        .body("items[0].units", is(register.units.size()))
        .body("items[0].datasetId", is((int) dataset));
  }

  @Test
  void noSuppressedValueIsPublicAnywhereAndARevisionCannotBeDifferenced() throws Exception {
    String provider = Api.newProvider();
    String submitter = Api.newUser(provider, "submitter", "publisher");
    HandMadeRegister register = new HandMadeRegister();
    long dataset = Api.newDataset(provider);
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    long registerId = uploadRegister(register.csv());
    tabulate(registerId, dataset);
    Api.publish(dataset);
    Map<String, Map<String, Object>> first = cells(dataset, "draft-or-published");
    List<String> secrets = new ArrayList<>();
    first.forEach(
        (key, row) -> {
          if (!"F".equals(row.get("CONF_STATUS"))) {
            BigDecimal value = register.expected(keyOf(key));
            // figures of four digits and more cannot be in a public answer by coincidence
            if (value != null && value.abs().compareTo(new BigDecimal(1000)) >= 0) {
              secrets.add(value.stripTrailingZeros().toPlainString());
            }
          }
        });
    assertThat(secrets)
        .contains(register.expected(keyOf("CAN.TURNOVER.CONS._T.G._Z._Z._Z")).toPlainString());
    Api.actAnonymously();
    for (String answer : publicAnswers(provider)) {
      assertThat(answer).doesNotContain(secrets).doesNotContain("9876543");
    }
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);

    // One unit's turnover changes (a merge of its record), and the register is tabulated again.
    List<String> csv = register.csv().lines().toList();
    String[] k03 =
        csv.stream()
            .filter(line -> line.startsWith("K03,"))
            .findFirst()
            .orElseThrow()
            .split(",", -1);
    int turnover = List.of(csv.get(0).split(",")).indexOf("TURNOVER");
    k03[turnover] = new BigDecimal(k03[turnover]).add(new BigDecimal(50000)).toPlainString();
    given()
        .contentType("text/csv")
        .body(csv.get(0) + "\n" + String.join(",", k03) + "\n")
        .post("/api/v1/registers/" + registerId + "/units")
        .then()
        .statusCode(200)
        .body("updated", is(1));
    tabulate(registerId, dataset);
    Map<String, Map<String, Object>> second = cells(dataset, "draft");
    int bothPublished = 0;
    for (Map.Entry<String, Map<String, Object>> cell : first.entrySet()) {
      Map<String, Object> now = second.get(cell.getKey());
      boolean wasFree = "F".equals(cell.getValue().get("CONF_STATUS"));
      if (!wasFree) {
        assertThat(now.get("CONF_STATUS"))
            .as("%s stays suppressed", cell.getKey())
            .isNotEqualTo("F");
      } else if ("F".equals(now.get("CONF_STATUS"))) {
        // published twice: it must not have moved by the one unit's change
        assertThat(new BigDecimal(String.valueOf(now.get("OBS_VALUE"))))
            .as("%s published in both versions", cell.getKey())
            .isEqualByComparingTo(new BigDecimal(String.valueOf(cell.getValue().get("OBS_VALUE"))));
        bothPublished++;
      }
    }
    assertThat(bothPublished).isGreaterThan(300);
    assertThat(second.get("CAN.TURNOVER._T._T._T._Z._Z._Z").get("CONF_STATUS")).isNotEqualTo("F");
    given()
        .get("/api/v1/registers/" + registerId + "/tabulations")
        .then()
        .body("total", is(2))
        .body("items[0].protection.revisionOf", is(notNullValue()));
  }

  @Test
  void onlyTheProvidersSubmittersTabulateAndOnlyIntoTheProvidersCoopStatsDatasets()
      throws Exception {
    String provider = Api.newProvider();
    String submitter = Api.newUser(provider, "submitter");
    String publisher = Api.newUser(provider, "publisher");
    String other = Api.newProvider();
    String outsider = Api.newUser(other, "submitter");
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    long registerId = uploadRegister(new HandMadeRegister().csv());
    long dataset = Api.newDataset(provider);
    long othersDataset = Api.newDataset(other);
    long context = Api.newDataset(provider, "CONTEXT", "ILO");
    Map<String, Object> body = Map.of("period", HandMadeRegister.PERIOD, "datasetId", dataset);
    String tabulate = "/api/v1/registers/" + registerId + "/tabulate";
    Api.actAnonymously();
    given().contentType(ContentType.JSON).body(body).post(tabulate).then().statusCode(401);
    given().get("/api/v1/registers/" + registerId + "/tabulations").then().statusCode(401);
    RestAssured.authentication = RestAssured.preemptive().basic(outsider, Api.PASSWORD);
    given().contentType(ContentType.JSON).body(body).post(tabulate).then().statusCode(404);
    given().get("/api/v1/registers/" + registerId + "/tabulations").then().statusCode(404);
    RestAssured.authentication = RestAssured.preemptive().basic(publisher, Api.PASSWORD);
    given().contentType(ContentType.JSON).body(body).post(tabulate).then().statusCode(403);
    given().get("/api/v1/registers/" + registerId + "/tabulations").then().statusCode(200);
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    for (long wrong : List.of(othersDataset, context)) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("period", HandMadeRegister.PERIOD, "datasetId", wrong))
          .post(tabulate)
          .then()
          .statusCode(wrong == othersDataset ? 404 : 409);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("period", "2023", "datasetId", dataset))
        .post(tabulate)
        .then()
        .statusCode(400)
        .body("detail", containsString("holds no units for 2023"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("period", "24", "datasetId", dataset))
        .post(tabulate)
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("period", HandMadeRegister.PERIOD))
        .post(tabulate)
        .then()
        .statusCode(400);
  }

  /** Every public answer that could carry the provider's figures, as text. */
  private static List<String> publicAnswers(String provider) {
    List<String> answers = new ArrayList<>();
    for (String format : List.of("json", "csv", "jsonstat")) {
      answers.add(
          given()
              .queryParam("provider", provider)
              .queryParam("format", format)
              .queryParam("limit", 10000)
              .get("/api/v1/observations")
              .then()
              .statusCode(200)
              .extract()
              .asString());
    }
    for (String format : List.of("genericdata", "structurespecificdata", "jsondata", "csv")) {
      answers.add(
          given()
              .queryParam("format", format)
              .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
              .then()
              .statusCode(200)
              .extract()
              .asString());
    }
    for (String table : List.of("COOPS_BY_TYPE_ACTIVITY", "MEMBERS_BY_TYPE_KIND_SEX")) {
      answers.add(
          given()
              .queryParam("provider", provider)
              .get("/api/v1/tables/" + table + "/data")
              .then()
              .extract()
              .asString());
    }
    answers.add(given().queryParam("provider", provider).get("/api/v1/indicators").asString());
    return answers;
  }

  private static Map<String, String> keyOf(String seriesKey) {
    String[] codes = seriesKey.split("\\.");
    Map<String, String> key = new HashMap<>();
    for (int d = 0; d < KEY.size(); d++) {
      key.put(KEY.get(d), codes[d]);
    }
    return key;
  }

  private static JsonPath tabulate(long registerId, long dataset) {
    String job =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("period", HandMadeRegister.PERIOD, "datasetId", dataset))
            .post("/api/v1/registers/" + registerId + "/tabulate")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    JsonPath ended = Jobs.waitForEnd(job);
    assertThat(ended.getString("status")).as(ended.prettify()).isEqualTo("SUCCEEDED");
    return ended;
  }

  /** The dataset's cells by series key: the draft, or (view null) what is published. */
  private static Map<String, Map<String, Object>> cells(long dataset, String view) {
    var request = given().queryParam("limit", 10000);
    if (view.equals("draft")) {
      request = request.queryParam("view", "draft");
    }
    List<Map<String, Object>> rows =
        request
            .get("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    Map<String, Map<String, Object>> cells = new HashMap<>();
    for (Map<String, Object> row : rows) {
      cells.put(String.join(".", KEY.stream().map(d -> String.valueOf(row.get(d))).toList()), row);
    }
    return cells;
  }

  /** A new register of the caller's provider, holding the records of {@code csv}. */
  private static long uploadRegister(String csv) {
    long id =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Hand-made"))
            .post("/api/v1/registers")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    given()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/registers/" + id + "/units")
        .then()
        .statusCode(200)
        .body("errorCount", is(0));
    return id;
  }
}
