package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.Assertions;
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

  /**
   * A zip bomb under POI's 100:1 ratio guard: shared strings that inflate to 12 MiB, past the 8 MiB
   * the test profile's max-bytes (1 MiB) allows, from a body of a few hundred KB.
   */
  @Test
  void aWorkbookWhoseSharedStringsInflatePastTheBoundIsRefusedUnread() throws IOException {
    long dataset = Api.newDataset(Api.newProvider());
    byte[] bomb = withPart(validWorkbook(), SHARED_STRINGS, XlsxUploadTest::bulkySharedStrings);
    assertUnder100To1(bomb);
    assertRefused(
        given().contentType(XLSX).body(bomb).post("/api/v1/datasets/" + dataset + "/observations"),
        "coopstats.upload.max-bytes",
        8L * 1048576);
    assertNothingStored(dataset);

    // as a job too: refused at once, not queued
    assertRefused(
        given()
            .contentType(XLSX)
            .header("Prefer", "respond-async")
            .body(bomb)
            .post("/api/v1/datasets/" + dataset + "/observations"),
        "coopstats.upload.max-bytes",
        8L * 1048576);
    given()
        .queryParam("dataset", dataset)
        .get("/api/v1/jobs")
        .then()
        .statusCode(200)
        .body("total", is(0));
  }

  /** A zip entry may declare a small size and inflate to much more: the bytes are counted. */
  @Test
  void aPartThatInflatesPastWhatItsZipEntryDeclaresIsStopped() throws IOException {
    long dataset = Api.newDataset(Api.newProvider());
    byte[] bomb =
        withPart(
            validWorkbook(),
            SHARED_STRINGS,
            (out, original) -> {
              // the workbook's strings, then 12 MiB in an element of another namespace, which
              // is no string: the string budget does not apply
              out.write(openSst(original));
              out.write("<x:note xmlns:x=\"urn:coopstats:test\">".getBytes(StandardCharsets.UTF_8));
              filler(out, 12 << 20);
              out.write("</x:note></sst>".getBytes(StandardCharsets.UTF_8));
            });
    assertUnder100To1(bomb);
    byte[] lying = declareSize(bomb, SHARED_STRINGS, 2000);
    given()
        .contentType(XLSX)
        .body(lying)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString("inflated past that while being read"))
        .body("detail", containsString("declared 2000 bytes"))
        .body("setting", is("coopstats.upload.max-bytes"));
    assertNothingStored(dataset);
  }

  @Test
  void sharedStringsHaveABudgetOfStringsAndCharacters() throws IOException {
    long dataset = Api.newDataset(Api.newProvider());
    // the test profile allows 20,000 strings and 2,000,000 characters
    byte[] manyStrings =
        withPart(
            validWorkbook(),
            SHARED_STRINGS,
            (out, original) -> {
              out.write(openSst(original));
              for (int i = 0; i < 20_001; i++) {
                out.write(("<si><t>c" + i + "</t></si>").getBytes(StandardCharsets.UTF_8));
              }
              out.write("</sst>".getBytes(StandardCharsets.UTF_8));
            });
    assertRefused(
        given()
            .contentType(XLSX)
            .body(manyStrings)
            .post("/api/v1/datasets/" + dataset + "/observations"),
        "coopstats.upload.xlsx-max-shared-strings",
        20_000);
    byte[] longStrings =
        withPart(
            validWorkbook(),
            SHARED_STRINGS,
            (out, original) -> {
              out.write(openSst(original));
              for (int i = 0; i < 21; i++) {
                out.write("<si><t>".getBytes(StandardCharsets.UTF_8));
                filler(out, 100_000);
                out.write("</t></si>".getBytes(StandardCharsets.UTF_8));
              }
              out.write("</sst>".getBytes(StandardCharsets.UTF_8));
            });
    assertRefused(
        given()
            .contentType(XLSX)
            .body(longStrings)
            .post("/api/v1/datasets/" + dataset + "/observations"),
        "coopstats.upload.xlsx-max-shared-string-chars",
        2_000_000);
    assertNothingStored(dataset);
  }

  /** POI collects a cell's text whole: a row is bounded as a CSV line is. */
  @Test
  void aRowLongerThanALineMayBeIsAFormatFault() throws IOException {
    long dataset = Api.newDataset(Api.newProvider());
    byte[] workbook =
        withPart(
            validWorkbook(),
            "xl/worksheets/sheet1.xml",
            (out, original) -> {
              out.write(
                  ("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                          + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
                      .getBytes(StandardCharsets.UTF_8));
              filler(out, 100_001); // the test profile's max-line-length is 100,000
              out.write(
                  "</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            });
    given()
        .contentType(XLSX)
        .body(workbook)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422)
        .body("errors[0].rule", is("FORMAT"))
        .body("errors[0].line", is(1))
        .body("errors[0].message", containsString("coopstats.upload.max-line-length"));
  }

  private static final String SHARED_STRINGS = "xl/sharedStrings.xml";

  /** A shared-strings part without its end tag: the workbook's own strings come first. */
  private static byte[] openSst(byte[] original) {
    String xml = new String(original, StandardCharsets.UTF_8);
    Assertions.assertThat(xml).endsWith("</sst>");
    return xml.substring(0, xml.length() - "</sst>".length()).getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRefused(
      io.restassured.response.Response response, String setting, long limit) {
    response
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", endsWith("/problems/payload-too-large"))
        .body("detail", containsString(setting))
        .body("setting", is(setting))
        .body("limit", is(limit > Integer.MAX_VALUE ? (Object) limit : (Object) (int) limit));
  }

  private static void assertNothingStored(long dataset) {
    given()
        .get("/api/v1/datasets/" + dataset)
        .then()
        .statusCode(200)
        .body("summary.draftObservations", is(0));
    given().get("/api/v1/datasets/" + dataset + "/submissions").then().body("total", is(0));
  }

  /** A workbook that uploads: its strings are in a shared-strings part. */
  private static byte[] validWorkbook() throws IOException {
    return workbook(
        new Object[] {"REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE"},
        new Object[] {"CAN", "COOPS", "2021", 5605d});
  }

  /** About 12 MiB of shared strings, each mostly like the one before, compressing about 20:1. */
  private static void bulkySharedStrings(OutputStream out, byte[] original) throws IOException {
    out.write(openSst(original));
    String common = "Cooperative registered under the national act, comment ".repeat(3);
    Random random = new Random(12);
    for (long written = 0; written < 12 << 20; ) {
      String si = "<si><t>" + common + Long.toHexString(random.nextLong()) + "</t></si>";
      byte[] bytes = si.getBytes(StandardCharsets.UTF_8);
      out.write(bytes);
      written += bytes.length;
    }
    out.write("</sst>".getBytes(StandardCharsets.UTF_8));
  }

  /** Text that compresses about 25:1 (under POI's 100:1 guard): a phrase with random numbers. */
  private static void filler(OutputStream out, long chars) throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (long left = chars; left > 0; ) {
      text.setLength(0);
      while (text.length() < 65536) {
        text.append("cooperative registered under the national act ").append(random.nextInt(100));
        text.append(' ');
      }
      int n = (int) Math.min(left, text.length());
      out.write(text.substring(0, n).getBytes(StandardCharsets.US_ASCII));
      left -= n;
    }
  }

  private static void assertUnder100To1(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        long inflated = in.transferTo(OutputStream.nullOutputStream());
        long compressed = entry.getCompressedSize();
        Assertions.assertThat(inflated).isLessThan(100 * Math.max(compressed, 1));
      }
    }
    Assertions.assertThat(zip.length).isLessThan(1048576); // within the test's max-bytes
  }

  interface PartWriter {
    void write(OutputStream out, byte[] original) throws IOException;
  }

  /** The workbook with one part's content replaced. */
  private static byte[] withPart(byte[] workbook, String name, PartWriter content)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      boolean found = false;
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(name)) {
          found = true;
          content.write(out, in.readAllBytes());
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
      Assertions.assertThat(found).as(name).isTrue();
    }
    return bytes.toByteArray();
  }

  /** The zip with {@code name}'s uncompressed size in the central directory set to a lie. */
  private static byte[] declareSize(byte[] zip, String name, int size) {
    ByteBuffer buffer = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
    int end = zip.length - 22;
    while (buffer.getInt(end) != 0x06054b50) {
      end--;
    }
    int entries = buffer.getShort(end + 10) & 0xFFFF;
    int at = buffer.getInt(end + 16);
    boolean patched = false;
    for (int i = 0; i < entries; i++) {
      Assertions.assertThat(buffer.getInt(at)).isEqualTo(0x02014b50);
      int nameLength = buffer.getShort(at + 28) & 0xFFFF;
      String entryName = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
      if (entryName.equals(name)) {
        buffer.putInt(at + 24, size);
        patched = true;
      }
      at +=
          46
              + nameLength
              + (buffer.getShort(at + 30) & 0xFFFF)
              + (buffer.getShort(at + 32) & 0xFFFF);
    }
    Assertions.assertThat(patched).isTrue();
    return buffer.array();
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
