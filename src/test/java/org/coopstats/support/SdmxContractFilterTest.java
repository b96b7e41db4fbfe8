package org.coopstats.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SDMX contract check itself: it must refuse what the official SDMX REST descriptions (1.5.0
 * for /sdmx/v2.1, 2.1.0 for /sdmx/v3) do not describe, short paths included, and let through only
 * the documented allowances.
 */
class SdmxContractFilterTest {

  private static final String XML = "<message:StructureSpecificData/>";
  private static final String PROBLEM =
      "{\"type\":\"/problems/bad-request\",\"title\":\"Bad request\",\"status\":400}";
  private static final String SS_DATA =
      "application/vnd.sdmx.structurespecificdata+xml;version=2.1";

  // --- SDMX 2.1 API, REST 1.5.0 ---

  @Test
  void aDeclaredSdmx21DataAnswerPasses() {
    Request request =
        get("/sdmx/v2.1/data/COOP_STATS/CAN.COOPS/").withHeader("Accept", SS_DATA).build();
    assertThat(errors(request, ok(SS_DATA, XML))).isEmpty();
    assertThat(
            errors(request, ok("application/vnd.sdmx.data+csv;version=1.0.0; charset=UTF-8", "a")))
        .isEmpty();
  }

  @Test
  void anSdmx21DataAnswerOfAnUndeclaredMediaTypeFails() {
    Request request = get("/sdmx/v2.1/data/COOP_STATS/all/all").build();
    assertThat(errors(request, ok("text/html", "<p>")))
        .anyMatch(m -> m.getKey().equals("validation.response.contentType.notAllowed"));
    assertThat(errors(request, ok("application/vnd.sdmx.data+csv;version=2.0.0", "a")))
        .extracting(ValidationReport.Message::getKey)
        .containsExactly(SdmxMediaTypeVersion.KEY);
  }

  @Test
  void anSdmx21RequestWithABadDetailFailsWhenAccepted() {
    Request request =
        get("/sdmx/v2.1/data/COOP_STATS/all").withQueryParam("detail", "most").build();
    assertThat(errors(request, ok(SS_DATA, XML)))
        .anyMatch(
            m ->
                m.getKey().equals("validation.request.parameter.schema.enum")
                    && m.getMessage().contains("most"));
    // refused with a problem, as it must be: nothing to say
    assertThat(errors(request, problem(400))).isEmpty();
  }

  @Test
  void sdmx21ShortPathsAreExpandedWithTheGrammarsDefaults() {
    SdmxDescription sdmx21 = SdmxDescription.SDMX_2_1;
    assertThat(sdmx21.expandPath("/sdmx/v2.1/data/COOP_STATS"))
        .isEqualTo("/sdmx/v2.1/data/COOP_STATS/all/all");
    assertThat(sdmx21.expandPath("/sdmx/v2.1/data/COOP_STATS/A..CAN/"))
        .isEqualTo("/sdmx/v2.1/data/COOP_STATS/A..CAN/all");
    assertThat(sdmx21.expandPath("/sdmx/v2.1/availableconstraint/COOP_STATS"))
        .isEqualTo("/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all");
    assertThat(sdmx21.expandPath("/sdmx/v2.1/dataflow"))
        .isEqualTo("/sdmx/v2.1/dataflow/all/all/latest");
    assertThat(sdmx21.expandPath("/sdmx/v2.1/codelist/COOPSTATS/CL_WORK_CAT/1.0/COOP"))
        .isEqualTo("/sdmx/v2.1/codelist/COOPSTATS/CL_WORK_CAT/1.0/COOP");
    assertThat(sdmx21.expandPath("/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS"))
        .isEqualTo("/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS/latest");
    // the resource id of a schema has no default: left as it is, so it matches no path
    assertThat(sdmx21.expandPath("/sdmx/v2.1/schema/dataflow/COOPSTATS"))
        .isEqualTo("/sdmx/v2.1/schema/dataflow/COOPSTATS");
  }

  @Test
  void anSdmx21ShortPathIsCheckedInFull() {
    Request request = get("/sdmx/v2.1/dataflow").withQueryParam("references", "everything").build();
    assertThat(errors(request, ok("application/vnd.sdmx.structure+xml;version=2.1", XML)))
        .anyMatch(m -> m.getMessage().contains("everything"));
  }

