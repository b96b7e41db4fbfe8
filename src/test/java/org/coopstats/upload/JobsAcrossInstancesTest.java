package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.coopstats.support.Api;
import org.coopstats.support.Jobs;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Several instances on one database. "Another instance" is a job row owned by another instance
 * name, with a heartbeat the test sets, as that instance would write it; this instance's recovery
 * (what it runs at start-up and on every heartbeat) is called directly, and time moves on the jobs'
 * clock instead of by sleeping.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(TestClockProfile.class)
class JobsAcrossInstancesTest {

  @Inject UploadJobService jobs;
  @Inject MutableClock clock;
  @Inject DataSource dataSource;

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void recoveryEndsOnlyTheJobsOfInstancesWhoseHeartbeatIsStale() throws SQLException {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    long live = otherInstancesJob(dataset, provider, "other-live", Duration.ofSeconds(20), null);
    long dead = otherInstancesJob(dataset, provider, "other-dead", Duration.ofMinutes(2), null);
    long storedThenDied =
        otherInstancesJob(dataset, provider, "other-dead", Duration.ofMinutes(2), "stored_at");
    long cancelledThenDied =
        otherInstancesJob(
            dataset, provider, "other-dead", Duration.ofMinutes(2), "cancel_requested_at");

    assertThat(jobs.recoverStale()).contains(dead, storedThenDied, cancelledThenDied);

    given()
        .get("/api/v1/jobs/" + live)
        .then()
        .statusCode(200)
        .body("status", is("RUNNING"))
        .body("instance", is("other-live"))
        .body("rowsRead", is(1234))
        .body("phase", is("reading and checking rows"));
    given()
        .get("/api/v1/jobs/" + dead)
        .then()
        .body("status", is("FAILED"))
        .body("result.title", is("Interrupted"))
        .body("phase", is("done"));
    given().get("/api/v1/jobs/" + storedThenDied).then().body("status", is("SUCCEEDED"));
    given()
        .get("/api/v1/jobs/" + cancelledThenDied)
        .then()
        .body("status", is("CANCELLED"))
        .body("result.title", is("Cancelled"));

    // the live instance falls silent: once its heartbeat is stale, its job is recovered too
    clock.advance(Duration.ofSeconds(30));
    assertThat(jobs.recoverStale()).doesNotContain(live);
    clock.advance(Duration.ofSeconds(20));
    assertThat(jobs.recoverStale()).contains(live);
    given().get("/api/v1/jobs/" + live).then().body("status", is("FAILED"));

    // a terminal state never changes: a later recovery leaves it as it is
    clock.advance(Duration.ofHours(1));
    assertThat(jobs.recoverStale()).doesNotContain(live, dead, storedThenDied, cancelledThenDied);
    given().get("/api/v1/jobs/" + storedThenDied).then().body("status", is("SUCCEEDED"));
  }

  @Test
  void aJobRunningOnAnotherInstanceIsCancelledFromThisOneAndTheCancelOutlivesItsOwner()
      throws SQLException {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    long job = otherInstancesJob(dataset, provider, "other-live", Duration.ZERO, null);

    given()
        .delete("/api/v1/jobs/" + job)
        .then()
        .statusCode(202)
        .body("cancelRequested", is(true))
        .body("status", is("RUNNING"));
    // recorded where its owner looks for it; the owner has not ended it yet
    assertThat(column(job, "cancel_requested_at")).isNotNull();
    given()
        .get("/api/v1/jobs/" + job)
        .then()
        .body("status", is("RUNNING"))
        .body("cancelRequested", is(true));

    // the owner dies before it honours the cancel: the 202 still ends CANCELLED
    clock.advance(Duration.ofMinutes(2));
    assertThat(jobs.recoverStale()).contains(job);
    given().get("/api/v1/jobs/" + job).then().body("status", is("CANCELLED"));
  }

  @Test
  void aJobThatAnotherInstanceHasBegunToStoreCannotBeCancelled() throws SQLException {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    long job = otherInstancesJob(dataset, provider, "other-live", Duration.ZERO, "settled_at");
    given().delete("/api/v1/jobs/" + job).then().statusCode(409);
    assertThat(column(job, "cancel_requested_at")).isNull();
  }

  @RepeatedTest(3)
  void aCancelRecordedInTheDatabaseIsHonouredByTheInstanceRunningTheJob() throws SQLException {
    long dataset = Api.newDataset(Api.newProvider());
    String location =
        given()
            .contentType("text/csv")
            .header("Prefer", "respond-async")
            .body(Jobs.rows(20000, 1))
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(202)
            .body("instance", is(jobs.instanceId()))
            .extract()
            .header("Location");
    long job = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    // as another instance records a cancel: only while the owner has not decided to store
    int accepted =
        update(
            "UPDATE upload_job SET cancel_requested_at = now() WHERE id = ? AND status IN"
                + " ('QUEUED', 'RUNNING') AND settled_at IS NULL",
            job);
    JsonPath ended = Jobs.waitForEnd(location);
    if (accepted == 1) {
      assertThat(ended.getString("status")).isEqualTo("CANCELLED");
      given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
    } else {
      assertThat(ended.getString("status")).isEqualTo("SUCCEEDED");
      given()
          .get("/api/v1/datasets/" + dataset)
          .then()
          .body("summary.draftObservations", is(20000));
    }
  }

  @Test
  void thisInstancesOwnRunningJobIsNeverRecoveredWhileItRuns() throws SQLException {
    long dataset = Api.newDataset(Api.newProvider());
    String location =
        given()
            .contentType("text/csv")
            .header("Prefer", "respond-async")
            .body(Jobs.rows(20000, 1))
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    long job = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    // its heartbeat is stale by the clock (the test's heartbeat never runs), yet it is running here
    clock.advance(Duration.ofMinutes(5));
    assertThat(jobs.recoverStale()).doesNotContain(job);
    assertThat(Jobs.waitForEnd(location).getString("status")).isEqualTo("SUCCEEDED");
  }

  /** A running job as another instance would have written it, heartbeat {@code age} ago. */
  private long otherInstancesJob(
      long dataset, String provider, String instance, Duration age, String alsoSet)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO upload_job (dataset_id, provider_id, actor, status, format, mode,"
                    + " dry_run, bytes, rows_read, rows_checked, created_at, started_at,"
                    + " owner_instance, heartbeat_at, phase"
                    + (alsoSet == null ? "" : ", " + alsoSet)
                    + ") VALUES (?, ?, 'admin', 'RUNNING', 'CSV', 'MERGE', false, 4096, 1234, 1200,"
                    + " ?, ?, ?, ?, 'reading and checking rows'"
                    + (alsoSet == null ? "" : ", ?")
                    + ") RETURNING id")) {
      insert.setLong(1, dataset);
      insert.setString(2, provider);
      insert.setObject(3, now.minus(age).minusMinutes(1));
      insert.setObject(4, now.minus(age).minusMinutes(1));
      insert.setString(5, instance);
      insert.setObject(6, now.minus(age));
      if (alsoSet != null) {
        insert.setObject(7, now.minus(age));
      }
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Object column(long job, String column) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT " + column + " FROM upload_job WHERE id = ?")) {
      select.setLong(1, job);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getObject(1);
      }
    }
  }

  private int update(String sql, long job) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement(sql)) {
      update.setLong(1, job);
      return update.executeUpdate();
    }
  }
}
