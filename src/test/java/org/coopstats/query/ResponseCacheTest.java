package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.coopstats.security.Role;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache of released data: a second identical request is answered from memory with the
 * same bytes and headers, a release (now or scheduled, on the service's movable clock) is never
 * hidden behind an older answer, nothing unreleased is kept, and a hit answers while the query
 * bulkhead is full.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(ResponseCacheTest.MovableClockTinyBulkhead.class)
class ResponseCacheTest {

  private static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";

  /** The headers a hit must repeat as the miss sent them. */
  private static final List<String> KEPT_HEADERS =
      List.of(
          "Content-Type",
          "ETag",
          "Last-Modified",
          "Cache-Control",
          "Link",
          "X-Total-Count",
          "Vary",
          "Content-Disposition");

  private static final int POOL = 3;

  /** The movable clock, a pool of three and a bulkhead of one (as OverloadTest's). */
  public static class MovableClockTinyBulkhead extends TestClockProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>(super.getConfigOverrides());
      config.put("quarkus.datasource.jdbc.max-size", String.valueOf(POOL));
      config.put("quarkus.datasource.jdbc.acquisition-timeout", "3S");
      config.put("quarkus.datasource.metrics.enabled", "true");
      config.put("org.coopstats.common.QueryBulkhead/run/Bulkhead/value", "1");
      return config;
    }
  }

  @Inject MutableClock clock;
  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void aSecondIdenticalRequestIsAHitWithTheSameBytesAndHeadersInEveryFormat() {
    String provider = Api.publishedProvider(HEADER + "CAN,COOPS,2020,5531\nCAN,COOPS,2021,5605\n");
    List<String> urls =
        List.of(
            "/api/v1/observations?provider=" + provider,
            "/api/v1/observations?provider=" + provider + "&format=csv",
            "/api/v1/observations?provider=" + provider + "&format=jsonstat&limit=1",
            "/api/v1/observations?provider=" + provider + "&labels=both&lang=fr",
            "/sdmx/v2.1/data/COOP_STATS/all/" + provider + "?format=csv",
            "/sdmx/v2.1/data/COOP_STATS/all/" + provider + "?format=genericdata",
            "/sdmx/v2.1/data/COOP_STATS/all/" + provider + "?format=jsondata",
            "/sdmx/v2.1/availableconstraint/COOP_STATS/all/" + provider);
    for (String url : urls) {
      Response miss = given().get(url);
      assertThat(miss.statusCode()).as(url + ": " + miss.asString()).isEqualTo(200);
      assertThat(miss.header("X-Cache")).as(url).isEqualTo("miss");
      Response hit = given().get(url);
      assertThat(hit.statusCode()).as(url).isEqualTo(200);
      assertThat(hit.header("X-Cache")).as(url).isEqualTo("hit");
      assertThat(hit.asByteArray()).as(url).isEqualTo(miss.asByteArray());
      for (String header : KEPT_HEADERS) {
        assertThat(hit.headers().getValues(header))
            .as(url + " " + header)
            .isEqualTo(miss.headers().getValues(header));
      }
    }
    Response json = given().get(urls.get(0));
    assertThat(json.header("Cache-Control")).isEqualTo("public, no-cache");
    // a hit still answers 304 to a current copy, with the same validators
    given()
        .header("If-None-Match", json.header("ETag"))
        .get(urls.get(0))
        .then()
        .statusCode(304)
        .header("ETag", json.header("ETag"))
        .header("Cache-Control", "public, no-cache")
        .header("X-Cache", "hit");
    // the Accept header picks another representation: another entry
    given().accept("text/csv").get(urls.get(0)).then().header("X-Cache", "miss");
    given().accept("text/csv").get(urls.get(0)).then().header("X-Cache", "hit");
  }

  @Test
  void otherLanguagesFormatsAndFiltersAreOtherEntries() {
    String provider = Api.publishedProvider(HEADER + "CAN,COOPS,2020,5531\nCAN,MEMBERS,2020,9\n");
    String base = "/api/v1/observations?labels=both&provider=" + provider;
    Response french = given().get(base + "&lang=fr");
    Response spanish = given().get(base + "&lang=es");
    assertThat(french.header("X-Cache")).isEqualTo("miss");
    assertThat(spanish.header("X-Cache")).isEqualTo("miss");
    assertThat(spanish.asString()).isNotEqualTo(french.asString());
    Response coops = given().get(base + "&MEASURE=COOPS");
    assertThat(coops.header("X-Cache")).isEqualTo("miss");
    coops.then().body("items.OBS_VALUE", contains(5531));
    given().get(base + "&MEASURE=MEMBERS").then().header("X-Cache", "miss");
    given()
        .get(base + "&MEASURE=MEMBERS")
        .then()
        .header("X-Cache", "hit")
        .body("items.OBS_VALUE", contains(9));
  }

  @Test
  void aPublishMakesTheNextRequestAMissWithTheNewData() {
    String provider = Api.newProvider();
    long first = Api.newDataset(provider);
    Api.uploadCsv(first, HEADER + "CAN,COOPS,2020,5531\n");
    Api.publish(first);
    String url = "/api/v1/observations?provider=" + provider;
    String sdmx = "/sdmx/v2.1/data/COOP_STATS/all/" + provider + "?format=csv";
    given().get(url).then().header("X-Cache", "miss").body("total", is(1));
    given().get(url).then().header("X-Cache", "hit").body("total", is(1));
    given().get(sdmx).then().header("X-Cache", "miss");
    clock.advance(Duration.ofSeconds(5));
    long second = Api.newDataset(provider);
    Api.uploadCsv(second, HEADER + "CAN,COOPS,2021,5605\n");
    Api.publish(second);
    given().get(url).then().header("X-Cache", "miss").body("total", is(2));
    given().get(url).then().header("X-Cache", "hit").body("total", is(2));
    Response afterwards = given().get(sdmx);
    assertThat(afterwards.header("X-Cache")).isEqualTo("miss");
    assertThat(afterwards.asString()).contains("5605");
  }

  @Test
  void aScheduledReleaseIsNeverHiddenBehindTheAnswerKeptBeforeIt() {
    String provider = Api.newProvider();
    String publisher = Api.newUser(provider, Role.PUBLISHER);
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "KOR,COOPS,2016,10640\n");
    Instant releaseAt = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    given()
        .auth()
        .preemptive()
        .basic(publisher, Api.PASSWORD)
        .queryParam("releaseAt", releaseAt.toString())
        .post("/api/v1/datasets/" + dataset + "/publish")
        .then()
        .statusCode(200)
        .body("status", is("SCHEDULED"));
    List<String> urls =
        List.of(
            "/api/v1/observations?REF_AREA=KOR&provider=" + provider,
            "/api/v1/observations?REF_AREA=KOR&format=csv&provider=" + provider,
            "/api/v1/datasets/" + dataset + "/observations");
    moveTo(releaseAt.minusMillis(1));
    for (String url : urls) {
      given().get(url).then().statusCode(url.contains("datasets") ? 404 : 200);
      Response kept = given().get(url);
      assertThat(kept.asString()).as(url).doesNotContain("10640");
      if (kept.statusCode() == 200) {
        assertThat(kept.header("X-Cache")).as(url).isEqualTo("hit");
      }
    }
    moveTo(releaseAt);
    for (String url : urls) {
      Response released = given().get(url);
      assertThat(released.statusCode()).as(url).isEqualTo(200);
      assertThat(released.header("X-Cache")).as(url).isEqualTo("miss");
      assertThat(released.asString()).as(url).contains("10640");
      assertThat(given().get(url).header("X-Cache")).as(url).isEqualTo("hit");
    }
  }

  @Test
  void anInsidersAnswersAreNeverKeptNorServedToThePublic() {
    String provider = Api.publishedProvider(HEADER + "CAN,COOPS,2020,5531\n");
    String submitter = Api.newUser(provider, Role.SUBMITTER);
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, HEADER + "CAN,COOPS,2022,777777\n");
    String url = "/api/v1/datasets/" + dataset + "/observations";
    for (String view : List.of("draft", "preview")) {
      for (int i = 0; i < 2; i++) {
        Response insider = as(submitter).queryParam("view", view).get(url);
        assertThat(insider.statusCode()).as(view).isEqualTo(200);
        if (view.equals("draft")) {
          assertThat(insider.asString()).contains("777777");
        }
        assertThat(insider.header("X-Cache")).as(view).isNull();
        assertThat(insider.header("Cache-Control")).isEqualTo("private, no-cache, no-store");
      }
      given().queryParam("view", view).get(url).then().statusCode(401);
    }
    // an insider's released read is not kept either: the public's first one is a miss
    String released = "/api/v1/observations?provider=" + provider;
    for (int i = 0; i < 2; i++) {
      assertThat(as(submitter).get(released).header("X-Cache")).isNull();
    }
    Response publicRead = given().get(released);
    assertThat(publicRead.header("X-Cache")).isEqualTo("miss");
    assertThat(publicRead.asString()).doesNotContain("777777");
  }

  @Test
  void aHitAnswersWhileTheBulkheadIsFull() throws Exception {
    String provider = Api.publishedProvider(HEADER + "CAN,COOPS,2020,5531\n");
    String cached = "/api/v1/observations?provider=" + provider;
    given().get(cached).then().statusCode(200).header("X-Cache", "miss");
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < POOL; i++) {
        held.add(dataSource.getConnection());
      }
      // an uncached query takes the bulkhead's one place and waits for a connection
      CompletableFuture<Response> waiting =
          CompletableFuture.supplyAsync(
              () -> given().get("/api/v1/observations?REF_AREA=CAN&provider=" + provider));
      while (dataSource.getMetrics().awaitingCount() == 0 && !waiting.isDone()) {
        Thread.onSpinWait();
      }
      assertThat(waiting).isNotDone();
      given().get("/api/v1/observations?REF_AREA=USA").then().statusCode(503);
      given()
          .get(cached)
          .then()
          .statusCode(200)
          .header("X-Cache", "hit")
          .body("items.OBS_VALUE", contains(5531));
      assertThat(waiting.get().statusCode()).isEqualTo(503);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void theMetricsCountHitsAndMisses() {
    String provider = Api.publishedProvider(HEADER + "CAN,COOPS,2020,5531\n");
    given().get("/api/v1/observations?provider=" + provider).then().header("X-Cache", "miss");
    given().get("/api/v1/observations?provider=" + provider).then().header("X-Cache", "hit");
    String metrics = Api.management().get("/q/metrics").asString();
    for (String meter :
        Set.of(
            "coopstats_response_cache_requests_total{result=\"hit\"",
            "coopstats_response_cache_requests_total{result=\"miss\"",
            "coopstats_response_cache_bytes",
            "coopstats_response_cache_evictions")) {
      assertThat(metrics).contains(meter);
    }
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Api.PASSWORD);
  }

  private void moveTo(Instant moment) {
    Duration by = Duration.between(clock.instant(), moment);
    assertThat(by).isPositive();
    clock.advance(by);
  }
}
