package org.coopstats.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Steps that many tests take through the public API. */
public final class Api {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "test-admin-password";
  public static final String PASSWORD = "a-long-test-password";

  private Api() {}

  /** Sends every request of the calling test as the configured admin (HTTP Basic). */
  public static void actAsAdmin() {
    RestAssured.authentication = RestAssured.preemptive().basic(ADMIN, ADMIN_PASSWORD);
  }

  /**
   * A request to the management interface, the server of its own that serves /q/health and
   * /q/metrics (quarkus.management.*), not the API's.
   */
  public static io.restassured.specification.RequestSpecification management() {
    java.net.URI uri =
        java.net.URI.create(io.quarkus.test.common.http.TestHTTPResourceManager.getManagementUri());
    int port = uri.getPort() > 0 ? uri.getPort() : packagedAppManagementPort();
    return given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(port);
  }

  /**
   * The packaged app (the *IT tests) takes a random management port too, which Quarkus does not
   * pass on to the test as it does the HTTP port: it is read from the app's log.
   */
  private static int packagedAppManagementPort() {
    java.nio.file.Path log = java.nio.file.Path.of("target", "quarkus.log");
    java.util.regex.Pattern listening =
        java.util.regex.Pattern.compile("Management interface listening on https?://[^:]*:(\\d+)");
    int port = -1;
    try {
      for (String line : java.nio.file.Files.readAllLines(log)) {
        java.util.regex.Matcher m = listening.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (port <= 0) {
      throw new IllegalStateException("No management port in " + log);
    }
    return port;
  }

  /** Sends requests without credentials unless a test gives them. */
  public static void actAnonymously() {
    RestAssured.authentication = RestAssured.DEFAULT_AUTH;
  }

  /** Creates a user (as admin) with {@link #PASSWORD}; returns its name. */
  public static String newUser(String providerId, String... roles) {
    String username = "user" + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100000;
    java.util.Map<String, Object> body = new java.util.HashMap<>();
    body.put("username", username);
    body.put("password", PASSWORD);
    body.put("roles", java.util.List.of(roles));
    body.put("providerId", providerId);
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/users")
        .then()
        .statusCode(201);
    return username;
  }

  /** Registers a provider with a fresh id, so tests do not see each other's data. */
  public static String newProvider() {
    String id = "TEST" + System.nanoTime() % 1_000_000_000L + "_" + SEQUENCE.incrementAndGet();
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body(Map.of("id", id, "name", "Test provider " + id, "refArea", "CAN"))
        .post("/api/v1/providers")
        .then()
        .statusCode(201);
    return id;
  }

  public static long newDataset(String providerId) {
    return given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
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

  /** A dataset of {@code structure} (COOP_STATS, CONTEXT, SSE_STATS …) with its source. */
  public static long newDataset(String providerId, String structure, String source) {
    return given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId",
                providerId,
                "title",
                "Test dataset of " + structure,
                "sourceKind",
                "CENSUS",
                "periodBasis",
                "CALENDAR_YEAR",
                "structure",
                structure,
                "source",
                source))
        .post("/api/v1/datasets")
        .then()
        .statusCode(201)
        .body("structure", org.hamcrest.Matchers.is(structure))
        .extract()
        .jsonPath()
        .getLong("id");
  }

  public static void uploadCsv(long datasetId, String csv) {
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/datasets/" + datasetId + "/observations")
        .then()
        .statusCode(200);
  }

  public static void publish(long datasetId) {
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .post("/api/v1/datasets/" + datasetId + "/publish")
        .then()
        .statusCode(200);
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
