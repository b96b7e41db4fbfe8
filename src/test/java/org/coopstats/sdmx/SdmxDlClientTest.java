package org.coopstats.sdmx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URL;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import sdmxdl.Connection;
import sdmxdl.DataSet;
import sdmxdl.DatabaseRef;
import sdmxdl.Flow;
import sdmxdl.FlowRef;
import sdmxdl.Key;
import sdmxdl.Languages;
import sdmxdl.MetaSet;
import sdmxdl.Obs;
import sdmxdl.Query;
import sdmxdl.Series;
import sdmxdl.web.SdmxWebManager;
import sdmxdl.web.WebSource;

/** An independent SDMX client, sdmx-dl with its SDMX 2.1 driver, reads the service. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdmxDlClientTest {

  private static final FlowRef FLOW = FlowRef.parse("COOPSTATS,COOP_STATS,1.0");

  @TestHTTPResource("/sdmx/v2.1")
  URL endpoint;

  /**
   * Tanzania mainland, registered cooperatives (domain brief, section 9): a key no other test uses.
   */
  private static final String TANZANIA =
      """
      REF_AREA,MEASURE,COOP_LEVEL,TIME_PERIOD,OBS_VALUE
      TZA,COOPS_REG,PRIM,2007,8151
      TZA,COOPS_REG,PRIM,2008,8551
      TZA,COOPS_REG,SEC,2007,44
      TZA,COOPS_REG,SEC,2008,44
      """;

  private String provider;

  @BeforeEach
  void publishTanzaniaOnce() {
    Api.actAsAdmin();
    if (provider == null) {
      provider = Api.publishedProvider(TANZANIA);
    }
  }

  private Connection connect() throws Exception {
    WebSource source =
        WebSource.builder()
            .id("COOPSTATS_TEST")
            .driver("RI_SDMX21") // sdmx-dl's SDMX 2.1 reference-implementation driver
            .endpointOf(endpoint.toString())
            .build();
    SdmxWebManager manager = SdmxWebManager.ofServiceLoader();
    return manager.getConnection(source, Languages.ANY);
  }

  @Test
  void sdmxDlListsTheDataflowReadsTheStructureAndTheSeries() throws Exception {
    try (Connection connection = connect()) {
      Collection<Flow> flows = connection.getFlows(DatabaseRef.NO_DATABASE);
      assertThat(flows).extracting(f -> f.getRef().getId()).contains("COOP_STATS");

      MetaSet meta = connection.getMeta(DatabaseRef.NO_DATABASE, FLOW);
      assertThat(meta.getStructure().getDimensions())
          .extracting(d -> d.getId())
          .containsExactly(
              "REF_AREA",
              "MEASURE",
              "COOP_TYPE",
              "COOP_LEVEL",
              "ACTIVITY",
              "SEX",
              "MEMBER_KIND",
              "WORK_CAT");
      assertThat(meta.getStructure().getTimeDimensionId()).isEqualTo("TIME_PERIOD");
      assertThat(meta.getStructure().getDimensions().get(1).getCodelist().getCodes())
          .containsKey("COOPS_REG");

      DataSet data =
          connection.getData(
              DatabaseRef.NO_DATABASE,
              FLOW,
              Query.builder().key(Key.parse("TZA.COOPS_REG._T.PRIM+SEC....")).build());
      Map<String, BigDecimal> read = new HashMap<>();
      for (Series series : data.getData()) {
        for (Obs obs : series.getObs()) {
          read.put(
              series.getKey() + "." + obs.getPeriod().getStart().getYear(),
              BigDecimal.valueOf(obs.getValue()).stripTrailingZeros());
        }
      }
      assertThat(read).isEqualTo(jsonApiValues());
    }
  }

  /** The values of the JSON API, by series key and year (dot-separated). */
  private Map<String, BigDecimal> jsonApiValues() {
    Map<String, BigDecimal> values = new HashMap<>();
    SdmxApiTest.valuesByKey(
            given()
                .queryParam("REF_AREA", "TZA")
                .queryParam("MEASURE", "COOPS_REG")
                .queryParam("COOP_TYPE", "_T")
                .queryParam("COOP_LEVEL", "PRIM,SEC")
                .get("/api/v1/observations"))
        .forEach((key, value) -> values.put(key, value.stripTrailingZeros()));
    assertThat(values).hasSize(4);
    return values;
  }
}
