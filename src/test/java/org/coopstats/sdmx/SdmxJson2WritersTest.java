package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;
import org.coopstats.support.TestStructure;
import org.junit.jupiter.api.Test;

/**
 * The SDMX-JSON 2.0.0 data and structure writers, and the SDMX-JSON 1.0 data writer: every message
 * is checked against the official schema ({@link SdmxJsonSchemas}) and read back for its content.
 */
class SdmxJson2WritersTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DataStructure STRUCTURE = TestStructure.coopStats();
  private static final Instant PREPARED = Instant.parse("2026-12-06T10:15:30.123Z");
  private static final List<String> CAN = key("CAN", "COOPS");
  private static final List<String> QC = key("CA-QC", "COOPS");

  private static List<String> key(String area, String measure) {
    return List.of(area, measure, "_T", "_T", "_T", "_Z", "_Z", "_Z");
  }

  private static ObservationRow row(
      List<String> key, String period, String value, String status, String comment, String action) {
    List<String> ids = STRUCTURE.attributes().stream().map(AttributeDef::id).toList();
    return new ObservationRow(
        1L,
        "P1",
        key,
        period,
        value == null ? null : new BigDecimal(value),
        ids,
        Arrays.asList(status, "F", "NUMBER", "0", comment),
        OffsetDateTime.parse("2026-01-01T00:00:00Z"),
        null,
        action);
  }

  /** Two series of two years; QC's 2021 is missing (no value, status M) and carries a comment. */
  private static List<ObservationRow> rows() {
    return List.of(
        row(CAN, "2020", "120", "A", null, "I"),
        row(CAN, "2021", "125.5", "A", null, "I"),
        row(QC, "2020", "80", "P", "first count", "I"),
        row(QC, "2021", null, "M", "not collected", "I"));
  }

  private static SdmxDataRequest request(Map<String, String> parameters) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    parameters.forEach((name, value) -> lists.put(name, List.of(value)));
    return SdmxDataRequest.parse(
        STRUCTURE, "COOP_STATS", "all", "all", lists, OffsetDateTime.parse("2026-12-06T00:00Z"));
  }

  private static SdmxDataRequest shaped(Set<String> attributeIds, boolean measure) {
    SdmxDataRequest full = request(Map.of());
    return new SdmxDataRequest(
        full.query(), full.detail(), null, null, false, attributeIds, measure);
  }

  private static String data2(List<ObservationRow> rows, SdmxDataRequest request)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxJson2DataWriter.write(
        STRUCTURE,
        new SdmxDataSets(ObservationRows.of(rows), request),
        request,
        "COOPSTATS",
        PREPARED,
        "http://localhost:8080/",
        out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String data1(List<ObservationRow> rows, SdmxDataRequest request)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxJsonWriter.write(
        STRUCTURE,
        new SdmxDataSets(ObservationRows.of(rows), request),
        request,
        "COOPSTATS",
        PREPARED,
        "http://localhost:8080/",
        out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The message, after checking it against the 2.0.0 data schema. */
  private static JsonNode validData2(String json) throws IOException {
    assertThat(SdmxJsonSchemas.dataErrors2(json)).isEmpty();
    return MAPPER.readTree(json);
  }

  private static List<String> ids(JsonNode values) {
    List<String> ids = new ArrayList<>();
    values.forEach(v -> ids.add(v.has("id") ? v.get("id").asText() : v.get("value").asText()));
    return ids;
  }

  private static JsonNode component(JsonNode components, String id) {
    for (JsonNode component : components) {
      if (component.get("id").asText().equals(id)) {
        return component;
      }
    }
    throw new AssertionError("no component " + id + " in " + components);
  }

  @Test
  void timeSeriesCarryValuesThenAttributeIndexes() throws IOException {
    JsonNode message = validData2(data2(rows(), request(Map.of())));
    assertThat(message.at("/meta/prepared").asText()).isEqualTo("2026-12-06T10:15:30Z");
    assertThat(message.at("/meta/sender/id").asText()).isEqualTo("COOPSTATS");
    assertThat(message.at("/meta/contentLanguages/0").asText()).isEqualTo("en");
    JsonNode structure = message.at("/data/structures/0");
    assertThat(structure.at("/links/0/urn").asText())
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=TEST:COOP_STATS(1.0)");
    JsonNode series = structure.at("/dimensions/series");
    assertThat(series).hasSize(8);
    JsonNode area = component(series, "REF_AREA");
    assertThat(ids(area.get("values"))).containsExactly("CAN", "CA-QC");
    assertThat(area.at("/values/1/parent").asText()).isEqualTo("CAN");
    JsonNode time = structure.at("/dimensions/observation/0");
    assertThat(time.get("id").asText()).isEqualTo("TIME_PERIOD");
    assertThat(time.get("keyPosition").asInt()).isEqualTo(8);
    assertThat(ids(time.get("values"))).containsExactly("2020", "2021");
    assertThat(time.at("/values/0/end").asText()).isEqualTo("2020-12-31T23:59:59Z");
    JsonNode attributes = structure.at("/attributes/observation");
    assertThat(attributes).hasSize(5);
    assertThat(ids(component(attributes, "OBS_STATUS").get("values")))
        .containsExactly("A", "M", "P");
    assertThat(ids(component(attributes, "COMMENT_OBS").get("values")))
        .containsExactly("first count", "not collected");
    assertThat(structure.at("/measures/observation/0/id").asText()).isEqualTo("OBS_VALUE");
    JsonNode dataSet = message.at("/data/dataSets/0");
    assertThat(dataSet.get("action").asText()).isEqualTo("Information");
    assertThat(dataSet.get("structure").asInt()).isZero();
    assertThat(dataSet.get("series")).hasSize(2);
    assertThat(dataSet.at("/series/0:0:0:0:0:0:0:0/observations/1").toString())
        .isEqualTo("[125.5,0,0,0,0,null]");
    // the missing value: null, with status M (index 1) and its comment (index 1)
    assertThat(dataSet.at("/series/1:0:0:0:0:0:0:0/observations/1").toString())
        .isEqualTo("[null,1,0,0,0,1]");
  }

  @Test
  void allDimensionsIsAFlatListOfObservations() throws IOException {
    JsonNode message =
        validData2(data2(rows(), request(Map.of("dimensionAtObservation", "AllDimensions"))));
    JsonNode structure = message.at("/data/structures/0");
    assertThat(structure.at("/dimensions/series")).isEmpty();
    assertThat(structure.at("/dimensions/observation")).hasSize(9);
    JsonNode observations = message.at("/data/dataSets/0/observations");
    assertThat(observations).hasSize(4);
    assertThat(observations.get("1:0:0:0:0:0:0:0:0").toString()).isEqualTo("[80,2,0,0,0,0]");
    assertThat(message.at("/data/dataSets/0/series").isMissingNode()).isTrue();
  }

  @Test
  void seriesKeysOnlyWritesSeriesWithoutObservations() throws IOException {
    JsonNode message = validData2(data2(rows(), request(Map.of("detail", "serieskeysonly"))));
    JsonNode series = message.at("/data/dataSets/0/series");
    assertThat(series).hasSize(2);
    series.forEach(s -> assertThat(s.has("observations")).isFalse());
    JsonNode structure = message.at("/data/structures/0");
    assertThat(structure.at("/dimensions/observation")).isEmpty();
    assertThat(structure.at("/attributes/observation")).isEmpty();
    assertThat(structure.at("/measures").size()).isZero();
  }

  @Test
  void measuresNoneLeavesOnlyAttributeIndexes() throws IOException {
    JsonNode message = validData2(data2(rows(), shaped(null, false)));
    assertThat(message.at("/data/structures/0/measures").size()).isZero();
    assertThat(message.at("/data/dataSets/0/series/1:0:0:0:0:0:0:0/observations/1").toString())
        .isEqualTo("[1,0,0,0,1]");
  }

  @Test
  void anAttributeSubsetWritesThoseAttributesOnly() throws IOException {
    JsonNode message = validData2(data2(rows(), shaped(Set.of("OBS_STATUS"), true)));
    JsonNode attributes = message.at("/data/structures/0/attributes/observation");
    assertThat(attributes).hasSize(1);
    assertThat(attributes.at("/0/id").asText()).isEqualTo("OBS_STATUS");
    assertThat(message.at("/data/dataSets/0/series/1:0:0:0:0:0:0:0/observations/0").toString())
        .isEqualTo("[80,2]");
  }

  @Test
  void deletionsAreADeleteDataSetOfEmptyObservations() throws IOException {
    List<ObservationRow> rows = new ArrayList<>(rows().subList(0, 2));
    rows.add(row(QC, "2021", "80", "A", null, "D"));
    JsonNode message = validData2(data2(rows, request(Map.of())));
    JsonNode dataSets = message.at("/data/dataSets");
    assertThat(dataSets).hasSize(2);
    assertThat(message.at("/data/structures/0/dataSets").toString()).isEqualTo("[0,1]");
    assertThat(dataSets.at("/0/action").asText()).isEqualTo("Information");
    assertThat(dataSets.at("/1/action").asText()).isEqualTo("Delete");
    assertThat(dataSets.at("/1/series/1:0:0:0:0:0:0:0/observations/1").toString()).isEqualTo("[]");
  }

  @Test
  void theValidatorRejectsABrokenDataMessage() throws IOException {
    ObjectNode message = (ObjectNode) MAPPER.readTree(data2(rows(), request(Map.of())));
    ((ObjectNode) message.get("meta")).remove("prepared");
    ((ObjectNode) message.at("/data/dataSets/0")).put("action", "Overwrite");
    List<String> errors = SdmxJsonSchemas.dataErrors2(message.toString());
    assertThat(errors).anyMatch(e -> e.contains("prepared")).anyMatch(e -> e.contains("action"));
  }

  @Test
  void theValidatorRejectsABrokenStructureMessage() throws IOException {
    ObjectNode message = (ObjectNode) MAPPER.readTree(structure(fullContent(), false));
    ((ObjectNode) message.at("/data/dataStructures/0")).remove("agencyID");
    assertThat(SdmxJsonSchemas.structureErrors2(message.toString()))
        .anyMatch(e -> e.contains("agencyID"));
  }

  /**
   * The SDMX-JSON 1.0 schema requires no top-level member, so a message in the pre-1.0 draft layout
   * (header, structure and dataSets at the top) passed it without being checked at all: the 1.0
   * message is {@code meta} and {@code data}, and only then do the schema's rules apply.
   */
  @Test
  void theSdmxJson1WriterWritesValidMessages() throws IOException {
    List<ObservationRow> withDeletion = new ArrayList<>(rows());
    withDeletion.add(row(QC, "2019", "70", "A", null, "D"));
    for (Map<String, String> parameters :
        List.of(
            Map.<String, String>of(),
            Map.of("dimensionAtObservation", "AllDimensions"),
            Map.of("detail", "serieskeysonly"),
            Map.of("detail", "dataonly"))) {
      String json = data1(withDeletion, request(parameters));
      assertThat(SdmxJsonSchemas.dataErrors1(json)).as(parameters.toString()).isEmpty();
      JsonNode message = MAPPER.readTree(json);
      assertThat(message.at("/meta/sender/id").asText()).isEqualTo("COOPSTATS");
      assertThat(message.at("/data/structure/dimensions").isObject()).isTrue();
      assertThat(message.at("/data/dataSets")).hasSize(2);
    }
  }

  @Test
  void theValidatorRejectsABrokenVersion1Message() throws IOException {
    ObjectNode message = (ObjectNode) MAPPER.readTree(data1(rows(), request(Map.of())));
    ((ObjectNode) message.get("meta")).remove("prepared");
    ((ObjectNode) message.at("/data/dataSets/0")).remove("links");
    assertThat(SdmxJsonSchemas.dataErrors1(message.toString()))
        .anyMatch(e -> e.contains("prepared"))
        .anyMatch(e -> e.contains("links"));
  }

  // ---- structure messages ----

  private static SdmxStructureWriter.Content fullContent() {
    return new SdmxStructureWriter.Content(
        List.of(STRUCTURE), List.of(STRUCTURE), List.of(STRUCTURE), STRUCTURE.codeLists().values());
  }

  private static String structure(SdmxStructureWriter.Content content, boolean stubs)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxJson2StructureWriter.write(content, "COOPSTATS", PREPARED, stubs, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode validStructure2(String json) throws IOException {
    assertThat(SdmxJsonSchemas.structureErrors2(json)).isEmpty();
    return MAPPER.readTree(json);
  }

  @Test
  void theFullStructureHasEveryArtefactLinkedByUrn() throws IOException {
    JsonNode data = validStructure2(structure(fullContent(), false)).get("data");
    assertThat(data.at("/dataflows/0/structure").asText())
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=TEST:COOP_STATS(1.0)");
    JsonNode components = data.at("/dataStructures/0/dataStructureComponents");
    JsonNode dimensions = components.at("/dimensionList/dimensions");
    assertThat(dimensions).hasSize(8);
    assertThat(dimensions.at("/0/conceptIdentity").asText())
        .isEqualTo(
            "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=TEST:CS_COOP_STATS(1.0).REF_AREA");
    assertThat(dimensions.at("/0/localRepresentation/enumeration").asText())
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=TEST:CL_AREA(1.0)");
    assertThat(components.at("/dimensionList/timeDimension/id").asText()).isEqualTo("TIME_PERIOD");
    JsonNode attributes = components.at("/attributeList/attributes");
    assertThat(attributes).hasSize(5);
    assertThat(
            component(attributes, "COMMENT_OBS")
                .at("/localRepresentation/format/dataType")
                .asText())
        .isEqualTo("String");
    assertThat(component(attributes, "OBS_STATUS").get("usage").asText()).isEqualTo("mandatory");
    assertThat(components.at("/measureList/measures/0/id").asText()).isEqualTo("OBS_VALUE");
    assertThat(data.get("codelists")).hasSize(STRUCTURE.codeLists().size());
    JsonNode concepts = data.at("/conceptSchemes/0/concepts");
    assertThat(data.at("/conceptSchemes/0/id").asText()).isEqualTo("CS_COOP_STATS");
    assertThat(concepts).hasSize(STRUCTURE.dimensions().size() + 1 + STRUCTURE.attributes().size());
    assertThat(ids(concepts)).contains("TIME_PERIOD", "OBS_VALUE", "COMMENT_OBS");
  }

  @Test
  void stubsAreHeadersOnly() throws IOException {
    JsonNode data = validStructure2(structure(fullContent(), true)).get("data");
    assertThat(data.at("/dataflows/0/structure").isMissingNode()).isTrue();
    assertThat(data.at("/dataStructures/0/dataStructureComponents").isMissingNode()).isTrue();
    assertThat(data.at("/codelists/0/codes").isMissingNode()).isTrue();
    assertThat(data.at("/conceptSchemes/0/concepts").isMissingNode()).isTrue();
    assertThat(data.at("/dataStructures/0/links/0/urn").asText())
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=TEST:COOP_STATS(1.0)");
  }

  @Test
  void codeListsCarryNamesInEachLanguageAndParents() throws IOException {
    CodeList sex =
        CodeList.of(
            "CL_SEX",
            "COOPSTATS",
            "1.0",
            "Sex",
            "Sexe",
            "Sexo",
            null,
            List.of(
                new Code("_T", "Total", "Total", "Total", null, 0),
                new Code("F", "Female", "Femmes", "Mujeres", "_T", 1)));
    SdmxStructureWriter.Content content =
        new SdmxStructureWriter.Content(List.of(), List.of(), List.of(), List.of(sex));
    JsonNode data = validStructure2(structure(content, false)).get("data");
    assertThat(data.has("dataflows")).isFalse();
    assertThat(data.at("/codelists/0/names").toString())
        .isEqualTo("{\"en\":\"Sex\",\"fr\":\"Sexe\",\"es\":\"Sexo\"}");
    JsonNode female = data.at("/codelists/0/codes/1");
    assertThat(female.get("names").toString())
        .isEqualTo("{\"en\":\"Female\",\"fr\":\"Femmes\",\"es\":\"Mujeres\"}");
    assertThat(female.get("parent").asText()).isEqualTo("_T");
  }

  // ---- availability ----

  private static String availability(
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      SdmxStructureWriter.Content references)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxJson2StructureWriter.availability(
        STRUCTURE, codes, start, end, "exact", references, "COOPSTATS", PREPARED, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static final SdmxStructureWriter.Content NOTHING =
      new SdmxStructureWriter.Content(List.of(), List.of(), List.of(), List.of());

  private static Map<String, Collection<String>> everyDimension() {
    Map<String, Collection<String>> codes = new LinkedHashMap<>();
    for (int i = 0; i < CAN.size(); i++) {
      String dimension = STRUCTURE.seriesDimensions().get(i).id();
      codes.put(dimension, i == 0 ? List.of("CAN", "CA-QC") : List.of(CAN.get(i)));
    }
    return codes;
  }

  @Test
  void availabilityOfEveryDimensionWithATimeRange() throws IOException {
    String json =
        availability(
            everyDimension(), LocalDate.of(2020, 1, 1), LocalDate.of(2021, 12, 31), NOTHING);
    JsonNode constraint = validStructure2(json).at("/data/dataConstraints/0");
    assertThat(constraint.get("role").asText()).isEqualTo("Actual");
    assertThat(constraint.at("/constraintAttachment/dataflows/0").asText())
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=TEST:COOP_STATS(1.0)");
    JsonNode keyValues = constraint.at("/cubeRegions/0/keyValues");
    assertThat(keyValues).hasSize(9);
    assertThat(component(keyValues, "REF_AREA").get("values").toString())
        .isEqualTo("[\"CAN\",\"CA-QC\"]");
    JsonNode time = component(keyValues, "TIME_PERIOD").get("timeRange");
    assertThat(time.at("/startPeriod/period").asText()).isEqualTo("2020-01-01");
    assertThat(time.at("/endPeriod/period").asText()).isEqualTo("2021-12-31");
    assertThat(validStructure2(json).at("/data").has("dataflows")).isFalse();
  }

  @Test
  void availabilityOfOneDimensionWithoutTimeAndWithReferences() throws IOException {
    Map<String, Collection<String>> codes = Map.of("REF_AREA", List.of("CAN"));
    String json = availability(codes, null, null, fullContent());
    JsonNode data = validStructure2(json).get("data");
    JsonNode keyValues = data.at("/dataConstraints/0/cubeRegions/0/keyValues");
    assertThat(keyValues).hasSize(1);
    assertThat(keyValues.at("/0/id").asText()).isEqualTo("REF_AREA");
    assertThat(data.get("dataflows")).hasSize(1);
    assertThat(data.get("dataStructures")).hasSize(1);
    assertThat(data.get("codelists")).hasSize(STRUCTURE.codeLists().size());
  }

  @Test
  void availabilityOfOneDimensionWithATimeRange() throws IOException {
    String json =
        availability(
            Map.of("MEASURE", List.of("COOPS", "MEMBERS")),
            LocalDate.of(2019, 1, 1),
            LocalDate.of(2019, 12, 31),
            NOTHING);
    JsonNode keyValues =
        validStructure2(json).at("/data/dataConstraints/0/cubeRegions/0/keyValues");
    assertThat(ids(keyValues)).containsExactly("MEASURE", "TIME_PERIOD");
  }

  @Test
  void availabilityOfEveryDimensionWithoutTime() throws IOException {
    String json = availability(everyDimension(), null, null, NOTHING);
    JsonNode keyValues =
        validStructure2(json).at("/data/dataConstraints/0/cubeRegions/0/keyValues");
    assertThat(keyValues).hasSize(8);
    keyValues.forEach(k -> assertThat(k.has("timeRange")).isFalse());
  }
}
