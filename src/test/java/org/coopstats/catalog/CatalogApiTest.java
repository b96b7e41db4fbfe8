package org.coopstats.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class CatalogApiTest {

  @org.junit.jupiter.api.BeforeEach
  void actAsAdmin() {
    org.coopstats.support.Api.actAsAdmin();
  }

  @Test
  void listsEveryCodeListOfTheStructure() {
    given()
        .get("/api/v1/codelists")
        .then()
        .statusCode(200)
        .body(
            "items.id",
            hasItems(
                "CL_AREA",
                "CL_MEASURE",
                "CL_COOP_TYPE",
                "CL_COOP_LEVEL",
                "CL_ACTIVITY",
                "CL_SEX",
                "CL_MEMBER_KIND",
                "CL_WORK_CAT",
                "CL_OBS_STATUS",
                "CL_CONF_STATUS",
                "CL_UNIT_MEASURE",
                "CL_CURRENCY"));
  }

  @Test
  void codeListsCarryLabelsInThreeLanguagesAndParents() {
    given()
        .get("/api/v1/codelists/CL_AREA")
        .then()
        .statusCode(200)
        .body("total", greaterThan(240))
        .body("items.find { it.id == 'KOR' }.names.en", containsString("Korea"))
        .body("items.find { it.id == 'CA-QC' }.parent", is("CAN"))
        .body("items.find { it.id == 'CA-QC' }.names.fr", is("Québec"));
    given()
        .get("/api/v1/codelists/CL_CURRENCY")
        .then()
        .body("items.id", hasItems("CAD", "TZS", "KRW", "EUR"));
    given()
        .get("/api/v1/codelists/CL_ACTIVITY")
        .then()
        .body("items.id", hasItems("A", "U", "_T"))
        .body("items.find { it.id == 'A' }.parent", is("_T"));
  }

  @Test
  void theWorkCategoryTreeIsServedAsAHierarchy() {
    given()
        .queryParam("view", "tree")
        .get("/api/v1/codelists/CL_WORK_CAT")
        .then()
        .statusCode(200)
        .body("hierarchy.id", contains("_T", "_Z"))
        .body("hierarchy[0].children.id", contains("IN_WORK", "WS"))
        .body("hierarchy[0].children[0].children[0].id", is("IN_EMP"))
        .body(
            "hierarchy[0].children[0].children[0].children.id",
            contains("IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM"));
  }

  @Test
  void unknownCodeListsAre404() {
    given()
        .get("/api/v1/codelists/CL_NOTHING")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("CL_NOTHING"));
  }

  @Test
  void theStructureListsDimensionsInKeyOrderAttributesAndMeasures() {
    given()
        .get("/api/v1/structures/COOP_STATS")
        .then()
        .statusCode(200)
        .body(
            "dimensions.id",
            contains(
                "REF_AREA",
                "MEASURE",
                "COOP_TYPE",
                "COOP_LEVEL",
                "ACTIVITY",
                "SEX",
                "MEMBER_KIND",
                "WORK_CAT",
                "TIME_PERIOD"))
        .body("dimensions.find { it.id == 'ACTIVITY' }.codeList", is("CL_ACTIVITY"))
        .body(
            "attributes.id",
            contains("OBS_STATUS", "CONF_STATUS", "UNIT_MEASURE", "UNIT_MULT", "COMMENT_OBS"))
        .body("measures.find { it.id == 'SURPLUS' }.allowsNegative", is(true))
        .body("measures.find { it.id == 'TURNOVER' }.quantity", is("MONEY"))
        .body("measures.find { it.id == 'COOPS_NEW' }.temporality", is("FLOW"))
        .body("measures.find { it.id == 'MEMBERS' }.dimensions.SEX", is("when MEMBER_KIND=NP"));
    given().get("/api/v1/structures").then().body("items.id", hasItem("COOP_STATS"));
  }

  /** The pages offer datasets and uploads only for structures that take them. */
  @Test
  void aStructureSaysWhetherItsValuesAreDerived() {
    given()
        .get("/api/v1/structures")
        .then()
        .statusCode(200)
        .body("items.find { it.id == 'COOP_STATS' }.derived", is(false))
        .body("items.find { it.id == 'CONTEXT' }.derived", is(false))
        .body("items.find { it.id == 'COOP_INDICATORS' }.derived", is(true));
  }
}
