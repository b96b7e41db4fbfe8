package org.coopstats.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimePeriodTest {

  @ParameterizedTest(name = "{0} runs from {1} to {2}")
  @CsvSource({
    "2021, 2021-01-01, 2021-12-31",
    "2021-Q1, 2021-01-01, 2021-03-31",
    "2020-Q4, 2020-10-01, 2020-12-31",
    "2024-02, 2024-02-01, 2024-02-29",
    "2021-12, 2021-12-01, 2021-12-31"
  })
  void parsesYearsQuartersAndMonths(String text, LocalDate start, LocalDate end) {
    TimePeriod period = TimePeriod.parse(text).orElseThrow();
    assertThat(period.start()).isEqualTo(start);
    assertThat(period.end()).isEqualTo(end);
    assertThat(period.toString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "''{0}'' is not a period")
  @NullAndEmptySource
  @ValueSource(strings = {"21", "2021/22", "2021-Q5", "2021-13", "2021-1", "FY2021", " 2021"})
  void rejectsEverythingElse(String text) {
    assertThat(TimePeriod.parse(text)).isEmpty();
  }
}
