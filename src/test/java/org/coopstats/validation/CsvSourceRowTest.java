package org.coopstats.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopstats.upload.CsvRowSource;
import org.coopstats.upload.RowSource;
import org.junit.jupiter.api.Test;

/** What the row checks see of a CSV row: its values by (upper-case) column name. */
class CsvSourceRowTest {

  @Test
  void valuesAreFoundByColumnName() {
    List<SourceRow> rows =
        read("ref_area, Measure ,TIME_PERIOD\nCAN,COOPS,2021\nFRA, MEMBERS ,2022\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).value("REF_AREA")).isEqualTo("CAN");
    assertThat(rows.get(0).value("MEASURE")).isEqualTo("COOPS");
    assertThat(rows.get(0).value("TIME_PERIOD")).isEqualTo("2021");
    assertThat(rows.get(1).value("REF_AREA")).isEqualTo("FRA");
    assertThat(rows.get(1).value("MEASURE")).isEqualTo("MEMBERS");
    assertThat(rows.get(1).ref()).isEqualTo(RowRef.csvLine(3));
    assertThat(rows.get(1).values())
        .isEqualTo(Map.of("REF_AREA", "FRA", "MEASURE", "MEMBERS", "TIME_PERIOD", "2022"));
  }

  @Test
  void absentAndBlankColumnsAreMissing() {
    SourceRow row = read("REF_AREA;MEASURE;SEX\n  ;COOPS;\"  \"\n").get(0);
    assertThat(row.value("REF_AREA")).isNull();
    assertThat(row.value("SEX")).isNull();
    assertThat(row.value("OBS_VALUE")).isNull();
    assertThat(row.value("ref_area")).isNull();
    assertThat(row.values()).containsKey("REF_AREA").doesNotContainKey("OBS_VALUE").hasSize(3);
  }

  @Test
  void aRepeatedColumnIsAFormatErrorNotALastValueWins() {
    Read read = readAll("REF_AREA,MEASURE,ref_area\nCAN,COOPS,FRA\n");
    assertThat(read.rows).isEmpty();
    assertThat(read.faults).hasSize(1);
    assertThat(read.faults.get(0).line()).isEqualTo(1L);
    assertThat(read.faults.get(0).column()).isEqualTo("REF_AREA");
    assertThat(read.faults.get(0).rule()).isEqualTo("FORMAT");
  }

  @Test
  void quotedValuesKeepSeparatorsQuotesAndLineBreaks() {
    List<SourceRow> rows =
        read(
            "REF_AREA,MEASURE,COMMENT_OBS\n"
                + "CAN,COOPS,\"a, b; \"\"c\"\"\nsecond line\"\n"
                + "\"FRA\",\" MEMBERS \",\"\"\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).value("COMMENT_OBS")).isEqualTo("a, b; \"c\"\nsecond line");
    assertThat(rows.get(1).value("REF_AREA")).isEqualTo("FRA");
    assertThat(rows.get(1).value("MEASURE")).isEqualTo("MEMBERS");
    assertThat(rows.get(1).value("COMMENT_OBS")).isNull();
    // A row's line is its record's number: the line break inside the quotes is not counted.
    assertThat(rows.get(1).ref()).isEqualTo(RowRef.csvLine(3));
  }

  @Test
  void aLoneCarriageReturnInsideQuotesStaysInTheValue() {
    // FastCSV 4.1 lost such a value and ran the record on into the next line.
    List<SourceRow> rows = read("REF_AREA,COMMENT_OBS\nCAN,\"a\rb\"\nFRA,\"c\r\"\nDEU,d\n");
    assertThat(rows)
        .extracting(r -> r.values().get("COMMENT_OBS"))
        .containsExactly("a\rb", "c", "d");
    assertThat(rows).extracting(r -> r.value("REF_AREA")).containsExactly("CAN", "FRA", "DEU");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnName() {
    List<String> header = new ArrayList<>();
    Read read = readAll("\uFEFFref_area;MEASURE\nCAN;COOPS\n", header);
    assertThat(header).containsExactly("REF_AREA", "MEASURE");
    assertThat(read.rows.get(0).value("REF_AREA")).isEqualTo("CAN");
  }

  @Test
  void theHeaderTellsTheSeparator() {
    SourceRow semicolons = read("REF_AREA;MEASURE;OBS_VALUE\nCAN;COOPS;1,5\n").get(0);
    assertThat(semicolons.value("OBS_VALUE")).isEqualTo("1,5");
    assertThat(semicolons.value("MEASURE")).isEqualTo("COOPS");
    // A header with both is comma separated.
    SourceRow commas = read("REF_AREA,MEASURE;SEX\nCAN,COOPS;F\n").get(0);
    assertThat(commas.value("MEASURE;SEX")).isEqualTo("COOPS;F");
  }

  @Test
  void crlfLineEndingsAreNotPartOfTheValues() {
    List<SourceRow> rows = read("REF_AREA,OBS_VALUE\r\nCAN,1\r\nFRA,\"2\"\r\n");
    assertThat(rows).extracting(r -> r.values().get("OBS_VALUE")).containsExactly("1", "2");
    assertThat(rows)
        .extracting(SourceRow::ref)
        .containsExactly(RowRef.csvLine(2), RowRef.csvLine(3));
  }

  @Test
  void blankLinesAreSkippedAndNotCounted() {
    List<SourceRow> rows = read("REF_AREA,OBS_VALUE\n\nCAN,1\n\n\r\n\nFRA,2\n\n");
    assertThat(rows).extracting(r -> r.value("REF_AREA")).containsExactly("CAN", "FRA");
    assertThat(rows)
        .extracting(SourceRow::ref)
        .containsExactly(RowRef.csvLine(2), RowRef.csvLine(3));
  }

  @Test
  void aRecordOfTheWrongWidthIsAFormatErrorOnItsLine() {
    Read read = readAll("REF_AREA,OBS_VALUE\nCAN,1\nFRA\nDEU,3,4\n\"x\ny\",5\n");
    assertThat(read.rows)
        .extracting(SourceRow::ref)
        .containsExactly(RowRef.csvLine(2), RowRef.csvLine(5));
    assertThat(read.faults).extracting(ValidationIssue::line).containsExactly(3L, 4L);
    assertThat(read.faults).extracting(ValidationIssue::rule).containsOnly("FORMAT");
    assertThat(read.faults.get(0).message())
        .isEqualTo(
            "This line has 1 fields but the header has 2. Check for a missing or extra comma or"
                + " an unquoted one inside a value.");
    assertThat(readAll("REF_AREA;OBS_VALUE\nCAN;1;2\n").faults.get(0).message())
        .isEqualTo(
            "This line has 3 fields but the header has 2. Check for a missing or extra semicolon"
                + " or an unquoted one inside a value.");
  }

  @Test
  void anUnclosedQuoteAtTheEndIsAFormatError() {
    Read read = readAll("REF_AREA,COMMENT_OBS\nCAN,x\nFRA,\"cut off\nDEU,y\n");
    assertThat(read.rows).extracting(r -> r.value("REF_AREA")).containsExactly("CAN");
    assertThat(read.faults).hasSize(1);
    ValidationIssue fault = read.faults.get(0);
    assertThat(fault.rule()).isEqualTo("FORMAT");
    assertThat(fault.line()).isEqualTo(3L);
    assertThat(fault.message())
        .startsWith("The CSV cannot be read after line 2 (")
        .endsWith("). Check for an unclosed quote.");
    // Also when the quote opens the header's first name.
    assertThat(readAll("\"REF_AREA,COMMENT_OBS\nCAN,x\n").faults)
        .extracting(ValidationIssue::message)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("Check for an unclosed quote.");
  }

  @Test
  void blanksAfterAClosingQuoteAreIgnoredAndAnythingElseIsAFormatError() {
    SourceRow row = read("REF_AREA,MEASURE\n\"CAN\"  ,\"COOPS\" \t\n").get(0);
    assertThat(row.values().get("REF_AREA")).isEqualTo("CAN");
    assertThat(row.values().get("MEASURE")).isEqualTo("COOPS");
    Read read = readAll("REF_AREA,MEASURE\nFRA,COOPS\n\"CAN\" \"x\",COOPS\nDEU,COOPS\n");
    assertThat(read.rows).extracting(r -> r.value("REF_AREA")).containsExactly("FRA");
    assertThat(read.faults).extracting(ValidationIssue::line).containsExactly(3L);
    assertThat(read.faults.get(0).message()).startsWith("The CSV cannot be read after line 2 (");
  }

  @Test
  void aQuoteInsideAnUnquotedValueIsKept() {
    SourceRow row = read("REF_AREA,COMMENT_OBS\nCAN,5\" screen\n").get(0);
    assertThat(row.value("COMMENT_OBS")).isEqualTo("5\" screen");
  }

  @Test
  void aLineOverTheLimitIsAFormatError() {
    Read read = readAll("REF_AREA,COMMENT_OBS\nCAN,x\nFRA," + "y".repeat(2000) + "\n");
    assertThat(read.faults).extracting(ValidationIssue::line).containsExactly(3L);
    assertThat(read.faults.get(0).message()).startsWith("Line 3 is too long (");
  }

  @Test
  void invalidUtf8IsAFormatErrorOfItsLineAndColumn() {
    StringBuilder csv = new StringBuilder("REF_AREA,OBS_VALUE\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append("CAN,").append(i).append('\n');
    }
    byte[] valid = csv.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(valid, valid.length + 6);
    System.arraycopy(new byte[] {'F', 'R', 'A', ',', (byte) 0xC3, '\n'}, 0, bytes, valid.length, 6);
    Read read = readAll(bytes, new ArrayList<>());
    assertThat(read.faults).hasSize(1);
    ValidationIssue fault = read.faults.get(0);
    // The faulty line itself (the decoder reads ahead, so its own error named an earlier one).
    assertThat(fault.line()).isEqualTo(20_002L);
    assertThat(fault.message()).contains("OBS_VALUE").contains("not valid UTF-8");
    assertThat(read.rows).hasSize(20_000);
  }

  private record Read(List<SourceRow> rows, List<ValidationIssue> faults) {}

  private static Read readAll(String csv) {
    return readAll(csv, new ArrayList<>());
  }

  private static Read readAll(String csv, List<String> header) {
    return readAll(csv.getBytes(StandardCharsets.UTF_8), header);
  }

  private static Read readAll(byte[] csv, List<String> header) {
    List<SourceRow> rows = new ArrayList<>();
    List<ValidationIssue> faults = new ArrayList<>();
    new CsvRowSource(new ByteArrayInputStream(csv), 1000)
        .read(
            new RowSource.Sink() {
              @Override
              public boolean header(List<String> columns) {
                header.addAll(columns);
                return true;
              }

              @Override
              public void row(SourceRow row) {
                rows.add(row);
              }
            },
            faults::add);
    return new Read(rows, faults);
  }

  @Test
  void valuesWithTheSameHashCodeAreToldApart() {
    // "Aa" and "BB" share String.hashCode: the reader's memory of a column's values must compare
    // the characters, not only the hash.
    StringBuilder csv = new StringBuilder("REF_AREA,MEASURE\n");
    for (int i = 0; i < 200; i++) {
      csv.append(i % 2 == 0 ? "Aa" : "BB").append(",M").append(i % 3).append('\n');
    }
    List<SourceRow> rows = read(csv.toString());
    assertThat(rows).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(rows.get(i).value("REF_AREA")).isEqualTo(i % 2 == 0 ? "Aa" : "BB");
      assertThat(rows.get(i).value("MEASURE")).isEqualTo("M" + (i % 3));
    }
  }

  private static List<SourceRow> read(String csv) {
    List<SourceRow> rows = new ArrayList<>();
    List<ValidationIssue> faults = new ArrayList<>();
    new CsvRowSource(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1000)
        .read(
            new RowSource.Sink() {
              @Override
              public boolean header(List<String> columns) {
                return true;
              }

              @Override
              public void row(SourceRow row) {
                rows.add(row);
              }
            },
            faults::add);
    assertThat(faults).isEmpty();
    return rows;
  }
}
