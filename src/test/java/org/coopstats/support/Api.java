package org.coopstats.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Steps that many tests take through the public API. */
public final class Api {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Api() {}

  /** Registers a provider with a fresh id, so tests do not see each other's data. */
  public static String newProvider() {
    String id = "TEST" + System.nanoTime() % 1_000_000_000L + "_" + SEQUENCE.incrementAndGet();
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("id", id, "name", "Test provider " + id, "refArea", "CAN"))
        .post("/api/v1/providers")
        .then()
        .statusCode(201);
    return id;
  }

  public static long newDataset(String providerId) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", providerId,
                "title", "Test dataset",
                "sourceKind", "SURVEY",
                "periodBasis", "CALENDAR_YEAR"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  public static void uploadCsv(long datasetId, String csv) {
    given()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/datasets/" + datasetId + "/observations")
        .then()
        .statusCode(200);
  }

  public static void publish(long datasetId) {
    given().post("/api/v1/datasets/" + datasetId + "/publish").then().statusCode(200);
  }

  /** A new provider with one published dataset holding {@code csv}; returns the provider id. */
  public static String publishedProvider(String csv) {
    String provider = newProvider();
    long dataset = newDataset(provider);
    uploadCsv(dataset, csv);
    publish(dataset);
    return provider;
  }
}
