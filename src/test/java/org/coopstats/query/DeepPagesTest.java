package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.coopstats.query.PageChecks.assertPaging;
import static org.coopstats.query.PageChecks.items;
import static org.coopstats.query.PageChecks.sqlCount;
import static org.coopstats.query.PageChecks.sqlRows;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Totals and pages of released data, taken from the kept totals and landmarks (one every 25 rows in
 * the tests): every page, first to past the end, has the exact total and Link header, and the rows
 * a plain OFFSET over the same query gives.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepPagesTest {

  /** 8 areas x 35 years. */
  private static final int ROWS = 280;

  @Inject DataSource dataSource;

  private String provider;
  private String byProvider;

  @BeforeEach
  void publishOnce() {
    Api.actAnonymously();
    if (provider == null) {
      provider = Api.publishedProvider(PageChecks.rows(PageChecks.AREAS, 1990, 2024, 100));
      byProvider = "d.provider_id = '" + provider + "'";
    }
  }

  private Response page(int offset, int limit, String... parameters) {
    var request = given().queryParam("offset", offset).queryParam("limit", limit);
    for (int i = 0; i < parameters.length; i += 2) {
      request.queryParam(parameters[i], parameters[i + 1]);
    }
    return request.get("/api/v1/observations");
  }

  @Test
  void everyPageOfAFilteredQueryHasTheTotalTheLinksAndThePlainOffsetRows() throws Exception {
    // first, middle, on a landmark, between landmarks, full last page, short last page, past the
    // end
    for (int offset : List.of(0, 60, 150, 163, 260, 270, 300)) {
      Response page = page(offset, 20, "provider", provider);
      assertPaging(page, ROWS, offset, 20);
      assertThat(items(page))
          .as("offset %d", offset)
          .hasSize(Math.max(0, Math.min(20, ROWS - offset)))
          .isEqualTo(sqlRows(dataSource, byProvider, Instant.now(), offset, 20));
    }
  }

  @Test
  void anAreaOfTheProviderPagesTheSame() throws Exception {
    String kor = byProvider + " AND o.ref_area = 'KOR'";
    for (int offset : List.of(0, 25, 26, 30)) {
      Response page = page(offset, 5, "provider", provider, "REF_AREA", "KOR");
      assertPaging(page, 35, offset, 5);
      assertThat(items(page))
          .as("offset %d", offset)
          .isEqualTo(sqlRows(dataSource, kor, Instant.now(), offset, 5));
    }
  }

  @Test
  void theUnfilteredQueryCountsEverythingReleasedAndItsDeepPagesMatch() throws Exception {
    long total = sqlCount(dataSource, null, Instant.now());
    assertThat(total).isGreaterThanOrEqualTo(ROWS);
    int last = (int) total - 7;
    for (int offset : List.of(0, 100, (int) total / 2, last)) {
      Response page = page(offset, 10);
      assertPaging(page, total, offset, 10);
      assertThat(items(page))
          .as("offset %d", offset)
          .isEqualTo(sqlRows(dataSource, null, Instant.now(), offset, 10));
    }
  }

  @Test
  void csvAndJsonStatCarryTheSameTotalAsJson() {
    Response json = page(200, 30, "provider", provider);
    Response csv = page(200, 30, "provider", provider, "format", "csv");
    Response jsonStat = page(200, 30, "provider", provider, "format", "jsonstat");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(jsonStat.statusCode()).isEqualTo(200);
    assertThat(csv.header("X-Total-Count")).isEqualTo(String.valueOf(ROWS));
    assertThat(jsonStat.header("X-Total-Count")).isEqualTo(String.valueOf(ROWS));
    assertThat(jsonStat.jsonPath().getLong("extension.total")).isEqualTo(ROWS);
    assertThat(String.join(",", csv.headers().getValues("Link")).replace("format=csv&", ""))
        .isEqualTo(String.join(",", json.headers().getValues("Link")));
    List<String> lines = csv.asString().lines().skip(1).toList();
    assertThat(lines).hasSize(30);
    // the same rows: each CSV line starts with the JSON item's dataset, provider and area
    List<String> areas = json.jsonPath().getList("items.REF_AREA");
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).contains("," + areas.get(i) + ",");
    }
  }

  /** A CSV page streams from a cursor: nothing of it is at hand when its headers are written. */
  @Test
  void everyCsvPageHasTheRowsTotalAndLinksOfItsJsonPage() throws Exception {
    for (int offset : List.of(0, 60, 150, 163, 260, 270, 300)) {
      Response json = page(offset, 20, "provider", provider);
      Response csv = page(offset, 20, "provider", provider, "format", "csv");
      assertThat(csv.statusCode()).as("offset %d", offset).isEqualTo(200);
      assertThat(csv.header("X-Total-Count")).as("offset %d", offset).isEqualTo("" + ROWS);
      assertThat(PageChecks.csvLinks(csv))
          .as("offset %d", offset)
          .isEqualTo(String.join(",", json.headers().getValues("Link")));
      assertThat(PageChecks.csvItems(csv))
          .as("offset %d", offset)
          .isEqualTo(items(json))
          .isEqualTo(sqlRows(dataSource, byProvider, Instant.now(), offset, 20));
    }
  }

  /** Beyond one fetch (2,000 rows) a page is read a fetch at a time, in one statement. */
  @Test
  void aPageOfMoreRowsThanOneFetchIsWholeInJsonAndCsv() throws Exception {
    List<String> countries =
        given().get("/api/v1/codelists/CL_AREA").jsonPath().<String>getList("items.id").stream()
            .filter(id -> id.matches("[A-Z]{3}"))
            .limit(70)
            .toList();
    assertThat(countries).hasSize(70);
    String many = Api.publishedProvider(PageChecks.rows(countries, 1990, 2024, 7)); // 2,450 rows
    String byMany = "d.provider_id = '" + many + "'";
    List<String> expected = sqlRows(dataSource, byMany, Instant.now(), 150, 2250);
    assertThat(expected).hasSize(2250);
    Response json = page(150, 2250, "provider", many);
    assertPaging(json, 2450, 150, 2250);
    assertThat(items(json)).isEqualTo(expected);
    Response csv = page(150, 2250, "provider", many, "format", "csv");
    assertThat(csv.header("X-Total-Count")).isEqualTo("2450");
    assertThat(PageChecks.csvItems(csv)).isEqualTo(expected);
  }

  @Test
  void anotherLimitOrFormatOfTheSameQueryKeepsItsTotalAndASecondProviderIsCountedApart()
      throws Exception {
    String other = Api.publishedProvider(PageChecks.rows(List.of("KOR", "CAN"), 2000, 2019, 1));
    String byOther = "d.provider_id = '" + other + "'";
    Response page = page(30, 7, "provider", other);
    assertPaging(page, 40, 30, 7);
    assertThat(items(page)).isEqualTo(sqlRows(dataSource, byOther, Instant.now(), 30, 7));
    Response both = page(270, 20, "provider", provider + "," + other);
    assertPaging(both, ROWS + 40, 270, 20);
    assertThat(items(both))
        .isEqualTo(
            sqlRows(
                dataSource,
                "d.provider_id IN ('" + provider + "', '" + other + "')",
                Instant.now(),
                270,
                20));
  }
}
