package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservationQueryApiTest {

  private String provider;

  /** Once per class, but inside a test: RestAssured points at the test server only from then. */
  @BeforeEach
  void publishCanadaOnce() {
    Api.actAsAdmin();
    if (provider == null) {
      provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    }
  }

  @Test
  void filtersOnSeveralDimensionsAndAPeriodRange() {
    given()
        .queryParam("provider", provider)
        .queryParam("MEASURE", "WORKERS")
        .queryParam("WORK_CAT", "IN_EMP")
        .queryParam("startPeriod", "2019")
        .queryParam("endPeriod", "2021")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .body("total", is(2))
        .body("items.TIME_PERIOD", contains("2020", "2021"))
        .body("items.OBS_VALUE", contains(101230, 100755));
  }

  @Test
  void repeatedAndCommaSeparatedValuesAreTheSame() {
    int repeated =
        given()
            .queryParam("provider", provider)
            .queryParam("MEASURE", "COOPS")
            .queryParam("MEASURE", "WORKERS")
            .get("/api/v1/observations")
            .then()
            .statusCode(200)
            .extract()
            .path("total");
    int commas =
        given()
            .queryParam("provider", provider)
            .queryParam("MEASURE", "COOPS,WORKERS")
            .get("/api/v1/observations")
            .then()
            .extract()
            .path("total");
    org.assertj.core.api.Assertions.assertThat(repeated).isEqualTo(6).isEqualTo(commas);
  }

  @Test
  void pagesCarryTotalNextLinkAndLinkHeader() {
    given()
        .queryParam("provider", provider)
        .queryParam("limit", 4)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .header("X-Total-Count", "6")
        .header("Link", containsString("rel=\"next\""))
        .body("items", hasSize(4))
        .body("total", is(6))
        .body("next", containsString("offset=4"));
    String next =
        given()
            .queryParam("provider", provider)
            .queryParam("limit", 4)
            .get("/api/v1/observations")
            .then()
            .extract()
            .path("next");
    org.assertj.core.api.Assertions.assertThat(next)
        .startsWith("http")
        .contains("/api/v1/observations?provider=" + provider + "&")
        .endsWith("offset=4&limit=4");
    var lastPage =
        given()
            .queryParam("provider", provider)
            .queryParam("limit", 4)
            .queryParam("offset", 4)
            .get("/api/v1/observations");
    org.assertj.core.api.Assertions.assertThat(
            String.join(",", lastPage.headers().getValues("Link")))
        .contains("offset=0&limit=4>; rel=\"first\"")
        .contains("offset=0&limit=4>; rel=\"prev\"")
        .doesNotContain("rel=\"next\"");
    lastPage.then().body("items", hasSize(2)).body("total", is(6)).body("next", nullValue());
  }

  @Test
  void resultsComeInKeyThenPeriodOrder() {
    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.MEASURE", contains("COOPS", "COOPS", "COOPS", "WORKERS", "WORKERS", "WORKERS"))
        .body("items.TIME_PERIOD", contains("2018", "2020", "2021", "2018", "2020", "2021"));
  }

  @Test
  void labelsCanBeNamesOrBothInThreeLanguages() {
    given()
        .queryParam("provider", provider)
        .queryParam("MEASURE", "COOPS")
        .queryParam("labels", "both")
        .queryParam("lang", "fr")
        .queryParam("limit", 1)
        .get("/api/v1/observations")
        .then()
        .body("items[0].REF_AREA.id", is("CAN"))
        .body("items[0].REF_AREA.name", is("Canada"))
        .body("items[0].SEX.id", is("_Z"));
    given()
        .queryParam("provider", provider)
        .queryParam("MEASURE", "WORKERS")
        .queryParam("labels", "name")
        .queryParam("limit", 1)
        .get("/api/v1/observations")
        .then()
        .body("items[0].WORK_CAT", is("Employment in cooperatives"));
    given()
        .queryParam("provider", provider)
        .queryParam("labels", "both")
        .queryParam("format", "csv")
        .queryParam("limit", 1)
        .get("/api/v1/observations")
        .then()
        .body(containsString("CAN: Canada"));
  }

  @Test
  void formatParameterOverridesAcceptAndUnknownFormatsAreRefused() {
    given()
        .accept("application/json")
        .queryParam("provider", provider)
        .queryParam("format", "csv")
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .contentType(containsString("text/csv"))
        .body(startsWith("DATASET,PROVIDER,REF_AREA,MEASURE"));
    given()
        .queryParam("format", "xml")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("xml"));
    given()
        .accept("application/xml")
        .get("/api/v1/observations")
        .then()
        .statusCode(406)
        .contentType("application/problem+json");
  }

  @Test
  void unknownParametersCodesAndPeriodsAreNamedIn400s() {
    given()
        .queryParam("ref_area", "CAN")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("'ref_area'"))
        .body("detail", containsString("REF_AREA"));
    given()
        .queryParam("REF_AREA", "CAN,ATLANTIS")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("'ATLANTIS' is not a code of REF_AREA"));
    given()
        .queryParam("startPeriod", "2021/22")
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("2021/22"));
    given()
        .queryParam("limit", 100000)
        .get("/api/v1/observations")
        .then()
        .statusCode(400)
        .body("detail", containsString("limit"));
  }

  @Test
  void draftsAreNotServedButTheirDatasetEndpointShowsThem() {
    String other = Api.newProvider();
    long draft = Api.newDataset(other);
    Api.uploadCsv(draft, Fixtures.CANADA_2021_PROVINCES);
    given().queryParam("provider", other).get("/api/v1/observations").then().body("total", is(0));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + draft + "/observations")
        .then()
        .body("total", is(10))
        .body("items.DATASET", everyItem(is((int) draft)))
        .body("items.REF_AREA", hasItem("CA-QC"));
  }
}
