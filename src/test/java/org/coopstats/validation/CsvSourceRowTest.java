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
  void aRepeatedColumnReadsItsLastValue() {
    SourceRow row = read("REF_AREA,MEASURE,ref_area\nCAN,COOPS,FRA\n").get(0);
    assertThat(row.value("REF_AREA")).isEqualTo("FRA");
    assertThat(row.values()).hasSize(2);
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
