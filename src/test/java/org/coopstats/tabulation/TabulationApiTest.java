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
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.coopstats.support.Api;
import org.coopstats.support.Jobs;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class TabulationApiTest {

  @Inject DataSource dataSource;

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
    long registerId = insertRegister(provider, register);
    long dataset = Api.newDataset(provider);
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
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
    long registerId = insertRegister(provider, register);
    long dataset = Api.newDataset(provider);
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
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

    // One unit's turnover changes, and the register is tabulated again.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE register_unit SET turnover = turnover + 50000 WHERE register_id = ? AND"
                    + " unit_id = 'K03'")) {
      update.setLong(1, registerId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
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
    long registerId = insertRegister(provider, new HandMadeRegister());
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

  private long insertRegister(String provider, HandMadeRegister register) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      long id;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO register (provider_id, name) VALUES (?, 'Hand-made') RETURNING id")) {
        insert.setString(1, provider);
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      String placeholders = "?, ".repeat(22);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO register_unit (register_id, time_period, "
                  + HandMadeRegister.COLUMNS
                  + ") VALUES (?, ?, "
                  + placeholders.substring(0, placeholders.length() - 2)
                  + ")")) {
        for (List<Object> row : register.rows()) {
          insert.setLong(1, id);
          insert.setString(2, HandMadeRegister.PERIOD);
          for (int c = 0; c < row.size(); c++) {
            Object value = row.get(c);
            if (value instanceof String text && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
              value = Date.valueOf(text);
            }
            insert.setObject(c + 3, value);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return id;
    }
  }
}