  @Test
  void errorsMayCarryAProblemButNothingElse() {
    Request request = get("/sdmx/v2.1/dataflow/ECB/EXR").build();
    assertThat(errors(request, problem(404))).isEmpty();
    SimpleResponse page =
        SimpleResponse.Builder.status(404).withContentType("text/html").withBody("<p>").build();
    assertThat(errors(request, page))
        .anyMatch(m -> m.getKey().equals("validation.response.body.unexpected"));
    // 409 is no status of the grammar
    assertThat(errors(request, problem(409)))
        .anyMatch(m -> m.getKey().equals("validation.response.status.unknown"));
  }

  @Test
  void onlyTheFormatExtensionIsAnAllowedExtraParameter() {
    Request format =
        get("/sdmx/v2.1/data/COOP_STATS")
            .withHeader("Accept", "text/html")
            .withQueryParam("format", "csv")
            .build();
    String csv = "application/vnd.sdmx.data+csv;version=1.0.0";
    assertThat(errors(format, ok(csv, "a"))).isEmpty();
    Request other = get("/sdmx/v2.1/data/COOP_STATS").withQueryParam("attributes", "none").build();
    assertThat(errors(other, ok(csv, "a")))
        .anyMatch(m -> m.getKey().equals("validation.request.parameter.query.unexpected"));
  }

  @Test
  void anIfModifiedSinceMustBeAnHttpDate() {
    String structure = "application/vnd.sdmx.structure+xml;version=2.1";
    Request httpDate =
        get("/sdmx/v2.1/dataflow")
            .withHeader("If-Modified-Since", "Sun, 06 Dec 2026 22:40:57 GMT")
            .build();
    assertThat(errors(httpDate, ok(structure, XML))).isEmpty();
    Request garbage = get("/sdmx/v2.1/dataflow").withHeader("If-Modified-Since", "soon").build();
    assertThat(errors(garbage, ok(structure, XML))).isNotEmpty();
  }

  @Test
  void queryValuesSentEncodedAreCheckedDecoded() {
    Request encoded =
        get("/sdmx/v2.1/data/COOP_STATS/all")
            .withQueryParam("updatedAfter", "2020-01-01T00%3A00%3A00Z")
            .build();
    assertThat(errors(encoded, ok(SS_DATA, XML))).isNotEmpty();
    assertThat(errors(SdmxDescription.withDecodedQuery(encoded), ok(SS_DATA, XML))).isEmpty();
  }

  @Test
  void aPathNotDescribedMayOnlyBeRefused() {
    Request request = get("/sdmx/v2.1/metadata/dataflow/ECB/EXR").build();
    assertThat(errors(request, problem(501))).isEmpty();
    assertThat(errors(request, ok("application/xml", "<x/>")))
        .anyMatch(m -> m.getKey().equals("validation.request.path.missing"));
  }

  // --- SDMX 3.0 API, REST 2.1.0 ---

  @Test
  void aDeclaredSdmx30StructureAnswerPasses() {
    Request request = get("/sdmx/v3/structure/dataflow/COOPSTATS/COOP_STATS/1.0.0").build();
    assertThat(errors(request, ok("application/vnd.sdmx.structure+xml;version=3.0.0", XML)))
        .isEmpty();
    // SDMX-JSON: the placeholder schema (type: string) is not held against a JSON message
    assertThat(
            errors(
                request, ok("application/vnd.sdmx.structure+json;version=2.0.0", "{\"data\":{}}")))
        .isEmpty();
    assertThat(errors(request, ok("application/vnd.sdmx.structure+xml;version=2.0.0", XML)))
        .extracting(ValidationReport.Message::getKey)
        .containsExactly(SdmxMediaTypeVersion.KEY);
  }

  @Test
  void sdmx30ShortPathsAreExpandedAndChecked() {
    SdmxDescription sdmx30 = SdmxDescription.SDMX_3_0;
    assertThat(sdmx30.expandPath("/sdmx/v3/structure/dataflow"))
        .isEqualTo("/sdmx/v3/structure/dataflow/*/*/~");
    assertThat(sdmx30.expandPath("/sdmx/v3/structure")).isEqualTo("/sdmx/v3/structure/*/*/*/~");
    assertThat(sdmx30.expandPath("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/"))
        .isEqualTo("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/*/*");
    assertThat(sdmx30.expandPath("/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/1.0.0"))
        .isEqualTo("/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/1.0.0/*/*");
    assertThat(sdmx30.expandPath("/sdmx/v3/schema/dataflow/COOPSTATS/COOP_STATS"))
        .isEqualTo("/sdmx/v3/schema/dataflow/COOPSTATS/COOP_STATS/~");

    String structure = "application/vnd.sdmx.structure+xml;version=3.0.0";
    assertThat(errors(get("/sdmx/v3/structure/dataflow").build(), ok(structure, XML))).isEmpty();
    Request badDetail = get("/sdmx/v3/structure/dataflow").withQueryParam("detail", "most").build();
    assertThat(errors(badDetail, ok(structure, XML)))
        .anyMatch(m -> m.getKey().equals("validation.request.parameter.schema.enum"));
    assertThat(errors(get("/sdmx/v3/structure/dataflow").build(), ok("text/html", "<p>")))
        .anyMatch(m -> m.getKey().equals("validation.response.contentType.notAllowed"));
  }

