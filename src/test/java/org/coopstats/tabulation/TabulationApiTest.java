package org.coopstats.tabulation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

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
