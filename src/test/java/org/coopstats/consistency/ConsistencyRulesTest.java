package org.coopstats.consistency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules R05–R10 on whole submissions, through dry runs and uploads. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ConsistencyRulesTest {

  private static final String HEADER =
      "REF_AREA,MEASURE,COOP_TYPE,COOP_LEVEL,SEX,MEMBER_KIND,WORK_CAT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n";

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void aConsistentSubmissionHasNoIssues() {
    dryRun(
            HEADER
                + "TZA,COOPS_REG,_T,PRIM,,,,2008,8551,\n"
                + "TZA,COOPS_REG,PROD,PRIM,,,,2008,3006,\n"
                + "TZA,COOPS_REG,CONS,PRIM,,,,2008,5210,\n"
                + "TZA,COOPS_REG,_U,PRIM,,,,2008,335,\n"
                + "TZA,COOPS,_T,PRIM,,,,2008,8000,\n"
                + "TZA,MEMBERS,_T,SEC,,CO,,2008,4000,\n"
                + "TZA,ASSETS,_T,_T,,,,2008,100,TZS\n"
                + "TZA,LIABILITIES,_T,_T,,,,2008,60,TZS\n"
                + "TZA,EQUITY,_T,_T,,,,2008,40.2,TZS\n")
        .body("errorCount", is(0))
        .body("warningCount", is(0))
        .body("issues", empty());
  }

  @Test
  void r05PartsOverTheirTotalAreAnErrorWithTheFigures() {
    dryRun(
            HEADER
                + "CAN,COOPS,,,,,,2021,5605,\n"
                + "CA-QC,COOPS,,,,,,2021,4000,\n"
                + "CA-ON,COOPS,,,,,,2021,2000,\n")
        .body("errorCount", is(1))
        .body("issues[0].rule", is("R05"))
        .body("issues[0].severity", is("ERROR"))
        .body("issues[0].line", is(2))
        .body("issues[0].seriesKey", is("CAN.COOPS._T._T._T._Z._Z._Z"))
        .body("issues[0].period", is("2021"))
        .body("issues[0].expected", is(5605))
        .body("issues[0].found", is(6000))
        .body("issues[0].message", containsString("CA-ON+CA-QC"));
  }

  @Test
  void r05AllPartsShortOfTheTotalAreAWarningAndTheUploadIsKept() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    String csv =
        HEADER
            + "CAN,WORKERS,,,_T,,IN_EMP,2021,100,\n"
            + "CAN,WORKERS,,,_T,,IN_EMP_NM,2021,60,\n"
            + "CAN,WORKERS,,,_T,,IN_EMP_WM,2021,30,\n"
            + "CAN,WORKERS,,,_T,,IN_EMP_OM,2021,5,\n";
    long submission =
        given()
            .contentType("text/csv")
            .body(csv)
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .body("inserted", is(4))
            .body("warningCount", is(1))
            .body("issues[0].rule", is("R05"))
            .body("issues[0].severity", is("WARNING"))
            .body("issues[0].expected", is(100))
            .body("issues[0].found", is(95))
            .body("issues[0].message", containsString("5 are not allocated"))
            .extract()
            .jsonPath()
            .getLong("submissionId");

    given()
        .get("/api/v1/datasets/" + dataset + "/submissions/" + submission)
        .then()
        .statusCode(200)
        .body("issues.rule", contains("R05"));
    String report =
        given()
            .accept("text/csv")
            .get("/api/v1/datasets/" + dataset + "/submissions/" + submission)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(report)
        .startsWith("rule,severity,line,index,column,value,seriesKey,period,expected,found,message")
        .contains("R05,WARNING,2,");
    given().get("/api/v1/datasets/" + dataset).then().body("summary.warnings", is(1));
  }

  @Test
  void r05MoneyHasAHalfPercentTolerance() {
    dryRun(
            HEADER
                + "CAN,TURNOVER,_T,,,,,2021,1000,CAD\n"
                + "CAN,TURNOVER,PROD,,,,,2021,600,CAD\n"
                + "CAN,TURNOVER,CONS,,,,,2021,404,CAD\n")
        .body("errorCount", is(0));
    dryRun(
            HEADER
                + "CAN,TURNOVER,_T,,,,,2021,1000,CAD\n"
                + "CAN,TURNOVER,PROD,,,,,2021,600,CAD\n"
                + "CAN,TURNOVER,CONS,,,,,2021,406,CAD\n")
        .body("errorCount", is(1));
  }

  @Test
  void r05R06MembershipsDoNotAddAcrossLevelsAndHigherLevelsHaveCooperativeMembers() {
    dryRun(
            HEADER
                + "KOR,MEMBERS,,_T,,_T,,2016,100,\n"
                + "KOR,MEMBERS,,PRIM,,_T,,2016,90,\n"
                + "KOR,MEMBERS,,SEC,,CO,,2016,80,\n"
                + "KOR,MEMBERS,,TERT,,NP,_Z,2016,5,\n")
        .body("errorCount", is(1))
        .body("issues[0].rule", is("R06"))
        .body("issues[0].column", is("MEMBER_KIND"))
        .body("issues[0].line", is(5));
  }

  @Test
  void r07R08R09AreWarningsWithBothFigures() {
    dryRun(
            HEADER
                + "ITA,COOPS,,,,,,2020,110,\n"
                + "ITA,COOPS_REG,,,,,,2020,100,\n"
                + "ITA,ASSETS,,,,,,2020,100,EUR\n"
                + "ITA,LIABILITIES,,,,,,2020,50,EUR\n"
                + "ITA,EQUITY,,,,,,2020,20,EUR\n"
                + "ITA,VALUE_ADDED,,,,,,2020,900,EUR\n"
                + "ITA,TURNOVER,,,,,,2020,800,EUR\n"
                + "ITA,WORKERS,WORK,,_T,,IN_EMP_WM,2020,10,\n"
                + "ITA,MEMBERS,WORK,,_T,NP,,2020,100,\n")
        .body("errorCount", is(0))
        .body("warningCount", is(4))
        .body("issues.rule", contains("R07", "R08", "R08", "R09"))
        .body("issues[0].expected", is(100))
        .body("issues[0].found", is(110))
        .body("issues[1].found", is(900))
        .body("issues[1].expected", is(800))
        .body("issues[2].found", is(100))
        .body("issues[2].expected", is(70))
        .body("issues[3].message", startsWith("10 against 100"));
  }

  @Test
  void r10AValueTenTimesThePublishedOneIsAWarning() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(
        dataset,
        "REF_AREA,MEASURE,WORK_CAT,TIME_PERIOD,OBS_VALUE\nKOR,WORKERS,IN_EMP,2016,69000\n");
    Api.publish(dataset);
    given()
        .contentType("text/csv")
        .queryParam("dryRun", true)
        .body("REF_AREA,MEASURE,WORK_CAT,TIME_PERIOD,OBS_VALUE\nKOR,WORKERS,IN_EMP,2016,6900000\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("issues[0].rule", is("R10"))
        .body("issues[0].expected", is(69000))
        .body("issues[0].found", is(6900000));
  }

  @Test
  void aDryRunStoresNothingAndCanAnswerInCsv() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    String report =
        given()
            .contentType("text/csv")
            .accept("text/csv")
            .queryParam("dryRun", true)
            .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nXXX,COOPS,2021,1\nCAN,COOPS,2021,=1+1\n")
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .header("Content-Disposition", containsString("validation-report.csv"))
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(report)
        .contains("R01,ERROR,2,,REF_AREA,XXX")
        .contains("'=1+1");
    given()
        .contentType("text/csv")
        .queryParam("dryRun", true)
        .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,1\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("dryRun", is(true))
        .body("rowsRead", is(1));
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
    given().get("/api/v1/datasets/" + dataset + "/submissions").then().body("total", is(0));
  }

  @Test
  void theSameSubmissionRetriedWithItsIdempotencyKeyIsStoredOnce() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    String csv = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,5605\n";
    long first =
        given()
            .contentType("text/csv")
            .header("Idempotency-Key", "retry-42")
            .body(csv)
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(200)
            .body("replayed", is(false))
            .extract()
            .jsonPath()
            .getLong("submissionId");
    given()
        .contentType("text/csv")
        .header("Idempotency-Key", "retry-42")
        .body(csv)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("replayed", is(true))
        .body("submissionId", is((int) first))
        .body("inserted", is(1));
    given().get("/api/v1/datasets/" + dataset + "/submissions").then().body("total", is(1));
    given()
        .contentType("text/csv")
        .header("Idempotency-Key", "retry-42")
        .body(csv.replace("5605", "5606"))
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("type", is("/problems/idempotency-key-reused"));
  }

  private static ValidatableResponse dryRun(String csv) {
    long dataset = Api.newDataset(Api.newProvider());
    return given()
        .contentType("text/csv")
        .queryParam("dryRun", true)
        .body(csv)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("dryRun", is(true));
  }
}
