package org.coopstats.register;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registers of cooperatives: creating them, uploading and reading unit records, who may. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class RegisterApiTest {

  private static final String HEADER =
      "UNIT_ID,TIME_PERIOD,REF_AREA,COOP_TYPE,COOP_LEVEL,ACTIVITY,STATUS,REGISTERED,DISSOLVED,"
          + "MEMBERS_NP,MEMBERS_NP_F,MEMBERS_NP_M,MEMBERS_LE,MEMBERS_CO,IN_EMP_WM,IN_EMP_NM,"
          + "TURNOVER,ASSETS,LIABILITIES,EQUITY,CURRENCY\n";

  /** A figure that must appear in no message: each faulty record below carries it. */
  private static final String SECRET = "9137731";

  private static final String GOOD =
      HEADER
          + "QC-1,2024,CA-QC,CONS,PRIM,G,ACTIVE,1998-04-01,,1500,800,700,3,,120,40,2500000.50,900,500,400,CAD\n"
          + "QC-2,2024,CA-QC,WORK,PRIM,C,ACTIVE,2010-01-15,,25,,,,,20,2,310000,,,,CAD\n"
          + "ON-1,2024,CA-ON,PROD,SEC,A,DORMANT,2001-06-30,,,,,,12,,1,,,,,\n"
          + "ON-2,2024,CA-ON,CONS,PRIM,K,DISSOLVED,1990-02-01,2024-05-31,300,100,150,,,,5,88000,1000,600,100,CAD\n";

  @AfterEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void unitRecordsUploadCheckedAllOrNothingAndReadBackAsUploaded() throws IOException {
    String provider = Api.newProvider();
    String submitter = Api.newUser(provider, "submitter");
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    long register = create(Map.of("name", "Register of Canada"));

    JsonPath dry =
        upload(register, "?dryRun=true", GOOD).then().statusCode(200).extract().jsonPath();
    assertThat(dry.getBoolean("dryRun")).isTrue();
    assertThat(dry.getLong("rowsRead")).isEqualTo(4);
    assertThat(dry.getInt("warningCount")).isEqualTo(1); // ON-2's balance sheet
    assertThat(dry.getString("issues[0].rule")).isEqualTo("U06");
    assertThat(dry.getString("issues[0].unitId")).isEqualTo("ON-2");
    assertThat(periods(register)).isEmpty();

    JsonPath stored = upload(register, "", GOOD).then().statusCode(200).extract().jsonPath();
    assertThat(stored.getLong("inserted")).isEqualTo(4);
    assertThat(stored.getList("periods")).containsExactly("2024");
    given()
        .get("/api/v1/registers/" + register)
        .then()
        .statusCode(200)
        .body("periods[0].period", is("2024"))
        .body("periods[0].units", is(4))
        .body("periods[0].active", is(2))
        .body("periods[0].dormant", is(1))
        .body("periods[0].dissolved", is(1));

    List<Map<String, Object>> read = units(register);
    assertThat(read).hasSize(4);
    Map<String, Object> qc1 =
        read.stream().filter(r -> r.get("UNIT_ID").equals("QC-1")).findFirst().orElseThrow();
    assertThat(qc1)
        .containsEntry("MEMBERS_NP", 1500)
        .containsEntry("MEMBERS_NP_F", 800)
        .containsEntry("MEMBERS_NP_M", 700)
        .containsEntry("IN_EMP_WM", 120)
        .containsEntry("TURNOVER", 2500000.50f)
        .containsEntry("CURRENCY", "CAD")
        .doesNotContainKey("DISSOLVED");
    Map<String, Object> qc2 =
        read.stream().filter(r -> r.get("UNIT_ID").equals("QC-2")).findFirst().orElseThrow();
    assertThat(qc2).containsEntry("MEMBERS_NP", 25).doesNotContainKey("MEMBERS_NP_F");

    // What is read uploads again unchanged: the JSON records are the upload's own columns.
    String again =
        given()
            .queryParam("limit", 1000)
            .get("/api/v1/registers/" + register + "/units")
            .then()
            .extract()
            .jsonPath()
            .prettify();
    JsonPath same =
        given()
            .contentType(ContentType.JSON)
            .body(new JsonPath(again).getList("items"))
            .post("/api/v1/registers/" + register + "/units")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(same.getLong("unchanged")).isEqualTo(4);
    assertThat(same.getLong("inserted") + same.getLong("updated")).isZero();

    // Merge changes one record; replace removes the records of the period it does not name.
    String changed =
        HEADER
            + GOOD.lines()
                .skip(1)
                .limit(1)
                .collect(Collectors.joining())
                .replace("2500000.50", "2600000")
            + "\n";
    JsonPath merged =
        upload(register, "?mode=merge", changed).then().statusCode(200).extract().jsonPath();
    assertThat(merged.getLong("updated")).isEqualTo(1);
    assertThat(units(register)).hasSize(4);
    JsonPath replaced =
        upload(register, "?mode=replace", changed).then().statusCode(200).extract().jsonPath();
    assertThat(replaced.getLong("deleted")).isEqualTo(3);
    assertThat(replaced.getLong("unchanged")).isEqualTo(1);
    assertThat(units(register)).hasSize(1);

    // Excel, laid out as the CSV.
    byte[] workbook = workbook(GOOD);
    JsonPath excel =
        given()
            .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .body(workbook)
            .post("/api/v1/registers/" + register + "/units")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(excel.getLong("inserted")).isEqualTo(3);
    assertThat(units(register)).hasSize(4);
  }

  @Test
  void faultyRecordsAreRefusedWholeNamingUnitAndColumnWithoutQuotingFigures() {
    String provider = Api.newProvider();
    String submitter = Api.newUser(provider, "submitter");
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    long register = create(Map.of("name", "Faulty"));
    String faulty =
        HEADER
            + "A-1,2024,CA-QC,XXX,PRIM,G,ACTIVE,,,10,,,,,,,,,,,\n" // U01 code
            + "A-2,2024,CA-QC,CONS,PRIM,G,ACTIVE,,,10,,,,,,,,,,,\n"
            + "A-2,2024,CA-QC,CONS,PRIM,G,ACTIVE,,,10,,,,,,,,,,,\n" // U02
            + "A-3,2024,CA-QC,CONS,SEC,G,ACTIVE,,,"
            + SECRET
            + ",,,,4,,,,,,,\n" // U03
            + "A-4,2024,CA-QC,CONS,PRIM,G,ACTIVE,,,10,,,,,"
            + SECRET
            + ",,,,,,\n" // U04
            + "A-5,2024,CA-QC,CONS,PRIM,G,ACTIVE,2025-01-01,,10,,,,,,,,,,,\n" // U05
            + "A-6,2024,CA-QC,CONS,PRIM,G,ACTIVE,,,10,"
            + SECRET
            + ",1,,,,,,,,,\n" // U07
            + "A-7,2024,CA-QC,CONS,PRIM,G,DISSOLVED,,,10,,,,,,,,,,,\n" // U08
            + "A-8,2024,CA-QC,CONS,PRIM,G,ACTIVE,,,10,,,,,,,"
            + SECRET
            + ",,,,\n" // U09
            + "A-9,2024-13,CA-QC,CONS,PRIM,G,ACTIVE,,,-4,,,,,,,,,,,\n"; // U01 period, count
    Response refused = upload(register, "", faulty);
    refused.then().statusCode(422).contentType("application/problem+json");
    JsonPath report = refused.jsonPath();
    List<Map<String, Object>> errors = report.getList("errors");
    Map<String, String> ruleOf = new java.util.HashMap<>();
    errors.forEach(
        e -> ruleOf.merge((String) e.get("unitId"), (String) e.get("rule"), (a, b) -> a + "," + b));
    assertThat(ruleOf)
        .containsEntry("A-1", "U01")
        .containsEntry("A-2", "U02")
        .containsEntry("A-3", "U03")
        .containsEntry("A-4", "U04")
        .containsEntry("A-5", "U05")
        .containsEntry("A-6", "U07")
        .containsEntry("A-7", "U08")
        .containsEntry("A-8", "U09")
        .containsEntry("A-9", "U01,U01");
    assertThat(errors).allSatisfy(e -> assertThat(e.get("column")).isNotNull());
    assertThat(errors.stream().filter(e -> "A-2".equals(e.get("unitId"))).findFirst().orElseThrow())
        .containsEntry("line", 4)
        .containsEntry("column", "UNIT_ID");
    assertThat(refused.asString()).doesNotContain(SECRET);
    assertThat(periods(register)).isEmpty();

    // A column a record cannot have is refused before any record is read.
    upload(
            register,
            "",
            "UNIT_ID,TIME_PERIOD,REF_AREA,COOP_TYPE,COOP_LEVEL,ACTIVITY,STATUS,TURNOVR\n")
        .then()
        .statusCode(422)
        .body("errors.column", hasItem("TURNOVR"));
    upload(register, "", "").then().statusCode(422);
    upload(register, "?mode=sometimes", GOOD).then().statusCode(400);
    upload(register, "?dryrun=true", GOOD).then().statusCode(400);
    upload(
            register,
            "",
            HEADER + ("Z,2024,CA-QC,CONS,PRIM,G,ACTIVE,,,10,,,,,,,,,,,\n").repeat(60_000))
        .then()
        .statusCode(413);

    // Nothing of the refused records is in the audit log, which admins read.
    Api.actAsAdmin();
    String audit = given().queryParam("provider", provider).get("/api/v1/audit").asString();
    assertThat(audit).doesNotContain(SECRET);
  }

  @Test
  void onlyTheProvidersSubmittersReadOrWriteUnitRecords() {
    String provider = Api.newProvider();
    String submitter = Api.newUser(provider, "submitter");
    String publisher = Api.newUser(provider, "publisher");
    String other = Api.newUser(Api.newProvider(), "submitter", "publisher");
    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    long register = create(Map.of("name", "Guarded"));
    upload(register, "", GOOD).then().statusCode(200);
    String units = "/api/v1/registers/" + register + "/units";

    Api.actAnonymously();
    given().get("/api/v1/registers").then().statusCode(401);
    given().get("/api/v1/registers/" + register).then().statusCode(401);
    given().get(units).then().statusCode(401);
    upload(register, "", GOOD).then().statusCode(401);

    RestAssured.authentication = RestAssured.preemptive().basic(other, Api.PASSWORD);
    given().get("/api/v1/registers/" + register).then().statusCode(404);
    given().get(units).then().statusCode(404);
    upload(register, "", GOOD).then().statusCode(404);
    assertThat(given().get("/api/v1/registers").jsonPath().getList("items.id"))
        .doesNotContain((int) register);

    RestAssured.authentication = RestAssured.preemptive().basic(publisher, Api.PASSWORD);
    given().get("/api/v1/registers/" + register).then().statusCode(200);
    given().get(units).then().statusCode(403);
    upload(register, "", GOOD).then().statusCode(403);
    rules(register, 5).then().statusCode(200).body("disclosure.minFrequency", is(5));
    rules(register, 0).then().statusCode(400);

    RestAssured.authentication = RestAssured.preemptive().basic(submitter, Api.PASSWORD);
    rules(register, 4).then().statusCode(403);

    // Admins see that the register exists, never its records.
    Api.actAsAdmin();
    given()
        .get("/api/v1/registers/" + register)
        .then()
        .statusCode(200)
        .body("periods[0].units", is(4));
    given().get(units).then().statusCode(403);
    upload(register, "", GOOD).then().statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "For nobody"))
        .post("/api/v1/registers")
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Theirs", "providerId", provider))
        .post("/api/v1/registers")
        .then()
        .statusCode(201)
        .body("disclosure.minFrequency", is(3))
        .body("disclosure.dominanceK", is(85.0f));
  }

  private static long create(Map<String, Object> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/registers")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static Response upload(long register, String query, String csv) {
    return given()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/registers/" + register + "/units" + query);
  }

  private static Response rules(long register, int minFrequency) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "minFrequency", minFrequency,
                "dominanceN", 1,
                "dominanceK", 85,
                "pPercent", 10,
                "protectionPercent", 10,
                "protectUnitCounts", false))
        .put("/api/v1/registers/" + register + "/disclosure");
  }

  private static List<Object> periods(long register) {
    return given()
        .get("/api/v1/registers/" + register)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("periods");
  }

  private static List<Map<String, Object>> units(long register) {
    return given()
        .queryParam("limit", 1000)
        .get("/api/v1/registers/" + register + "/units")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  /** The CSV as a workbook, numbers as numbers, the first record left out. */
  private static byte[] workbook(String csv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    csv.lines().forEach(line -> rows.add(line.split(",", -1)));
    rows.remove(1);
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("units");
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        String[] fields = rows.get(r);
        for (int c = 0; c < fields.length; c++) {
          if (fields[c].isEmpty()) {
            continue;
          }
          if (r > 0 && fields[c].matches("\\d+(\\.\\d+)?")) {
            row.createCell(c).setCellValue(Double.parseDouble(fields[c]));
          } else {
            row.createCell(c).setCellValue(fields[c]);
          }
        }
      }
      book.write(out);
      return out.toByteArray();
    }
  }
}
