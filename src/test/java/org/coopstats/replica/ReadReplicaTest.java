package org.coopstats.replica;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.coopstats.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Public reads of released data through a real streaming replica: served by it once it has reached
 * the release, by the primary while it lags behind (never the old data) or is down (never an
 * error). The response cache is off, so every read is routed and counted.
 */
@QuarkusTest
@WithTestResource(StreamingReplicaResource.class)
@TestProfile(ReplicaProfile.class)
class ReadReplicaTest {

  /** How long the replica may take to replay a release on a loaded machine: a bound, not a wait. */
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  @Inject MeterRegistry registry;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void releasedReadsGoToTheReplicaOnlyOnceItHasReachedTheRelease() throws Exception {
    String provider = Api.newProvider();
    long first = Api.newDataset(provider);
    Api.uploadCsv(first, rows("KOR", 10));
    Api.publish(first);
    String json = "/api/v1/observations?provider=" + provider + "&limit=100";
    String sdmx = "/sdmx/v2.1/data/COOP_STATS/all/" + provider + "?format=csv";

    // (1) the replica has reached the release: it serves it
    await(() -> routed("replica", () -> items(given().get(json)) == 5));
    double replica = count("replica");
    Response sdmxAnswer = given().get(sdmx);
    assertThat(sdmxAnswer.statusCode()).isEqualTo(200);
    assertThat(sdmxAnswer.asString()).contains("KOR");
    assertThat(count("replica")).isGreaterThan(replica);

    // (2) replay paused: a new release is read on the primary at once, never the old data
    onStandby("SELECT pg_wal_replay_pause()");
    await(() -> "paused".equals(onStandby("SELECT pg_get_wal_replay_pause_state()")));
    long second = Api.newDataset(provider);
    Api.uploadCsv(second, rows("CAN", 20));
    Api.publish(second);
    double replicaBefore = count("replica");
    double primaryBefore = count("primary");
    assertThat(items(given().get(json))).isEqualTo(10);
    Response lagging = given().get(sdmx);
    assertThat(lagging.statusCode()).isEqualTo(200);
    assertThat(lagging.asString()).contains("KOR").contains("CAN");
    assertThat(count("replica")).isEqualTo(replicaBefore);
    assertThat(count("primary")).isGreaterThanOrEqualTo(primaryBefore + 2);

    // (3) replay resumed: once the replica has caught up, it serves the new release
    onStandby("SELECT pg_wal_replay_resume()");
    await(() -> routed("replica", () -> items(given().get(json)) == 10));
    double caughtUp = count("replica");
    assertThat(given().get(sdmx).asString()).contains("CAN");
    assertThat(count("replica")).isGreaterThan(caughtUp);

    // (4) the standby stopped: every read still answers, from the primary
    StreamingReplicaResource.stopStandby();
    double down = count("replica");
    double primaryOrFallback = count("primary") + count("fallback");
    for (int i = 0; i < 3; i++) {
      assertThat(items(given().get(json))).isEqualTo(10);
      Response sdmxDown = given().get(sdmx);
      assertThat(sdmxDown.statusCode()).isEqualTo(200);
      assertThat(sdmxDown.asString()).contains("CAN");
    }
    given().get("/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider).then().statusCode(200);
    assertThat(count("replica")).isEqualTo(down);
    assertThat(count("fallback")).isGreaterThanOrEqualTo(1);
    assertThat(count("primary") + count("fallback")).isGreaterThanOrEqualTo(primaryOrFallback + 7);
  }

  /** Five years of one area's values. */
  private static String rows(String area, int value) {
    StringBuilder csv = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n");
    for (int year = 2016; year <= 2020; year++) {
      csv.append(area).append(",COOPS,").append(year).append(',').append(value + year).append('\n');
    }
    return csv.toString();
  }

  private static int items(Response page) {
    assertThat(page.statusCode()).isEqualTo(200);
    return page.jsonPath().getList("items").size();
  }

  /** Whether {@code read} held and was answered by {@code target}. */
  private boolean routed(String target, BooleanSupplier read) {
    double before = count(target);
    return read.getAsBoolean() && count(target) > before;
  }

  private double count(String target) {
    var counter = registry.find("coopstats.read.route").tag("target", target).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Polls {@code condition} until it holds (each try a request or a statement, no sleep). */
  private static void await(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(CATCH_UP);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("the condition held in time").isBefore(deadline);
      Thread.onSpinWait();
    }
  }

  private static String onStandby(String sql) {
    DataSource standby = StreamingReplicaResource.standbyDatabase();
    try (Connection connection = standby.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
