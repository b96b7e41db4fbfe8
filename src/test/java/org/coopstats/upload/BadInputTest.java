package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx, nothing is half-stored, and the service stays healthy. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class BadInputTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,COMMENT_OBS\n";
  private long dataset;

  @BeforeEach
  void newDataset() {
    Api.actAsAdmin();
    dataset = Api.newDataset(Api.newProvider());
  }

  @AfterEach
  void serviceStaysHealthyAndNothingWasStored() {
    org.coopstats.support.Api.management()
        .get("/q/health")
        .then()
        .statusCode(200)
        .body("status", is("UP"));
  }

  @Test
  void aTruncatedCsvIsRefused() {
    upload(
            "text/csv",
            (HEADER + "CAN,COOPS,2021,5605,\"a comment cut off").getBytes(StandardCharsets.UTF_8))
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].message", containsString("quote"));
    assertDraftEmpty();
  }

  @Test
  void aTruncatedJsonArrayIsRefused() {
    upload(
            "application/json",
            "[{\"REF_AREA\":\"CAN\",\"MEASURE\":\"COOPS\",\"TIME_PERIOD\":\"2021\",\"OBS_VALUE\":5605},{\"REF_AR"
                .getBytes(StandardCharsets.UTF_8))
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"));
    assertDraftEmpty();
  }

  @Test
  void aBinaryFileIsRefused() {
    byte[] binary = new byte[20_000];
    new Random(7).nextBytes(binary);
    binary[0] = (byte) 0x89;
    binary[1] = 'P';
    binary[2] = 'N';
    binary[3] = 'G';
    upload("text/csv", binary).statusCode(422).body("errors[0].rule", is("FORMAT"));
    assertDraftEmpty();
  }

  @Test
  void anEndlessSingleLineIsRefusedBeforeItIsHeld() {
    byte[] line = ("REF_AREA," + "X".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
    upload("text/csv", line).statusCode(422).body("errors[0].message", containsString("too long"));
    byte[] body =
        (HEADER + "CAN,COOPS,2021,1," + "y".repeat(200_000) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    upload("text/csv", body).statusCode(422).body("errors[0].line", is(2));
    assertDraftEmpty();
  }

  @Test
  void tenThousandColumnsAreReportedWithACap() {
    StringBuilder header = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE");
    for (int i = 0; i < 10_000; i++) {
      header.append(",C").append(i);
    }
    upload("text/csv", (header + "\n").getBytes(StandardCharsets.UTF_8))
        .statusCode(422)
        .body("errorCount", is(10_000))
        .body("errors", hasSize(1000))
        .body("detail", containsString("Only the first 1000"));
    assertDraftEmpty();
  }

  @Test
  void twoUploadsRacingIntoOneDatasetAreBothStoredWhole() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (String area : List.of("CAN", "KOR")) {
        StringBuilder csv = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n");
        for (int year = 1900; year < 2100; year++) {
          csv.append(area).append(",COOPS,").append(year).append(',').append(year).append('\n');
        }
        Callable<Integer> upload =
            () ->
                given()
                    .contentType("text/csv")
                    .body(csv.toString())
                    .post("/api/v1/datasets/" + dataset + "/observations")
                    .then()
                    .extract()
                    .statusCode();
        results.add(pool.submit(upload));
      }
      for (Future<Integer> result : results) {
        org.assertj.core.api.Assertions.assertThat(result.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(400));
  }

  /**
   * One policy for every CSV the service writes (README, "CSV is data"): the value exactly, quoted
   * per RFC 4180, in the JSON API's CSV, SDMX-CSV and the validation report alike.
   */
  @Test
  void everyCsvWritesFormulaLikeTextExactly() {
    String formula = "=HYPERLINK(\"http://x\")";
    String quoted = "\"=HYPERLINK(\"\"http://x\"\")\"";
    String row = "CAN,COOPS,2021,5605," + quoted + "\n";
    String report =
        given()
            .accept("text/csv")
            .contentType("text/csv")
            .body(HEADER + quoted + ",COOPS,2021,5605,\n")
            .post("/api/v1/datasets/" + dataset + "/observations?dryRun=true")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(report)
        .contains("," + quoted + ",")
        .doesNotContain(",'=");
    Api.uploadCsv(dataset, HEADER + row);
    String draftCsv =
        given()
            .queryParam("view", "draft")
            .queryParam("format", "csv")
            .get("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(draftCsv)
        .contains("," + quoted)
        .doesNotContain(",'=");
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items[0].COMMENT_OBS", is(formula));
    Api.publish(dataset);
    String provider =
        given()
            .get("/api/v1/datasets/" + dataset)
            .then()
            .extract()
            .jsonPath()
            .getString("providerId");
    String sdmxCsv =
        given()
            .queryParam("format", "csv")
            .get("/sdmx/v2.1/data/COOP_STATS/all/" + provider)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(sdmxCsv)
        .contains("," + quoted)
        .doesNotContain(",'=");
  }

  /** The test profile allows 30,000 rows (coopstats.upload.max-rows); one more is a 413. */
  @Test
  void moreRowsThanTheLimitGet413AndNothingIsStored() {
    String row = "CAN,COOPS,2021,5605,\n";
    upload("text/csv", (HEADER + row.repeat(30_001)).getBytes(StandardCharsets.UTF_8))
        .statusCode(413)
        .body("status", is(413))
        .body("detail", containsString("coopstats.upload.max-rows"));
    assertDraftEmpty();
    upload("text/csv", (HEADER + row).getBytes(StandardCharsets.UTF_8)).statusCode(200);
  }

  @Test
  void unknownDatasetsAre404() {
    upload("text/csv", HEADER.getBytes(StandardCharsets.UTF_8), 987654321L).statusCode(404);
  }

  private io.restassured.response.ValidatableResponse upload(String type, byte[] body) {
    return upload(type, body, dataset);
  }

  private static io.restassured.response.ValidatableResponse upload(
      String type, byte[] body, long dataset) {
    return given()
        .contentType(type)
        .body(body)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .contentType(containsString("json"));
  }

  private void assertDraftEmpty() {
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .body("summary.draftObservations", is(0))
        .body("summary.observations", greaterThanOrEqualTo(0));
  }
}
