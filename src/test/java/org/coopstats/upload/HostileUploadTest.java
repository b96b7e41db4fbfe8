package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import org.coopstats.support.Api;
import org.coopstats.support.Jobs;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads holding what cannot be stored as sent (issue #12): each is refused as a 422 naming the
 * line (or index) and column, nothing is stored, and never a 500.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class HostileUploadTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,COMMENT_OBS\n";
  private long dataset;

  @BeforeEach
  void newDataset() {
    Api.actAsAdmin();
    dataset = Api.newDataset(Api.newProvider());
  }

  @AfterEach
  void nothingWasStored() {
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
  }

  @Test
  void aNulInACsvCommentIsAFormatFaultWithLineAndColumn() {
    upload("text/csv", HEADER + "CAN,COOPS,2021,5605,\"a\u0000b\"\n")
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].line", is(2))
        .body("errors[0].column", is("COMMENT_OBS"))
        .body("errors[0].message", containsString("NUL"));
  }

  @Test
  void aNulInAJsonCommentIsAFormatFaultWithIndexAndColumn() {
    upload("application/json", "[" + row("\"COMMENT_OBS\":\"a\\u0000b\"") + "]")
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].index", is(0))
        .body("errors[0].column", is("COMMENT_OBS"))
        .body("errors[0].message", containsString("NUL"));
  }

  @Test
  void aLoneSurrogateInJsonIsRefusedNotStoredAsAQuestionMark() {
    upload("application/json", "[" + row("\"COMMENT_OBS\":\"a\\uD800b\"") + "]")
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].column", is("COMMENT_OBS"))
        .body("errors[0].message", containsString("surrogate"));
  }

  @Test
  void anEncodedSurrogateInCsvIsInvalidUtf8() {
    byte[] head = (HEADER + "CAN,COOPS,2021,5605,a").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + 4];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xED; // U+D800 written as UTF-8: not UTF-8
    body[head.length + 1] = (byte) 0xA0;
    body[head.length + 2] = (byte) 0x80;
    body[head.length + 3] = '\n';
    given()
        .contentType("text/csv")
        .body(body)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].line", is(2))
        .body("errors[0].message", containsString("UTF-8"));
  }

  @Test
  void aCsvColumnNamedTwiceIsRefused() {
    upload("text/csv", "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,ref_area\nCAN,COOPS,2021,1,KOR\n")
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].line", is(1))
        .body("errors[0].column", is("REF_AREA"))
        .body("errors[0].message", containsString("twice"));
  }

  @Test
  void aJsonKeyGivenTwiceIsRefused() {
    upload("application/json", "[" + row("\"ref_area\":\"KOR\"") + "]")
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].index", is(0))
        .body("errors[0].column", is("REF_AREA"))
        .body("errors[0].message", containsString("twice"));
  }

  @Test
  void aCountBeyondItsBoundIsRefusedNot310DigitsStored() {
    upload("text/csv", HEADER + "CAN,COOPS,2021,1e309,\n")
        .statusCode(422)
        .body("errors[0].rule", is("R02"))
        .body("errors[0].column", is("OBS_VALUE"))
        .body("errors[0].expected", is(1000000000000000L))
        .body("errors[0].message", containsString("at most 1000000000000000"));
    upload(
            "application/json",
            "[{\"REF_AREA\":\"CAN\",\"MEASURE\":\"COOPS\",\"TIME_PERIOD\":\"2021\",\"OBS_VALUE\":1e309}]")
        .statusCode(422)
        .body("errors[0].rule", is("R02"));
  }

  @Test
  void theBoundAppliesInUnitsAfterTheMultiplier() {
    String header = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n";
    // 1e13 millions is 1e19 CAD: within money's 1e21; 1e16 millions is 1e22: beyond it.
    given()
        .contentType("text/csv")
        .body(header + "CAN,TURNOVER,2021,10000000000000,CAD,6\n")
        .post(uploadPath() + "?dryRun=true")
        .then()
        .statusCode(200)
        .body("errorCount", is(0));
    upload("text/csv", header + "CAN,TURNOVER,2021,10000000000000000,CAD,6\n")
        .statusCode(422)
        .body("errors[0].rule", is("R02"))
        .body("errors[0].message", containsString("10^UNIT_MULT"));
  }

  @Test
  void theBoundsAreInTheStructure() {
    given()
        .get("/api/v1/structures/COOP_STATS")
        .then()
        .statusCode(200)
        .body("measures.find { it.id == 'COOPS' }.maxMagnitude", is(1000000000000000L))
        .body(
            "measures.find { it.id == 'TURNOVER' }.maxMagnitude",
            org.hamcrest.Matchers.hasToString("1000000000000000000000"));
  }

  @Test
  void tooManyDecimalsAreRefused() {
    String header = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n";
    upload("text/csv", header + "CAN,TURNOVER,2021,1e-20000,CAD\n")
        .statusCode(422)
        .body("errors[0].rule", is("R02"))
        .body("errors[0].message", containsString("decimal places"));
  }

  @Test
  void jsonBeyondTheReadersNestingLimitSaysWhichLimit() {
    upload("application/json", "[" + "[".repeat(2000) + "]".repeat(2000) + "]")
        .statusCode(422)
        .body("errors.message", org.hamcrest.Matchers.hasItem(containsString("nesting")));
  }

  @Test
  void jsonBeyondTheReadersNumberLimitSaysWhichLimit() {
    upload("application/json", "[" + row("\"UNIT_MULT\":" + "1".repeat(2000)) + "]")
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].message", containsString("Number value length"));
  }

  @Test
  void aJsonLimitInAJobEndsWith422NotInternalError() {
    String location =
        given()
            .contentType("application/json")
            .header("Prefer", "respond-async")
            .body("[" + row("\"UNIT_MULT\":" + "1".repeat(2000)) + "]")
            .post(uploadPath())
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    JsonPath job = Jobs.waitForEnd(location);
    org.assertj.core.api.Assertions.assertThat(job.getInt("result.status")).isEqualTo(422);
    org.assertj.core.api.Assertions.assertThat(job.getString("result.errors[0].message"))
        .contains("Number value length");
  }

  private static String row(String extra) {
    return "{\"REF_AREA\":\"CAN\",\"MEASURE\":\"COOPS\",\"TIME_PERIOD\":\"2021\",\"OBS_VALUE\":5605,"
        + extra
        + "}";
  }

  private String uploadPath() {
    return "/api/v1/datasets/" + dataset + "/observations";
  }

  private ValidatableResponse upload(String type, String body) {
    return given()
        .contentType(type)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post(uploadPath())
        .then()
        .contentType(containsString("json"));
  }
}
