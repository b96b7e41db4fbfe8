package org.coopstats.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;

/** Upload jobs as a client sees them: bodies big enough to run as jobs, and waiting for the end. */
public final class Jobs {

  private static final String[] AREAS = {
    "CAN", "KOR", "TZA", "ITA", "CRI", "TUR", "FRA", "DEU", "BRA", "IND", "ESP", "PRT", "KEN",
    "UGA", "RWA", "JPN", "MEX", "ARG", "CHL", "PER"
  };

  private Jobs() {}

  /**
   * {@code count} valid, distinct CSV rows of COOPS (areas × months × years, at most 48,000);
   * {@code seed} varies the values so that two bodies of one size differ.
   */
  public static String rows(int count, int seed) {
    if (count > AREAS.length * 12 * 200) {
      throw new IllegalArgumentException("at most 48,000 distinct rows");
    }
    StringBuilder csv = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n");
    int written = 0;
    for (int a = 0; written < count; a++) {
      for (int month = 1; month <= 12 && written < count; month++) {
        for (int year = 1900; year < 2100 && written < count; year++) {
          csv.append(AREAS[a])
              .append(",COOPS,")
              .append(year)
              .append('-')
              .append(month < 10 ? "0" : "")
              .append(month)
              .append(',')
              .append((year * seed + month) % 10000)
              .append('\n');
          written++;
        }
      }
    }
    return csv.toString();
  }

  /**
   * Polls the job over HTTP until it ends (each poll is a round trip, so no sleep paces it); real
   * time only bounds the wait.
   */
  public static JsonPath waitForEnd(String location) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonPath job = given().get(location).then().statusCode(200).extract().jsonPath();
      String status = job.getString("status");
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        return job;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("The job did not end within 60 s: " + location);
  }
}
