package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Excel workbooks with the CSV's table layout. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class XlsxUploadTest {

  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void aWorkbookIsReadWithExactNumbers() throws IOException {
    long dataset = Api.newDataset(Api.newProvider());
    byte[] workbook =
        workbook(
            new Object[] {"REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE"},
            new Object[] {"CAN", "COOPS", "2021", 5605d, null},
            new Object[] {"CAN", "TURNOVER", 2021d, 123456789012.5d, "CAD"});
    given()
        .contentType(XLSX)
        .body(workbook)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("inserted", is(2));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items.MEASURE", contains("COOPS", "TURNOVER"))
        .body("items.TIME_PERIOD", contains("2021", "2021"))
        .body("items[1].OBS_VALUE", is(123456789012.5f));
  }

  @Test
  void faultsNameTheExcelRow() throws IOException {
    long dataset = Api.newDataset(Api.newProvider());
    byte[] workbook =
        workbook(
            new Object[] {"REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE"},
            new Object[] {"CAN", "COOPS", "2021", 5605d},
            new Object[] {"XXX", "COOPS", "2021", 1d});
    given()
        .contentType(XLSX)
        .body(workbook)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors[0].line", is(3))
        .body("errors[0].column", is("REF_AREA"));
  }

  @Test
  void somethingElseSentAsAWorkbookIsRefused() {
    long dataset = Api.newDataset(Api.newProvider());
    given()
        .contentType(XLSX)
        .body("REF_AREA,MEASURE\nCAN,COOPS\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"));
  }

  private static byte[] workbook(Object[]... rows) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("data");
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          Object value = rows[r][c];
          if (value instanceof Double number) {
            row.createCell(c).setCellValue(number);
          } else if (value != null) {
            row.createCell(c).setCellValue(value.toString());
          }
        }
      }
      book.write(out);
      return out.toByteArray();
    }
  }
}
