package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query's page as an Excel workbook: the CSV's rows and columns, the values as numbers. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ExcelDownloadTest {

  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void theWorkbookHoldsWhatTheCsvHoldsWithNumericValues() throws IOException {
    String provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    Api.actAnonymously();
    byte[] xlsx =
        given()
            .queryParam("provider", provider)
            .queryParam("labels", "both")
            .queryParam("MEASURE", "COOPS")
            .queryParam("format", "xlsx")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .contentType(XLSX)
            .header("Content-Disposition", "attachment; filename=\"observations.xlsx\"")
            .extract()
            .asByteArray();
    String csv =
        given()
            .queryParam("provider", provider)
            .queryParam("labels", "both")
            .queryParam("MEASURE", "COOPS")
            .queryParam("format", "csv")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    List<List<String>> fromCsv = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
      for (CSVRecord record : parser) {
        fromCsv.add(record.toList());
      }
    }
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(rows(sheet, fromCsv.get(0).size())).isEqualTo(fromCsv);
      int value = fromCsv.get(0).indexOf("OBS_VALUE");
      Cell latest = sheet.getRow(fromCsv.size() - 1).getCell(value);
      assertThat(latest.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(latest.getNumericCellValue()).isEqualTo(5605.0);
    }
  }

  @Test
  void theAcceptHeaderAsksForExcelToo() {
    given()
        .accept(XLSX)
        .queryParam("REF_AREA", "CAN")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .contentType(XLSX);
  }

  /** The sheet's cells as text: numbers as CSV writes them (5605, not 5605.0). */
  private static List<List<String>> rows(Sheet sheet, int columns) {
    DataFormatter plain = new DataFormatter();
    List<List<String>> rows = new ArrayList<>();
    for (Row row : sheet) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        Cell cell = row.getCell(i);
        cells.add(
            cell == null
                ? ""
                : cell.getCellType() == CellType.NUMERIC
                    ? new java.math.BigDecimal(Double.toString(cell.getNumericCellValue()))
                        .stripTrailingZeros()
                        .toPlainString()
                    : plain.formatCellValue(cell));
      }
      rows.add(cells);
    }
    return rows;
  }
}
