package org.coopstats.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.coopstats.catalog.DataStructure;
import org.coopstats.support.TestStructure;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.TimePeriod;
import org.junit.jupiter.api.Test;

/** The in-memory table of a submission's rows: finding rows and keeping duplicates apart. */
class SubmissionRowsTest {

  private static final DataStructure STRUCTURE = TestStructure.coopStats();
  private static final String[] AREAS = {"CAN", "CA-QC", "CA-ON"};
  private static final String[] TYPES = {"_T", "PROD", "CONS", "WORK"};

  @Test
  void everyRowIsFoundByItsKeyAndPeriodThroughManyRehashes() {
    SubmissionRows rows = new SubmissionRows(STRUCTURE);
    List<List<String>> keys = new ArrayList<>();
    List<String> periods = new ArrayList<>();
    long line = 1;
    for (int year = 1000; year < 9000; year++) {
      for (String area : AREAS) {
        for (String type : TYPES) {
          List<String> key = List.of(area, "COOPS", type, "_T", "_T", "_Z", "_Z", "_Z");
          rows.add(row(++line, key, Integer.toString(year), year));
          keys.add(key);
          periods.add(Integer.toString(year));
        }
      }
    }
    assertThat(rows.size()).isEqualTo(96_000);
    for (int i = 0; i < keys.size(); i++) {
      int found = rows.find(keys.get(i), periods.get(i));
      assertThat(found).isEqualTo(i);
      assertThat(rows.periodText(found)).isEqualTo(periods.get(i));
      assertThat(rows.seriesKey(rows.key(found))).isEqualTo(String.join(".", keys.get(i)));
    }
    assertThat(rows.find(keys.get(0), "9000")).isEqualTo(-1);
    assertThat(rows.find(List.of("CAN", "COOPS", "_T", "_T", "_T", "_Z", "_Z", "F"), "1000"))
        .isEqualTo(-1);
    assertThat(rows.duplicates()).isEmpty();
  }

  @Test
  void aRepeatedKeyAndPeriodIsADuplicateOfTheFirstRow() {
    SubmissionRows rows = new SubmissionRows(STRUCTURE);
    List<String> key = List.of("CAN", "COOPS", "_T", "_T", "_T", "_Z", "_Z", "_Z");
    for (int year = 2000; year < 7000; year++) {
      rows.add(row(year, key, Integer.toString(year), year));
    }
    rows.add(row(8000, key, "2021", 1));
    rows.add(row(8001, key, "6999", 2));
    rows.add(row(8002, key, "2021", 3));
    assertThat(rows.size()).isEqualTo(5000);
    assertThat(rows.duplicates())
        .containsExactly((21L << 32) | 8000, (21L << 32) | 8002, (4999L << 32) | 8001);
    assertThat(rows.value(rows.find(key, "2021"))).isEqualByComparingTo("2021");
  }

  private static CheckedObservation row(long line, List<String> key, String period, long value) {
    return new CheckedObservation(
        RowRef.csvLine(line),
        key,
        TestStructure.positions(STRUCTURE, key),
        TimePeriod.parse(period).orElseThrow(),
        BigDecimal.valueOf(value),
        "A",
        "F",
        "NUMBER",
        0,
        null,
        false);
  }
}
