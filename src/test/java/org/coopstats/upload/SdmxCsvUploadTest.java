package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SDMX-CSV 2.0 uploads: STRUCTURE, STRUCTURE_ID and ACTION columns; ACTION D deletes a key. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class SdmxCsvUploadTest {

  private static final String HEADER =
      "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n";

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Test
  void appendsAndDeletionsArePublishedAsAVersion() {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider);
    upload(
            dataset,
            HEADER
                + "dataflow,COOPSTATS:COOP_STATS(1.0),A,CRI,COOPS,2020,594,A\n"
                + "dataflow,COOPSTATS:COOP_STATS(1.0),M,CRI,COOPS,2021,600,P\n")
        .statusCode(200)
        .body("inserted", is(2));
    String v1 =
        given()
            .post("/api/v1/datasets/" + dataset + "/publish")
            .then()
            .extract()
            .path("releasedAt");

    upload(dataset, HEADER + "dataflow,COOPSTATS:COOP_STATS(1.0),D,CRI,COOPS,2021,,\n")
        .statusCode(200)
        .body("inserted", is(1));
    given()
        .queryParam("view", "draft")
        .get("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .body("items.ACTION", contains("D"));
    Api.publish(dataset);

    given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .body("items.TIME_PERIOD", contains("2020"));
    given()
        .queryParam("provider", provider)
        .queryParam("updatedAfter", OffsetDateTime.parse(v1).toString())
        .get("/api/v1/observations")
        .then()
        .body("items.TIME_PERIOD", contains("2021"))
        .body("items.ACTION", contains("D"));
  }

  @Test
  void anotherStructureOrAnUnknownActionIsRefused() {
    long dataset = Api.newDataset(Api.newProvider());
    upload(
            dataset,
            HEADER
                + "dataflow,ESTAT:NAMA_10_GDP(1.0),A,CRI,COOPS,2020,594,A\n"
                + "dataflow,COOP_STATS,X,CRI,COOPS,2021,600,A\n"
                + "codelist,COOP_STATS,A,CRI,COOPS,2022,610,A\n")
        .statusCode(422)
        .body("errors.column", contains("STRUCTURE_ID", "ACTION", "STRUCTURE"))
        .body("errors[0].message", containsString("COOPSTATS:COOP_STATS(1.0)"));
  }

  private static io.restassured.response.ValidatableResponse upload(long dataset, String csv) {
    return given()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then();
  }
}
