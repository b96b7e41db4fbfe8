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
    "2021-12, 2021-12-01, 2021-12-31",
    "2023-Q2, 2023-04-01, 2023-06-30",
    "2023-Q3, 2023-07-01, 2023-09-30",
    "2023-10, 2023-10-01, 2023-10-31",
    "0999, 0999-01-01, 0999-12-31"
  })
  void parsesYearsQuartersAndMonths(String text, LocalDate start, LocalDate end) {
    TimePeriod period = TimePeriod.parse(text).orElseThrow();
    assertThat(period.start()).isEqualTo(start);
    assertThat(period.end()).isEqualTo(end);
    assertThat(period.toString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "''{0}'' is not a period")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "21",
        "2021/22",
        "2021-Q5",
        "2021-13",
        "2021-1",
        "FY2021",
        " 2021",
        "2021 ",
        "202",
        "20211",
        "202A",
        "2021-",
        "2021-Q0",
        "2021-q1",
        "2021-Q",
        "2021-Q12",
        "2021-00",
        "2021-001",
        "2021-1a",
        "2021_01",
        "2021-07-01",
        "\u0662\u0660\u0662\u0661", // Arabic-Indic digits are not 0-9
        "\uff12\uff10\uff12\uff11-07" // nor are fullwidth ones
      })
  void rejectsEverythingElse(String text) {
    assertThat(TimePeriod.parse(text)).isEmpty();
  }
}
