package org.coopstats.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * Hostile paths, query strings, headers and JSON bodies (issue #12): each is a 4xx problem+json
 * naming what is wrong, never a 5xx, an empty body or a silently widened query.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class HostileRequestTest {

  private static ValidatableResponse get(String rawPath) {
    return given().urlEncodingEnabled(false).get(rawPath).then();
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response
        .statusCode(status)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", is(status));
  }

  @Test
  void nulInAPathValueIs400NamingTheParameter() {
    Api.actAnonymously();
    problem(get("/api/v1/providers/%00"), 400).body("errors[0].field", is("id"));
    Api.actAsAdmin();
    problem(get("/api/v1/users/%00"), 400).body("errors[0].field", is("username"));
  }

  @Test
  void nulInAQueryValueIs400NamingTheParameter() {
    Api.actAsAdmin();
    problem(get("/api/v1/audit?provider=%00"), 400).body("errors[0].field", is("provider"));
    problem(get("/api/v1/observations?REF_AREA=%00"), 400).body("errors[0].field", is("REF_AREA"));
  }

  @Test
  void emptyOrBlankFilterValuesAre400NotIgnored() {
    Api.actAnonymously();
    problem(get("/api/v1/observations?REF_AREA="), 400).body("errors[0].field", is("REF_AREA"));
    problem(get("/api/v1/observations?MEASURE=%20"), 400).body("errors[0].field", is("MEASURE"));
    problem(get("/api/v1/observations?REF_AREA=CAN,,KOR"), 400)
        .body("errors[0].field", is("REF_AREA"));
    problem(get("/api/v1/observations?startPeriod="), 400)
        .body("errors[0].field", is("startPeriod"));
  }

  @Test
  void nonIntegerPagingIs400NamingTheParameterNot404() {
    Api.actAnonymously();
    problem(get("/api/v1/providers?limit=abc"), 400)
        .body("errors[0].field", is("limit"))
        .body("detail", containsString("whole number"));
    problem(get("/api/v1/observations?offset=1.5"), 400).body("errors[0].field", is("offset"));
    problem(get("/sdmx/v2.1/data/COOP_STATS/all?firstNObservations=x"), 400)
        .body("errors[0].field", is("firstNObservations"));
  }

  @Test
  void aBooleanParameterIsReadStrictly() {
    Api.actAsAdmin();
    long dataset = Api.newDataset(Api.newProvider());
    problem(
            given()
                .contentType("text/csv")
                .body("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCAN,COOPS,2021,1\n")
                .post("/api/v1/datasets/" + dataset + "/observations?dryRun=yes")
                .then(),
            400)
        .body("errors[0].field", is("dryRun"));
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
  }

  @Test
  void anUnparsableAcceptIs400OnEverySdmxEndpoint() {
    Api.actAnonymously();
    for (String path :
        new String[] {
          "/sdmx/v2.1/dataflow",
          "/sdmx/v2.1/datastructure/COOPSTATS/COOP_STATS",
          "/sdmx/v2.1/codelist/COOPSTATS/CL_WORK_CAT",
          "/sdmx/v2.1/data/COOP_STATS",
          "/sdmx/v2.1/availableconstraint/COOP_STATS"
        }) {
      problem(given().header("Accept", ";;;").get(path).then(), 400)
          .body("errors[0].field", is("Accept"));
    }
  }

  @Test
  void malformedEscapesAre400Problems() {
    for (String target :
        new String[] {
          "/api/v1/providers/%zz", "/api/v1/observations?REF_AREA=%zz", "/api/v1/providers/%25zz;x"
        }) {
      RawHttp.Answer answer = RawHttp.send("GET", target, Map.of(), null, false);
      org.assertj.core.api.Assertions.assertThat(answer.status()).as(target).isEqualTo(400);
      org.assertj.core.api.Assertions.assertThat(answer.contentType())
          .as(target)
          .startsWith(Problem.MEDIA_TYPE);
      org.assertj.core.api.Assertions.assertThat(answer.body()).as(target).contains("%");
    }
  }

  @Test
  void aUriOverTheLimitIs414Problem() {
    Api.actAnonymously();
    problem(get("/api/v1/observations?REF_AREA=" + "A".repeat(9000)), 414)
        .body("detail", containsString("8192"));
  }

  @Test
  void headersOverTheLimitAre431Problem() {
    Api.actAnonymously();
    problem(given().header("X-Padding", "x".repeat(20_000)).get("/api/v1/observations").then(), 431)
        .body("detail", containsString("16384"));
  }

  @Test
  void nulOrALoneSurrogateInAJsonBodyIs400NamingTheField() {
    Api.actAsAdmin();
    problem(
            given()
                .contentType("application/json")
                .body("{\"id\":\"NULNAME1\",\"name\":\"a\\u0000b\",\"refArea\":\"CAN\"}")
                .post("/api/v1/providers")
                .then(),
            400)
        .body("errors[0].field", is("name"));
    problem(
            given()
                .contentType("application/json")
                .body(
                    Map.of(
                        "providerId", Api.newProvider(),
                        "title", "t",
                        "methodology", "a\uD800b",
                        "sourceKind", "SURVEY",
                        "periodBasis", "CALENDAR_YEAR"))
                .post("/api/v1/datasets")
                .then(),
            400)
        .body("errors[0].field", is("methodology"));
    problem(
            given()
                .contentType("application/json")
                .body(
                    "{\"providerId\":\""
                        + Api.newProvider()
                        + "\",\"title\":\"a\\u0000\",\"sourceKind\":\"SURVEY\","
                        + "\"periodBasis\":\"CALENDAR_YEAR\"}")
                .post("/api/v1/datasets")
                .then(),
            400)
        .body("errors[0].field", is("title"));
  }

  @Test
  void aJsonBodyBeyondTheReadersLimitsSaysWhichLimit() {
    Api.actAsAdmin();
    problem(
            given()
                .contentType("application/json")
                .body("{\"id\":\"X\",\"name\":\"n\",\"refArea\":" + "1".repeat(2000) + "}")
                .post("/api/v1/providers")
                .then(),
            400)
        .body("detail", containsString("Number value length"));
  }
}
