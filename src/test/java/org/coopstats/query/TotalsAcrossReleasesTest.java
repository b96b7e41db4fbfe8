package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.coopstats.query.PageChecks.assertPaging;
import static org.coopstats.query.PageChecks.items;
import static org.coopstats.query.PageChecks.sqlCount;
import static org.coopstats.query.PageChecks.sqlRows;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kept total belongs to one release: a publish, a withdrawal or a scheduled release reaching its
 * second (the test moves the service's clock) changes the total of the next page at once, and what
 * only the provider sees is counted apart and never shows in a public total.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(TestClockProfile.class)
class TotalsAcrossReleasesTest {

  @Inject MutableClock clock;
  @Inject DataSource dataSource;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  private static RequestSpecification insider() {
    return given().auth().preemptive().basic(Api.ADMIN, Api.ADMIN_PASSWORD);
  }

  /** A page not the last, so that its total is the kept one. */
  private static Response page(Map<String, ?> filter, int offset, int limit) {
    return given()
        .queryParams(filter)
        .queryParam("offset", offset)
        .queryParam("limit", limit)
        .get("/api/v1/observations");
  }

  @Test
  void aPublishAndAWithdrawalChangeTheTotalOfTheNextPage() throws Exception {
    String provider = Api.newProvider();
    long first = Api.newDataset(provider);
    Api.uploadCsv(first, PageChecks.rows(List.of("CAN", "KOR"), 1991, 2020, 10)); // 60 rows
    Api.publish(first);
    Map<String, String> filter = Map.of("provider", provider);
    assertPaging(page(filter, 30, 10), 60, 30, 10);
    assertPaging(page(filter, 0, 10), 60, 0, 10);

    long second = Api.newDataset(provider);
    Api.uploadCsv(second, PageChecks.rows(List.of("FRA", "DEU"), 2001, 2020, 20)); // 40 rows
    Api.publish(second);
    assertPaging(page(filter, 30, 10), 100, 30, 10);
    Response deep = page(filter, 80, 10);
    assertPaging(deep, 100, 80, 10);
    String byProvider = "d.provider_id = '" + provider + "'";
    assertThat(items(deep)).isEqualTo(sqlRows(dataSource, byProvider, clock.instant(), 80, 10));
    assertThat(given().get("/api/v1/observations").header("X-Total-Count"))
        .isEqualTo(String.valueOf(sqlCount(dataSource, null, clock.instant())));

    insider()
        .contentType("application/json")
        .body(Map.of("reason", "a test withdraws it"))
        .post("/api/v1/datasets/" + first + "/withdraw")
        .then()
        .statusCode(200);
    Response after = page(filter, 30, 5);
    assertPaging(after, 40, 30, 5);
    assertThat(items(after)).isEqualTo(sqlRows(dataSource, byProvider, clock.instant(), 30, 5));
  }

  @Test
  void aScheduledReleaseChangesTheTotalAtItsSecondAndNotBefore() throws Exception {
    String provider = Api.newProvider();
    long current = Api.newDataset(provider);
    Api.uploadCsv(current, PageChecks.rows(List.of("CAN", "KOR"), 1991, 2020, 10)); // 60 rows
    Api.publish(current);
    long scheduled = Api.newDataset(provider);
    Api.uploadCsv(scheduled, PageChecks.rows(List.of("FRA", "DEU"), 2001, 2020, 20)); // 40 rows
    Instant releaseAt = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    insider()
        .queryParam("releaseAt", releaseAt.toString())
        .post("/api/v1/datasets/" + scheduled + "/publish")
        .then()
        .statusCode(200);
    Map<String, String> filter = Map.of("provider", provider);
    Map<String, String> all = Map.of();
    long everything = sqlCount(dataSource, null, clock.instant());

    moveTo(releaseAt.minusMillis(1));
    assertPaging(page(filter, 30, 10), 60, 30, 10);
    assertPaging(page(all, 30, 10), everything, 30, 10);
    // the provider sees the release coming, counted exactly and apart from the public total
    Response preview =
        insider()
            .queryParam("view", "preview")
            .queryParam("limit", 5)
            .get("/api/v1/datasets/" + scheduled + "/observations");
    assertThat(preview.header("X-Total-Count")).isEqualTo("40");
    assertPaging(page(filter, 30, 10), 60, 30, 10);
    assertPaging(page(Map.of("dataset", scheduled), 0, 5), 0, 0, 5);

    moveTo(releaseAt);
    assertPaging(page(filter, 30, 10), 100, 30, 10);
    assertPaging(page(all, 30, 10), everything + 40, 30, 10);
    Response deep = page(filter, 95, 10);
    assertPaging(deep, 100, 95, 10);
    assertThat(items(deep))
        .hasSize(5)
        .isEqualTo(
            sqlRows(dataSource, "d.provider_id = '" + provider + "'", clock.instant(), 95, 10));
  }

  @Test
  void aDraftIsCountedExactlyForItsProviderAndNeverInAPublicTotal() throws Exception {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    Api.uploadCsv(dataset, PageChecks.rows(List.of("CAN", "KOR"), 1991, 2020, 10)); // 60 rows
    Api.publish(dataset);
    Api.uploadCsv(dataset, PageChecks.rows(List.of("FRA"), 1991, 2020, 30)); // 30 more, a draft
    String path = "/api/v1/datasets/" + dataset + "/observations";

    Response draft = insider().queryParam("view", "draft").queryParam("limit", 10).get(path);
    assertThat(draft.header("X-Total-Count")).isEqualTo("30");
    assertThat(draft.jsonPath().getLong("total")).isEqualTo(30);
    Response deepDraft =
        insider()
            .queryParam("view", "draft")
            .queryParam("offset", 26)
            .queryParam("limit", 10)
            .get(path);
    assertThat(deepDraft.header("X-Total-Count")).isEqualTo("30");
    assertThat(deepDraft.jsonPath().getList("items")).hasSize(4);
    Response deepDraftCsv =
        insider()
            .queryParam("view", "draft")
            .queryParam("offset", 26)
            .queryParam("limit", 10)
            .queryParam("format", "csv")
            .get(path);
    assertThat(deepDraftCsv.header("X-Total-Count")).isEqualTo("30");
    assertThat(PageChecks.csvLinks(deepDraftCsv))
        .isEqualTo(String.join(",", deepDraft.headers().getValues("Link")));
    assertThat(PageChecks.csvItems(deepDraftCsv)).isEqualTo(items(deepDraft));

    Response published = given().queryParam("offset", 30).queryParam("limit", 10).get(path);
    assertPaging(published, 60, 30, 10);
    Response insiderPublished =
        insider().queryParam("offset", 30).queryParam("limit", 10).get(path);
    assertPaging(insiderPublished, 60, 30, 10);

    // the draft grows: its count follows at once, the public one stays
    Api.uploadCsv(dataset, PageChecks.rows(List.of("DEU"), 2001, 2020, 40));
    assertThat(
            insider()
                .queryParam("view", "draft")
                .queryParam("limit", 10)
                .get(path)
                .header("X-Total-Count"))
        .isEqualTo("50");
    assertPaging(given().queryParam("offset", 30).queryParam("limit", 10).get(path), 60, 30, 10);
    assertPaging(page(Map.of("provider", provider), 30, 10), 60, 30, 10);
  }

  /** Time only moves on: the clock is shared with the other tests of the profile. */
  private void moveTo(Instant moment) {
    Duration by = Duration.between(clock.instant(), moment);
    assertThat(by).isPositive();
    clock.advance(by);
  }
}