  @Test
  void anSdmx30RequestWithABadDimensionAtObservationFailsWhenAccepted() {
    String csv = "application/vnd.sdmx.data+csv;version=2.0.0";
    Request good =
        get("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/1.0.0/A.CAN.*")
            .withQueryParam("dimensionAtObservation", "AllDimensions")
            .withQueryParam("c[TIME_PERIOD]", "ge:2020+le:2022")
            .build();
    assertThat(errors(good, ok(csv, "a"))).isEmpty();
    Request bad =
        get("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/1.0.0/*")
            .withQueryParam("dimensionAtObservation", "9_TIME")
            .build();
    assertThat(errors(bad, ok(csv, "a")))
        .anyMatch(
            m ->
                m.getKey().equals("validation.request.parameter.schema.pattern")
                    && m.getMessage().contains("9_TIME"));
    assertThat(errors(bad, problem(400))).isEmpty();
  }

  @Test
  void sdmx21ParametersAreNotSdmx30Ones() {
    Request request =
        get("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/1.0.0/*")
            .withQueryParam("startPeriod", "2020")
            .build();
    assertThat(errors(request, ok("application/vnd.sdmx.data+csv;version=2.0.0", "a")))
        .anyMatch(m -> m.getKey().equals("validation.request.parameter.query.unexpected"));
  }

  @Test
  void otherPathsAreNotTheirs() {
    Request request = get("/api/v1/observations").build();
    assertThat(SdmxDescription.of(request.getPath())).isEmpty();
    assertThat(SdmxDescription.of("/sdmx/v30/data")).isEmpty();
    assertThat(SdmxDescription.of("/sdmx/v3")).contains(SdmxDescription.SDMX_3_0);
  }

  @Test
  void rest22DataParametersPassOnV3DataOnly() {
    String csv = "application/vnd.sdmx.data+csv;version=2.0.0";
    Request data =
        get("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/%2B/CAN")
            .withQueryParam("offset", "1")
            .withQueryParam("limit", "2")
            .withQueryParam("asOf", "2026-01-01T00:00:00Z")
            .build();
    assertThat(errors(data, ok(csv, "a"))).isEmpty();
    Request other =
        get("/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/%2B/CAN")
            .withQueryParam("page", "2")
            .build();
    assertThat(errors(other, ok(csv, "a")))
        .anyMatch(m -> m.getKey().equals("validation.request.parameter.query.unexpected"));
    Request structure =
        get("/sdmx/v3/structure/dataflow/COOPSTATS/COOP_STATS/%2B")
            .withQueryParam("limit", "2")
            .build();
    assertThat(errors(structure, ok("application/vnd.sdmx.structure+json;version=2.0.0", "{}")))
        .anyMatch(m -> m.getKey().equals("validation.request.parameter.query.unexpected"));
  }

  @Test
  void theStructureTypeWildcardPassesAndOtherUnknownTypesDoNot() {
    String json = "application/vnd.sdmx.structure+json;version=2.0.0";
    assertThat(errors(get("/sdmx/v3/structure/*/*/*/*").build(), ok(json, "{}"))).isEmpty();
    assertThat(errors(get("/sdmx/v3/structure/anything/*/*/*").build(), ok(json, "{}")))
        .anyMatch(m -> m.getKey().equals("validation.request.parameter.schema.enum"));
  }

  private static SimpleRequest.Builder get(String path) {
    return SimpleRequest.Builder.get(path);
  }

  private static SimpleResponse ok(String type, String body) {
    return SimpleResponse.Builder.ok().withContentType(type).withBody(body).build();
  }

  private static SimpleResponse problem(int status) {
    return SimpleResponse.Builder.status(status)
        .withContentType("application/problem+json")
        .withBody(PROBLEM.replace("400", String.valueOf(status)))
        .build();
  }

  private static List<ValidationReport.Message> errors(Request request, SimpleResponse response) {
    return SdmxContractFilter.errors(request, response);
  }
}
