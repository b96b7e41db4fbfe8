package org.coopstats.table;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Guidelines' tables (issue #15, item 2): definitions as data, and grids of released figures
 * whose totals follow the counting rules.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class TableApiTest {

  /**
   * Statistics Canada's active cooperatives of 2020 by type, from its published shares (consumer
   * 68.2 %, producer 15.6 %, multi-stakeholder 8.2 %, worker 6.6 %, federations 1.4 %, here not
   * classified by type) of the 5,531: the parts add up to the published total, which is left out.
   */
  private static final String CANADA_2020_BY_TYPE =
      """
      REF_AREA,MEASURE,COOP_TYPE,TIME_PERIOD,OBS_VALUE,OBS_STATUS
      CAN,COOPS,CONS,2020,3772,A
      CAN,COOPS,PROD,2020,863,A
      CAN,COOPS,MULTI,2020,454,A
      CAN,COOPS,WORK,2020,365,A
      CAN,COOPS,_U,2020,77,E
      """;

  /**
   * Tanzania mainland's registered cooperatives of 2008 by level (domain file, section 9), and
   * memberships by level (illustrative figures, not published ones).
   */
  private static final String TANZANIA_2008_BY_LEVEL =
      """
      REF_AREA,MEASURE,COOP_LEVEL,MEMBER_KIND,TIME_PERIOD,OBS_VALUE
      TZA,COOPS_REG,PRIM,,2008,8551
      TZA,COOPS_REG,SEC,,2008,44
      TZA,COOPS_REG,TERT,,2008,2
      TZA,MEMBERS,PRIM,_T,2008,1200000
      TZA,MEMBERS,SEC,CO,2008,2950
      TZA,MEMBERS,TERT,CO,2008,46
      """;

  private static final String REGION = "/api/v1/tables/COOPS_BY_REGION/data";

  @BeforeEach
  void asAnyone() {
    Api.actAnonymously();
  }

  @Test
  void theCoreTablesAreListedWithTheirTitlesInTheLanguageAsked() {
    given()
        .get("/api/v1/tables")
        .then()
        .statusCode(200)
        .header("X-Total-Count", "7")
        .body("total", is(7))
        .body(
            "items.id",
            hasItems(
                "COOPS_BY_TYPE_ACTIVITY",
                "COOPS_BY_LEVEL",
                "COOPS_BY_REGION",
                "COOPS_OVER_TIME",
                "MEMBERS_BY_TYPE_KIND_SEX",
                "WORK_BY_CATEGORY_SEX_TYPE",
                "MONEY_BY_TYPE_ACTIVITY"))
        .body("items[2].title", is("Cooperatives by region"))
        .body("items[2].rowDimensions", is(List.of("REF_AREA")))
        .body("items[2].data", is("/api/v1/tables/COOPS_BY_REGION/data"));
    given()
        .queryParam("lang", "fr")
        .queryParam("limit", 1)
        .get("/api/v1/tables")
        .then()
        .statusCode(200)
        .body("items[0].title", is("Coopératives actives par type et activité économique"))
        .body("next", org.hamcrest.Matchers.containsString("offset=1"));

    given()
        .get("/api/v1/tables/MEMBERS_BY_TYPE_KIND_SEX")
        .then()
        .statusCode(200)
        .body(
            "titles.es", is("Membresías de cooperativas primarias por tipo, tipo de socio y sexo"))
        .body("measures", is(List.of("MEMBERS")))
        .body("columns[1].dimension", is("SEX"))
        .body("columns[1].codes", is(List.of("_T", "F", "M", "_U")))
        .body("fixedFilters.COOP_LEVEL", is("PRIM"));
    given().get("/api/v1/tables/NO_SUCH_TABLE").then().statusCode(404);
  }

  @Test
  void aRegionTableShowsTheReportedFiguresAndSaysATotalOfTooFewRegionsIsIncomplete() {
    String provider = Api.publishedProvider(Fixtures.CANADA_2021_PROVINCES);
    JsonPath grid = region(provider).then().statusCode(200).extract().jsonPath();

    assertThat(grid.getString("refArea.name")).isEqualTo("Canada");
    assertThat(grid.getList("columns.flatten().id")).containsExactly("COOPS", "COOPS_REG");
    assertThat(grid.getList("rows.heading.flatten().id")).hasSize(14).startsWith("CAN", "CA-AB");
    Map<String, Object> quebec = cell(grid, "CA-QC", 0);
    assertThat(quebec)
        .containsEntry("origin", "reported")
        .containsEntry("value", 2503)
        .containsEntry("OBS_STATUS", "A")
        .containsEntry("CONF_STATUS", "F")
        .containsEntry("UNIT_MEASURE", "NUMBER")
        .containsEntry("UNIT_MULT", "0")
        .containsKey("dataset");
    // the ten provinces are in, the three territories are not: Canada's total is not computed
    Map<String, Object> canada = cell(grid, "CAN", 0);
    assertThat(canada)
        .containsEntry("origin", "incomplete")
        .containsEntry("missing", 3)
        .containsEntry("summedDimension", "REF_AREA")
        .containsEntry("missingCodes", List.of("CA-NT", "CA-NU", "CA-YT"))
        .doesNotContainKey("value");
    assertThat(cell(grid, "CA-YT", 0)).containsEntry("origin", "empty");
  }

  @Test
  void aTotalNotReportedIsTheSumOfAllItsChildren() {
    String provider = Api.publishedProvider(CANADA_2020_BY_TYPE);
    JsonPath grid =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("TIME_PERIOD", "2020")
            .queryParam("provider", provider)
            .get("/api/v1/tables/COOPS_BY_TYPE_ACTIVITY/data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(grid.getList("columns.flatten().id"))
        .containsExactly("_T", "PROD", "WORK", "CONS", "MULTI", "_U");
    Map<String, Object> total = cell(grid, "_T", 0);
    assertThat(total)
        .containsEntry("origin", "computed")
        .containsEntry("value", 5531)
        .containsEntry("summedDimension", "COOP_TYPE")
        .containsEntry("summedCodes", List.of("PROD", "WORK", "CONS", "MULTI", "_U"))
        .containsEntry("OBS_STATUS", "E") // one of its parts is estimated
        .containsEntry("UNIT_MEASURE", "NUMBER");
    assertThat(cell(grid, "_T", 1)).containsEntry("origin", "reported").containsEntry("value", 863);
    assertThat(cell(grid, "A", 1)).containsEntry("origin", "empty");

    JsonPath jsonStat =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("TIME_PERIOD", "2020")
            .queryParam("provider", provider)
            .queryParam("format", "jsonstat")
            .get("/api/v1/tables/COOPS_BY_TYPE_ACTIVITY/data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(jsonStat.getList("id")).containsExactly("ACTIVITY", "COOP_TYPE");
    assertThat(jsonStat.getList("size")).containsExactly(22, 6);
    assertThat(jsonStat.getInt("value[0]")).isEqualTo(5531);
    assertThat(jsonStat.getString("extension.origin.'0'")).isEqualTo("computed");
  }

  @Test
  void membershipsAreNeverAddedAcrossLevelsWhileCooperativesAre() {
    String provider = Api.publishedProvider(TANZANIA_2008_BY_LEVEL);
    JsonPath grid =
        given()
            .queryParam("REF_AREA", "TZA")
            .queryParam("TIME_PERIOD", "2008")
            .queryParam("provider", provider)
            .queryParam("lang", "es")
            .get("/api/v1/tables/COOPS_BY_LEVEL/data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(grid.getList("columns.flatten().id"))
        .containsExactly("COOPS_REG", "COOPS", "MEMBERS");
    assertThat(grid.getString("rows[1].heading[0].name")).isEqualTo("Cooperativas primarias");
    assertThat(cell(grid, "_T", 0))
        .containsEntry("origin", "computed")
        .containsEntry("value", 8597)
        .containsEntry("summedCodes", List.of("PRIM", "SEC", "TERT"));
    Map<String, Object> members = cell(grid, "_T", 2);
    assertThat(members).containsEntry("origin", "refused").doesNotContainKey("value");
    assertThat((String) members.get("reason")).contains("MEMBERS does not add across COOP_LEVEL");
    assertThat(cell(grid, "PRIM", 2)).containsEntry("value", 1200000);
  }

  @Test
  void moneyIsNeverAddedAcrossUnitMultipliersNorCurrencies() {
    // illustrative figures: every type present, one of them in thousands rather than millions
    String provider =
        Api.publishedProvider(
            """
            REF_AREA,MEASURE,COOP_TYPE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT
            CAN,TURNOVER,PROD,2021,120.5,CAD,6
            CAN,TURNOVER,WORK,2021,30,CAD,6
            CAN,TURNOVER,CONS,2021,410,CAD,6
            CAN,TURNOVER,MULTI,2021,95000,CAD,3
            CAN,TURNOVER,_U,2021,2,CAD,6
            CAN,WAGES,PROD,2021,10,CAD,6
            CAN,WAGES,WORK,2021,5,CAD,6
            CAN,WAGES,CONS,2021,40,CAD,6
            CAN,WAGES,MULTI,2021,9,CAD,6
            CAN,WAGES,_U,2021,1,USD,6
            CAN,SURPLUS,PROD,2021,-1.5,CAD,6
            CAN,SURPLUS,WORK,2021,0.5,CAD,6
            CAN,SURPLUS,CONS,2021,12,CAD,6
            CAN,SURPLUS,MULTI,2021,1,CAD,6
            CAN,SURPLUS,_U,2021,0,CAD,6
            """);
    JsonPath grid =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("TIME_PERIOD", "2021")
            .queryParam("provider", provider)
            .get("/api/v1/tables/MONEY_BY_TYPE_ACTIVITY/data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> rows = grid.getList("rows.collect { it.heading[0].id + '/' + it.heading[1].id }");
    Map<String, Object> turnover =
        grid.getMap("rows[" + rows.indexOf("TURNOVER/_T") + "].cells[0]");
    assertThat(turnover).containsEntry("origin", "refused").doesNotContainKey("value");
    assertThat((String) turnover.get("reason")).contains("CAD × 10^6").contains("CAD × 10^3");
    Map<String, Object> wages = grid.getMap("rows[" + rows.indexOf("WAGES/_T") + "].cells[0]");
    assertThat((String) wages.get("reason")).contains("USD × 10^6");
    Map<String, Object> surplus = grid.getMap("rows[" + rows.indexOf("SURPLUS/_T") + "].cells[0]");
    assertThat(surplus)
        .containsEntry("origin", "computed")
        .containsEntry("value", 12.0f)
        .containsEntry("UNIT_MEASURE", "CAD")
        .containsEntry("UNIT_MULT", "6");
  }

  /** Every core table renders in every format, for the demo's Canada figures. */
  @Test
  void everyCoreTableRendersInEveryFormat() {
    String provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    List<String> tables =
        given().get("/api/v1/tables").then().extract().jsonPath().getList("items.id");
    for (String table : tables) {
      for (String format : List.of("json", "jsonstat", "csv", "xlsx")) {
        var request =
            given()
                .queryParam("REF_AREA", "CAN")
                .queryParam("provider", provider)
                .queryParam("format", format);
        if (!table.equals("COOPS_OVER_TIME")) {
          request.queryParam("TIME_PERIOD", "2021");
        }
        request.get("/api/v1/tables/" + table + "/data").then().statusCode(200);
      }
    }
    JsonPath overTime =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("provider", provider)
            .queryParam("startPeriod", "2019")
            .get("/api/v1/tables/COOPS_OVER_TIME/data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(overTime.getList("rows.collect { it.heading[0].id }"))
        .containsExactly("2020", "2021");
    assertThat(overTime.getInt("rows[1].cells[1].value")).isEqualTo(5605);
  }

  @Test
  void sexAppliesToNaturalPersonsOnlyAndTotalsBuildOnComputedParts() {
    // illustrative memberships of primary cooperatives
    String provider =
        Api.publishedProvider(
            """
            REF_AREA,MEASURE,COOP_LEVEL,MEMBER_KIND,SEX,TIME_PERIOD,OBS_VALUE
            CAN,MEMBERS,PRIM,NP,F,2021,100
            CAN,MEMBERS,PRIM,NP,M,2021,120
            CAN,MEMBERS,PRIM,NP,_U,2021,5
            CAN,MEMBERS,PRIM,LE,,2021,10
            CAN,MEMBERS,PRIM,CO,,2021,3
            """);
    JsonPath grid =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("TIME_PERIOD", "2021")
            .queryParam("provider", provider)
            .get("/api/v1/tables/MEMBERS_BY_TYPE_KIND_SEX/data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> columns = grid.getList("columns.collect { it[0].id + '/' + it[1].id }");
    assertThat(columns).hasSize(16).startsWith("_T/_T", "_T/F");
    assertThat(cell(grid, "_T", columns.indexOf("NP/_T")))
        .containsEntry("origin", "computed")
        .containsEntry("value", 225)
        .containsEntry("summedCodes", List.of("F", "M", "_U"));
    assertThat(cell(grid, "_T", columns.indexOf("_T/_T")))
        .containsEntry("origin", "computed")
        .containsEntry("value", 238)
        .containsEntry("summedCodes", List.of("NP", "LE", "CO"));
    assertThat(cell(grid, "_T", columns.indexOf("LE/_T"))).containsEntry("value", 10);
    assertThat(cell(grid, "_T", columns.indexOf("LE/F"))).containsEntry("origin", "notApplicable");
    assertThat(cell(grid, "_T", columns.indexOf("_T/F"))).containsEntry("origin", "notApplicable");
  }

  @Test
  void aScheduledReleaseShowsInNoCellReportedOrSummed() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.actAsAdmin();
    Api.uploadCsv(dataset, Fixtures.CANADA_2021_PROVINCES);
    Api.publish(dataset);
    // the next version, under embargo until tomorrow, completes the regions and corrects Quebec
    // (illustrative figures)
    Api.uploadCsv(
        dataset,
        """
        REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE
        CA-QC,COOPS,2021,2600
        CA-YT,COOPS,2021,20
        CA-NT,COOPS,2021,12
        CA-NU,COOPS,2021,8
        """);
    given()
        .queryParam(
            "releaseAt",
            OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toInstant().toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200);
    Api.actAnonymously();

    JsonPath grid = region(provider).then().statusCode(200).extract().jsonPath();
    assertThat(cell(grid, "CA-QC", 0)).containsEntry("value", 2503);
    assertThat(cell(grid, "CA-YT", 0)).containsEntry("origin", "empty");
    assertThat(cell(grid, "CAN", 0))
        .containsEntry("origin", "incomplete")
        .containsEntry("missing", 3);
  }

  @Test
  void theCsvIsWideAndTheWorkbookHoldsNumbers() throws Exception {
    String provider = Api.publishedProvider(Fixtures.CANADA_2021_PROVINCES);
    String csv =
        regionRequest(provider)
            .accept("text/csv")
            .get(REGION)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "REF_AREA,Active cooperatives at period end,Registered cooperatives at period end");
    assertThat(lines).hasSize(1 + 14).contains("Quebec,2503,", "Canada,,", "Yukon,,");

    byte[] xlsx =
        given()
            .queryParam("REF_AREA", "CAN")
            .queryParam("TIME_PERIOD", "2021")
            .queryParam("provider", provider)
            .queryParam("format", "xlsx")
            .get("/api/v1/tables/COOPS_BY_REGION/data")
            .then()
            .statusCode(200)
            .contentType(TableFormat.XLSX_TYPE)
            .extract()
            .asByteArray();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Cooperatives by region");
      Row quebec = rowStartingWith(sheet, "Quebec");
      assertThat(quebec.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(quebec.getCell(1).getNumericCellValue()).isEqualTo(2503.0);
      assertThat(quebec.getCell(3).getStringCellValue()).isEqualTo("NUMBER");
      Row canada = rowStartingWith(sheet, "Canada");
      assertThat(canada.getCell(1).getStringCellValue()).isEqualTo("..");
      assertThat(text(sheet)).contains("incomplete, 3 of the REF_AREA children not reported");
    }
  }

  @Test
  void aCurrentCopyIsNotSentAgainAndABadRequestSaysWhatToFix() {
    String provider = Api.publishedProvider(Fixtures.CANADA_2021_PROVINCES);
    String etag = region(provider).then().statusCode(200).extract().header("ETag");
    assertThat(etag).isNotBlank();
    regionRequest(provider).header("If-None-Match", etag).get(REGION).then().statusCode(304);

    given()
        .queryParam("TIME_PERIOD", "2021")
        .get("/api/v1/tables/COOPS_BY_REGION/data")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("REF_AREA is required"));
    given()
        .queryParam("REF_AREA", "CAN")
        .get("/api/v1/tables/COOPS_BY_REGION/data")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("TIME_PERIOD is required"));
    given()
        .queryParam("REF_AREA", "CAN")
        .queryParam("TIME_PERIOD", "2021")
        .get("/api/v1/tables/NO_SUCH_TABLE/data")
        .then()
        .statusCode(404);
    given().queryParam("offset", "").get("/api/v1/tables").then().statusCode(400);
    given().accept("application/json;q=abc").get("/api/v1/tables").then().statusCode(400);
  }

  private static io.restassured.response.Response region(String provider) {
    return regionRequest(provider).get(REGION);
  }

  private static io.restassured.specification.RequestSpecification regionRequest(String provider) {
    return given()
        .queryParam("REF_AREA", "CAN")
        .queryParam("TIME_PERIOD", "2021")
        .queryParam("provider", provider);
  }

  /** The cell of the row whose first heading is {@code rowCode}, in column {@code column}. */
  private static Map<String, Object> cell(JsonPath grid, String rowCode, int column) {
    List<String> rows = grid.getList("rows.collect { it.heading[0].id }");
    int row = rows.indexOf(rowCode);
    assertThat(row).as("row " + rowCode).isNotNegative();
    return grid.getMap("rows[" + row + "].cells[" + column + "]");
  }

  private static Row rowStartingWith(Sheet sheet, String text) {
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == CellType.STRING
          && row.getCell(0).getStringCellValue().equals(text)) {
        return row;
      }
    }
    throw new AssertionError("No row starting with " + text);
  }

  private static String text(Sheet sheet) {
    StringBuilder all = new StringBuilder();
    for (Row row : sheet) {
      row.forEach(
          c -> {
            if (c.getCellType() == CellType.STRING) {
              all.append(c.getStringCellValue()).append('\n');
            }
          });
    }
    return all.toString();
  }
}
