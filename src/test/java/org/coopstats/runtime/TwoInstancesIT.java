package org.coopstats.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.coopstats.support.AppProcess;
import org.coopstats.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged instances, A and B, on one database with one spool directory, as an operator runs
 * several: a job submitted to one is seen, followed and cancelled from the other, and stopping or
 * restarting either leaves the other's job running and truthful. A job is held RUNNING for as long
 * as a test needs by locking its dataset's row from here (the upload waits for that lock), so no
 * step depends on how fast an upload runs.
 */
class TwoInstancesIT {

  private static final String ADMIN_PASSWORD = "two-instances-admin";
  private static final Duration STALE_AFTER = Duration.ofSeconds(4);

  private static EmbeddedPostgres postgres;
  @TempDir static Path spool;

  // started once; a test that stops one starts it again before it ends
  private static AppProcess a;
  private static AppProcess b;

  @BeforeAll
  static void startBoth() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    a = instance("A");
    b = instance("B");
  }

  @AfterAll
  static void stopAll() throws Exception {
    a.close();
    b.close();
    postgres.close();
  }

  @Test
  void aJobOnOneInstanceIsSeenFollowedAndCancelledFromTheOther() throws Exception {
    long dataset = newDataset(a);
    long job;
    try (Connection lock = lockDataset(dataset)) {
      job = submit(a, dataset);
      JsonPath running = waitFor(b, job, j -> "RUNNING".equals(j.getString("status")));
      assertThat(running.getString("instance")).isEqualTo("A");
      // followed: A's heartbeat reaches B through the database
      OffsetDateTime first = OffsetDateTime.parse(running.getString("heartbeatAt"));
      waitFor(b, job, j -> OffsetDateTime.parse(j.getString("heartbeatAt")).isAfter(first));
      as(b)
          .delete("/api/v1/jobs/" + job)
          .then()
          .statusCode(202)
          .body("cancelRequested", is(true))
          .body("instance", is("A"));
      lock.rollback();
    }
    JsonPath ended = waitFor(b, job, TwoInstancesIT::ended);
    assertThat(ended.getString("status")).isEqualTo("CANCELLED");
    as(a)
        .get("/api/v1/jobs/" + job)
        .then()
        .statusCode(200)
        .body("status", is("CANCELLED"))
        .body("instance", is("A"));
    as(b).get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
  }

  @Test
  void restartingEitherInstanceLeavesTheOthersJobRunningAndTruthful() throws Exception {
    long dataset = newDataset(a);
    long onA;
    long onB;
    try (Connection lock = lockDataset(dataset)) {
      onA = submit(a, dataset);
      onB = submit(b, dataset);
      waitFor(a, onB, j -> "RUNNING".equals(j.getString("status")));
      waitFor(b, onA, j -> "RUNNING".equals(j.getString("status")));

      assertThat(b.stop(60)).as(b.output()).isTrue();
      b = instance("B");
      // the new B recovered its own earlier job at once (same instance name), not A's
      JsonPath afterRestart = job(b, onA);
      assertThat(afterRestart.getString("status")).isEqualTo("RUNNING");
      assertThat(job(b, onB).getString("status")).isEqualTo("FAILED");
      // and A's heartbeat outlives the stale bound, seen from the restarted B
      OffsetDateTime restarted = OffsetDateTime.now();
      waitFor(
          b,
          onA,
          j ->
              OffsetDateTime.parse(j.getString("heartbeatAt"))
                  .isAfter(restarted.plus(STALE_AFTER)));
      assertThat(job(b, onA).getString("status")).isEqualTo("RUNNING");
      lock.rollback();
    }
    JsonPath ended = waitFor(b, onA, TwoInstancesIT::ended);
    assertThat(ended.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(ended.getLong("rowsStored")).isEqualTo(6);
    as(a).get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(6));
    // B's interrupted job says so, and that nothing of it was stored
    JsonPath interrupted = job(a, onB);
    assertThat(interrupted.getString("result.title")).isEqualTo("Interrupted");
  }

  @Test
  void aKilledInstancesJobIsEndedByTheOtherOnceItsHeartbeatIsStale() throws Exception {
    long dataset = newDataset(a);
    long job;
    try (Connection lock = lockDataset(dataset)) {
      job = submit(a, dataset);
      waitFor(b, job, j -> "RUNNING".equals(j.getString("status")));
      a.kill();
      // B ends it only once A's last heartbeat is older than the stale bound
      JsonPath ended = waitFor(b, job, TwoInstancesIT::ended);
      assertThat(ended.getString("status")).isEqualTo("FAILED");
      assertThat(ended.getString("result.title")).isEqualTo("Interrupted");
      assertThat(
              Duration.between(
                  OffsetDateTime.parse(ended.getString("heartbeatAt")),
                  OffsetDateTime.parse(ended.getString("finishedAt"))))
          .isGreaterThanOrEqualTo(STALE_AFTER);
      lock.rollback();
    }
    // the killed instance's transaction never stored anything, even once the lock was free
    a = instance("A");
    as(a).get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
    as(a).get("/api/v1/jobs/" + job).then().body("status", is("FAILED"));
  }

  private static AppProcess instance(String name) {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("COOPSTATS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("COOPSTATS_UPLOAD_SPOOL_DIR", spool.toString());
    env.put("COOPSTATS_JOBS_INSTANCE_ID", name);
    env.put("COOPSTATS_JOBS_HEARTBEAT_INTERVAL", "500ms");
    env.put("COOPSTATS_JOBS_STALE_AFTER", STALE_AFTER.toSeconds() + "S");
    env.put("COOPSTATS_JOBS_CANCEL_POLL_INTERVAL", "200ms");
    return AppProcess.start(env);
  }

  private static RequestSpecification as(AppProcess app) {
    return given().baseUri(app.baseUri()).auth().preemptive().basic("admin", ADMIN_PASSWORD);
  }

  private static long newDataset(AppProcess app) {
    String provider = "TWO" + System.nanoTime() % 1_000_000_000L;
    as(app)
        .contentType(ContentType.JSON)
        .body(Map.of("id", provider, "name", "Two instances " + provider, "refArea", "CAN"))
        .post("/api/v1/providers")
        .then()
        .statusCode(201);
    return as(app)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", provider,
                "title", "Two instances",
                "sourceKind", "SURVEY",
                "periodBasis", "CALENDAR_YEAR"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static long submit(AppProcess app, long dataset) {
    return as(app)
        .contentType("text/csv")
        .header("Prefer", "respond-async")
        .body(Fixtures.CANADA_SERIES)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /**
   * Holds the dataset's writer lock, as an upload into it does (FOR NO KEY UPDATE), until rolled
   * back.
   */
  private static Connection lockDataset(long dataset) throws SQLException {
    Connection connection = postgres.getPostgresDatabase().getConnection();
    connection.setAutoCommit(false);
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT id FROM dataset WHERE id = ? FOR NO KEY UPDATE")) {
      lock.setLong(1, dataset);
      lock.executeQuery().close();
    }
    return connection;
  }

  private static JsonPath job(AppProcess app, long job) {
    return as(app).get("/api/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
  }

  private static boolean ended(JsonPath job) {
    return !"QUEUED".equals(job.getString("status")) && !"RUNNING".equals(job.getString("status"));
  }

  /** Polls the job on {@code app} until {@code condition} holds; a real process takes real time. */
  private static JsonPath waitFor(AppProcess app, long job, Predicate<JsonPath> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonPath last = null;
    while (System.nanoTime() < deadline) {
      last = job(app, job);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Job " + job + " never got there; last seen: " + last.prettify());
  }
}
