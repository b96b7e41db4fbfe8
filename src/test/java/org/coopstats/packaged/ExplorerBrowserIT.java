package org.coopstats.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.coopstats.support.Api;
import org.coopstats.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The explorer (Swagger UI of the packaged app) in a real browser, as a new user tries it: "Try it
 * out" → "Execute" must send the request and show the answer. Guards against a contract Swagger UI
 * cannot execute (array parameters with scalar examples made it spin for ever, sending nothing).
 */
@QuarkusIntegrationTest
@WithTestResource(DemoDatabaseResource.class)
class ExplorerBrowserIT {

  private Browser browser;
  private SwaggerUi explorer;

  @BeforeAll
  static void needsABrowser() {
    Browser.assumeInstalled();
  }

  @BeforeEach
  void openTheExplorer() {
    browser = new Browser();
    explorer = new SwaggerUi(browser);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theMainQueryWithItsDefaultExamplesShowsTheCanadianDemoData() {
    browser.keepingEvidence(
        "query",
        () -> {
          SwaggerUi.Operation query =
              explorer
                  .open(baseUrl() + "/q/swagger-ui/")
                  .operation("GET", "/api/v1/observations")
                  .expand()
                  .tryItOut();
          SwaggerUi.Shown shown = query.execute(30);

          assertThat(shown.status()).as("status shown; body: %s", shown.body()).isEqualTo("200");
          assertThat(shown.requestUrl()).contains("REF_AREA=CAN").contains("MEASURE=COOPS");
          // The demo's national series (src/main/resources/demo/canada.csv), 2018–2021.
          JsonPath page = JsonPath.from(shown.body());
          assertThat(page.getList("items.REF_AREA", String.class)).containsOnly("CAN");
          assertThat(page.getList("items.TIME_PERIOD", String.class))
              .containsExactly("2018", "2020", "2021");
          assertThat(page.getList("items.OBS_VALUE", Integer.class))
              .containsExactly(5846, 5531, 5605);
          assertThat(browser.consoleErrors())
              .as("browser console")
              .noneMatch(line -> line.contains("Could not parse parameter"));
        });
  }

  @Test
  void anUploadWithHttpBasicCredentialsShowsItsResult() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    String csv =
        "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\nCA-QC,COOPS,2021,2503\nCA-ON,COOPS,2021,1085\n";

    browser.keepingEvidence(
        "upload",
        () -> {
          explorer.open(baseUrl() + "/q/swagger-ui/");
          explorer.authorizeBasic(Api.ADMIN, Api.ADMIN_PASSWORD);
          SwaggerUi.Shown shown =
              explorer
                  .operation("POST", "/api/v1/datasets/{id}/observations")
                  .expand()
                  .tryItOut()
                  .parameter("id", Long.toString(dataset))
                  .requestBody("text/csv", csv)
                  .execute(30);

          // 401 here would mean the explorer sent the request without the credentials.
          assertThat(shown.status()).as("status shown; body: %s", shown.body()).isEqualTo("200");
          String basic =
              Base64.getEncoder()
                  .encodeToString(
                      (Api.ADMIN + ":" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
          assertThat(shown.curl()).contains("Authorization: Basic " + basic);
          JsonPath result = JsonPath.from(shown.body());
          assertThat(result.getLong("datasetId")).isEqualTo(dataset);
          assertThat(result.getInt("rowsRead")).isEqualTo(2);
          assertThat(result.getInt("inserted")).isEqualTo(2);
        });

    // And the rows are really stored in the dataset's draft.
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .accept("application/json")
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("total", is(2));
  }

  private static String baseUrl() {
    return "http://localhost:" + RestAssured.port;
  }
}
