package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chunks merged into a draft that holds other rows (mode=merge): through the draft's key index,
 * built by the first merge, dropped by an upload into the emptied draft and built again.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ChunkedMergeTest {

  private static final String HEADER =
      "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n";
  private static final String FLOW = "dataflow,COOPSTATS:COOP_STATS(1.0),";

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void aChunkAddsNewKeysReplacesExistingOnesAppliesDeletionsAndLeavesTheRestAlone() {
    long dataset = Api.newDataset(Api.newProvider());
    merge(dataset, "A,CAN,COOPS,2018,100,A", "A,CAN,COOPS,2019,110,A", "A,CAN,COOPS,2020,120,A")
        .body("inserted", is(3))
        .body("updated", is(0));
    merge(dataset, "A,USA,COOPS,2020,900,A").body("inserted", is(1)).body("updated", is(0));

    merge(
            dataset,
            "A,CAN,COOPS,2021,130,P",
            "M,CAN,COOPS,2020,125,P",
            "D,CAN,COOPS,2019,,",
            "A,USA,COOPS,2021,910,E")
        .body("inserted", is(2))
        .body("updated", is(2));

    draft(dataset)
        .body("items.REF_AREA", contains("CAN", "CAN", "CAN", "CAN", "USA", "USA"))
        .body("items.TIME_PERIOD", contains("2018", "2019", "2020", "2021", "2020", "2021"))
        .body("items.ACTION", contains("I", "D", "I", "I", "I", "I"))
        .body("items.OBS_VALUE", contains(100, null, 125, 130, 900, 910))
        // a deletion takes the default status
        .body("items.OBS_STATUS", contains("A", "A", "P", "P", "A", "E"));

    // a deleted key given a value again, and a value deleted, in the same chunk
    merge(dataset, "A,CAN,COOPS,2019,111,A", "D,USA,COOPS,2020,,")
        .body("inserted", is(0))
        .body("updated", is(2));
    draft(dataset)
        .body("items.ACTION", contains("I", "I", "I", "I", "D", "I"))
        .body("items.OBS_VALUE", contains(100, 111, 125, 130, null, 910));

    Api.publish(dataset);
    given()
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("items.REF_AREA", contains("CAN", "CAN", "CAN", "CAN", "USA"))
        .body("items.TIME_PERIOD", contains("2018", "2019", "2020", "2021", "2021"))
        .body("items.OBS_VALUE", contains(100, 111, 125, 130, 910));
  }

  @Test
  void aReplacingUploadEmptiesTheDraftAndLaterChunksMergeIntoWhatItWrote() {
    long dataset = Api.newDataset(Api.newProvider());
    merge(dataset, "A,CAN,COOPS,2018,100,A");
    merge(dataset, "A,CAN,COOPS,2019,110,A").body("inserted", is(1));

    given()
        .contentType("text/csv")
        .queryParam("mode", "replace")
        .body(HEADER + FLOW + "A,MEX,COOPS,2018,50,A\n" + FLOW + "A,MEX,COOPS,2019,55,A\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200)
        .body("deleted", is(2))
        .body("inserted", is(2));
    merge(dataset, "M,MEX,COOPS,2019,56,P", "A,MEX,COOPS,2020,60,A")
        .body("inserted", is(1))
        .body("updated", is(1));

    draft(dataset)
        .body("items.REF_AREA", contains("MEX", "MEX", "MEX"))
        .body("items.OBS_VALUE", contains(50, 56, 60));
  }

  @Test
  void afterAPublishTheNextDraftStartsEmptyAndMergesAgain() {
    long dataset = Api.newDataset(Api.newProvider());
    merge(dataset, "A,CAN,COOPS,2018,100,A");
    merge(dataset, "A,CAN,COOPS,2019,110,A");
    Api.publish(dataset);

    merge(dataset, "M,CAN,COOPS,2019,111,A").body("inserted", is(1)).body("updated", is(0));
    merge(dataset, "M,CAN,COOPS,2019,112,A", "D,CAN,COOPS,2018,,")
        .body("inserted", is(1))
        .body("updated", is(1));
    draft(dataset)
        .body("items.TIME_PERIOD", contains("2018", "2019"))
        .body("items.ACTION", contains("D", "I"))
        .body("items.OBS_VALUE", contains(null, 112));
  }

  @Test
  void aChunkWithAnErrorLeavesTheDraftAsItWas() {
    long dataset = Api.newDataset(Api.newProvider());
    merge(dataset, "A,CAN,COOPS,2018,100,A");
    merge(dataset, "A,CAN,COOPS,2019,110,A");

    given()
        .contentType("text/csv")
        .queryParam("mode", "merge")
        .body(HEADER + FLOW + "M,CAN,COOPS,2018,101,A\n" + FLOW + "A,CAN,NOPE,2020,1,A\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(422);
    draft(dataset).body("items.OBS_VALUE", contains(100, 110));
  }

  private static ValidatableResponse merge(long dataset, String... rows) {
    StringBuilder body = new StringBuilder(HEADER);
    Arrays.stream(rows).forEach(row -> body.append(FLOW).append(row).append('\n'));
    return given()
        .contentType("text/csv")
        .queryParam("mode", "merge")
        .body(body.toString())
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);
  }

  private static ValidatableResponse draft(long dataset) {
    return given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);
  }
}
