package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class UploadApiTest {

  @org.junit.jupiter.api.BeforeEach
  void actAsAdmin() {
    org.coopstats.support.Api.actAsAdmin();
  }

  @Test
  void aSecondUploadMergesIntoTheDraft() {
    long dataset = Api.newDataset(Api.newProvider());
    String header = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";
    given()
        .contentType("text/csv")
        .body(header + "CAN,COOPS,2020,5500\nCAN,COOPS,2021,5605\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(2))
        .body("updated", is(0));
    given()
        .contentType("text/csv")
        .body(header + "CAN,COOPS,2021,5606\nCAN,COOPS,2022,5700\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(1))
        .body("updated", is(1));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items.TIME_PERIOD", contains("2020", "2021", "2022"))
        .body("items.OBS_VALUE", contains(5500, 5606, 5700));
  }

  @Test
  void valuesAreStoredAsWrittenWhateverTheirShape() throws Exception {
    // Whole numbers of up to 18 digits take a fast path (read as a long, written digit by digit);
    // the rest go through BigDecimal. Both must store the same numbers.
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    String[] values = {
      "0",
      "-5",
      "999999999999999999",
      "-999999999999999999",
      "1234567890123456789",
      "12.50",
      "1E+3",
      "+7",
      "007",
      "-0",
      "0.000001"
    };
    StringBuilder csv = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n");
    for (int i = 0; i < values.length; i++) {
      csv.append("CAN,SURPLUS,").append(2001 + i).append(',').append(values[i]).append(",CAD\n");
    }
    given()
        .contentType("text/csv")
        .body(csv.toString())
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);
    String body =
        given()
            .queryParam("view", "draft")
            .get("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> stored = new ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .readTree(body)
        .get("items")
        .forEach(item -> stored.add(item.get("OBS_VALUE").decimalValue().toPlainString()));
    org.assertj.core.api.Assertions.assertThat(stored)
        .containsExactly(
            "0",
            "-5",
            "999999999999999999",
            "-999999999999999999",
            "1234567890123456789",
            "12.5", // JSON writes the number, not its scale
            "1000",
            "7",
            "7",
            "0",
            "0.000001");
  }

  @Test
  void canadianProvincesComeBackAsJsonAndCsvWithTheSameNumbers() throws Exception {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);

    given()
        .contentType("text/csv")
        .body(Fixtures.CANADA_2021_PROVINCES)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("rowsRead", is(10))
        .body("inserted", is(10))
        .body("updated", is(0));
    Api.publish(dataset);

    given()
        .queryParam("provider", provider)
        .queryParam("REF_AREA", "CA-QC,CA-ON")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(2))
        .body("items.REF_AREA", contains("CA-ON", "CA-QC"))
        .body("items.OBS_VALUE", contains(1085, 2503))
        .body("items[0].COOP_TYPE", is("_T"))
        .body("items[0].SEX", is("_Z"))
        .body("items[0].UNIT_MEASURE", is("NUMBER"));

    String csv =
        given()
            .queryParam("provider", provider)
            .accept("text/csv")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asString();
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new java.io.StringReader(csv))
            .getRecords();
    Map<String, Long> byArea = new java.util.HashMap<>();
    records.forEach(r -> byArea.put(r.get("REF_AREA"), Long.parseLong(r.get("OBS_VALUE"))));
    Map<String, Long> uploaded = new java.util.HashMap<>();
    Fixtures.CANADA_2021_PROVINCES
        .lines()
        .skip(1)
        .forEach(
            line -> {
              String[] f = line.split(",");
              uploaded.put(f[0], Long.parseLong(f[3]));
            });
    org.assertj.core.api.Assertions.assertThat(byArea).isEqualTo(uploaded);
    org.assertj.core.api.Assertions.assertThat(
            byArea.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(5565);
  }

  @Test
  void threeBadRowsAreAllReportedAndNothingIsStored() {
    long dataset = Api.newDataset(Api.newProvider());
    String csv =
        """
        REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE
        CA-QC,COOPS,2021,2503
        XXX,COOPS,2021,1085
        CA-AB,COOPS,2021,-493
        CA-BC,COOPS,21,466
        """;
    given()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", is("/problems/validation-failed"))
        .body("errorCount", is(3))
        .body("errors", hasSize(3))
        .body("errors.line", contains(3, 4, 5))
        .body("errors.column", contains("REF_AREA", "OBS_VALUE", "TIME_PERIOD"))
        .body("errors.value", contains("XXX", "-493", "21"))
        .body("errors.rule", contains("R01", "R02", "R01"))
        .body("errors[0].message", containsString("CL_AREA"));

    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("total", is(0));
  }

  @Test
  void jsonUploadReportsArrayIndexes() {
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            [{"REF_AREA":"CAN","MEASURE":"COOPS","TIME_PERIOD":"2021","OBS_VALUE":5605},
             {"REF_AREA":"CAN","MEASURE":"TURNOVER","TIME_PERIOD":"2021","OBS_VALUE":12.5},
             {"REF_AREA":"CAN","MEASURE":"WORKERS","SEX":"_Z","TIME_PERIOD":"2021","OBS_VALUE":3}]
            """)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors.index", contains(1, 2))
        .body("errors.rule", contains("R02", "R03"))
        .body("errors[0].column", is("UNIT_MEASURE"))
        .body("errors[1].column", is("SEX"));
  }

  @Test
  void jsonUploadStoresMoneyWithItsCurrencyAndMultiplier() {
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            [{"REF_AREA":"CAN","MEASURE":"SURPLUS","TIME_PERIOD":"2021","OBS_VALUE":-12.5,
              "UNIT_MEASURE":"CAD","UNIT_MULT":"6","OBS_STATUS":"P",
              "COMMENT_OBS":"provisional\\tQuébec \\\\ Zürich\\n😀 ☕"}]
            """)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(1));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items[0].OBS_VALUE", equalTo(-12.5f))
        .body("items[0].UNIT_MEASURE", is("CAD"))
        .body("items[0].UNIT_MULT", is("6"))
        .body("items[0].OBS_STATUS", is("P"))
        .body("items[0].COMMENT_OBS", is("provisional\tQuébec \\ Zürich\n😀 ☕"));
  }

  @Test
  void duplicateKeysInOneSubmissionAreRejected() {
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType("text/csv")
        .body(
            "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,1\nCAN,COOPS,2020,2\nCAN,COOPS,2021,3\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors", hasSize(1))
        .body("errors[0].rule", is("R04"))
        .body("errors[0].line", is(4))
        .body("errors[0].message", containsString("lines 2, 4"));
  }

  @Test
  void mergeUpdatesExistingKeysAndReplaceSwapsTheWholeContent() {
    long dataset = Api.newDataset(Api.newProvider());
    Api.uploadCsv(dataset, Fixtures.CANADA_SERIES);
    given()
        .contentType("text/csv")
        .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,5606\nCAN,COOPS,2022,5700\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(1))
        .body("updated", is(1));
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(7));

    given()
        .contentType("text/csv")
        .queryParam("mode", "replace")
        .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2023,5800\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("deleted", is(7))
        .body("inserted", is(1));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("total", is(1))
        .body("items[0].TIME_PERIOD", is("2023"));
  }

  @Test
  void semicolonSeparatedCsvWithByteOrderMarkAndQuotedFieldsIsRead() {
    long dataset = Api.newDataset(Api.newProvider());
    String csv =
        "\uFEFFREF_AREA;MEASURE;COOP_TYPE;COOP_LEVEL;TIME_PERIOD;OBS_VALUE;COMMENT_OBS\n"
            + "TZA;COOPS_REG;CONS;PRIM;2008;5210;\"SACCOs 4,780; service 218\"\n";
    given()
        .contentType("text/csv")
        .body(csv.getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(1));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items[0].REF_AREA", is("TZA"))
        .body("items[0].COMMENT_OBS", is("SACCOs 4,780; service 218"));
  }

  @Test
  void missingRequiredColumnIsReportedOnTheHeader() {
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType("text/csv")
        .body("REF_AREA,TIME_PERIOD,OBS_VALUE,COLOUR\nCAN,2021,1,red\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors.line", contains(1, 1))
        .body("errors.column", contains("COLOUR", "MEASURE"));
  }

  @Test
  void invalidUtf8IsRejectedWithAClearMessage() {
    long dataset = Api.newDataset(Api.newProvider());
    byte[] body =
        "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,1\nCAN,COOPS,2020,\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    given()
        .contentType("text/csv")
        .body(body)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].message", containsString("UTF-8"));
  }

  @Test
  void emptyBodyIsRejected() {
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType("text/csv")
        .body("")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors[0].message", containsString("empty"));
  }

  @Test
  void uploadsIntoPublishedDatasetsGoToTheDraftNotThePublishedValues() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, Fixtures.CANADA_SERIES);
    Api.publish(dataset);
    given()
        .contentType("text/csv")
        .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,5606\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(1));
    given()
        .queryParam("provider", provider)
        .queryParam("MEASURE", "COOPS")
        .get("/api/v1/observations")
        .then()
        .body("items.OBS_VALUE", contains(5846, 5531, 5605));
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("summary.observations", is(6))
        .body("summary.draftObservations", is(1));
  }

  @Test
  void uploadsToUnknownDatasetsAndInOtherMediaTypesAreRefused() {
    given()
        .contentType("text/csv")
        .body(Fixtures.CANADA_SERIES)
        .post("/api/v1/datasets/999999999/observations")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType("application/xml")
        .body("<x/>")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("title", is("Unsupported media type"))
        .body("errors", nullValue());
  }

  @Test
  void bodiesOverTheLimitGet413AndTheServiceStaysHealthy() {
    long dataset = Api.newDataset(Api.newProvider());
    StringBuilder csv = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n");
    while (csv.length() <= 1_100_000) {
      csv.append("CAN,COOPS,2021,1\n");
    }
    given()
        .contentType("text/csv")
        .body(csv.toString())
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString("1048576"));
    org.coopstats.support.Api.management()
        .get("/q/health")
        .then()
        .statusCode(200)
        .body("status", is("UP"));
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
  }
}
