package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.Schema;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.PageRequest;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;
import org.coopstats.observation.Visibility;
import org.coopstats.sdmx.SdmxDataRequest.Detail;
import org.coopstats.support.TestStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The SDMX-ML 3.0.0 writers, without the service: every message is validated against the official
 * 3.0.0 schemas (vendored in src/test/resources/sdmx-ml-3.0), a data message together with the
 * schema {@link SdmxMl3SchemaWriter} writes for its structure, and its content is checked.
 */
class SdmxMl3WritersTest {

  private static final String OFFICIAL = "/sdmx-ml-3.0/";
  private static final String STR = SdmxMl3StructureWriter.STR;
  private static final String COM = SdmxMl3StructureWriter.COM;
  private static final Instant PREPARED = Instant.parse("2026-12-06T12:00:00Z");
  private static final DataStructure structure = TestStructure.coopStats();

  /** The structure's attributes, in its order, as every row lists them. */
  private static final List<String> ATTRIBUTES =
      structure.attributes().stream().map(AttributeDef::id).toList();

  private static Schema official;

  @BeforeAll
  static void schemas() throws SAXException {
    official = SdmxMl3Schemas.official();
  }

  // ---- structure messages

  @Test
  void theWholeStructureIsValidWithUrnReferences() throws Exception {
    Document message = validStructure(everything(), false);
    Element flow = single(message, STR, "Dataflow");
    assertThat(flow.getAttribute("urn"))
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=TEST:COOP_STATS(1.0)");
    assertThat(text(flow, STR, "Structure"))
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=TEST:COOP_STATS(1.0)");
    assertThat(message.getElementsByTagNameNS(STR, "Dimension").getLength()).isEqualTo(8);
    Element time = single(message, STR, "TimeDimension");
    assertThat(time.getAttribute("id")).isEqualTo("TIME_PERIOD");
    assertThat(message.getElementsByTagNameNS(STR, "Attribute").getLength()).isEqualTo(5);
    assertThat(single(message, STR, "Measure").getAttribute("id")).isEqualTo("OBS_VALUE");
    // one concept per component: 9 dimensions, the measure, 5 attributes
    assertThat(message.getElementsByTagNameNS(STR, "Concept").getLength()).isEqualTo(15);
    assertThat(message.getElementsByTagNameNS(STR, "Codelist").getLength())
        .isEqualTo(structure.codeLists().size());
  }

  @Test
  void componentsReferToTheirConceptAndCodeListAndSayTheirUsage() throws Exception {
    Document message = validStructure(everything(), false);
    Element area = byId(message.getElementsByTagNameNS(STR, "Dimension"), "REF_AREA");
    assertThat(area.getAttribute("position")).isEqualTo("1");
    assertThat(text(area, STR, "ConceptIdentity"))
        .isEqualTo(
            "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=TEST:CS_COOP_STATS(1.0).REF_AREA");
    assertThat(text(area, STR, "Enumeration"))
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=TEST:CL_AREA(1.0)");
    Element status = byId(message.getElementsByTagNameNS(STR, "Attribute"), "OBS_STATUS");
    assertThat(status.getAttribute("usage")).isEqualTo("mandatory");
    assertThat(status.getElementsByTagNameNS(STR, "Observation").getLength()).isEqualTo(1);
    Element comment = byId(message.getElementsByTagNameNS(STR, "Attribute"), "COMMENT_OBS");
    assertThat(comment.getAttribute("usage")).isEqualTo("optional");
    assertThat(
            ((Element) comment.getElementsByTagNameNS(STR, "TextFormat").item(0))
                .getAttribute("textType"))
        .isEqualTo("String");
  }

  @Test
  void codesKeepTheirNamesInEachLanguageAndTheParentsTheSchemaTakes() throws Exception {
    CodeList areas =
        CodeList.of(
            "CL_AREA",
            "TEST",
            "1.0",
            "Areas",
            "Zones",
            "Zonas",
            null,
            List.of(
                new Code("CAN", "Canada", "Canada", "Canadá", null, 0),
                new Code("CA-QC", "Quebec", "Québec", null, "CAN", 1)));
    CodeList types = structure.codeList("CL_COOP_TYPE");
    Document message =
        validStructure(
            new SdmxStructureWriter.Content(List.of(), List.of(), List.of(), List.of(areas, types)),
            false);
    assertThat(message.getElementsByTagNameNS(STR, "Dataflow").getLength()).isZero();
    Element quebec = byId(message.getElementsByTagNameNS(STR, "Code"), "CA-QC");
    assertThat(quebec.getAttribute("urn"))
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Code=TEST:CL_AREA(1.0).CA-QC");
    assertThat(names(quebec)).containsExactly("en:Quebec", "fr:Québec");
    assertThat(text(quebec, STR, "Parent")).isEqualTo("CAN");
    Element canada = byId(message.getElementsByTagNameNS(STR, "Code"), "CAN");
    assertThat(names(canada)).containsExactly("en:Canada", "fr:Canada", "es:Canadá");
    // SDMX-ML 3.0.0 refuses a parent not starting with a letter (sdmx-twg/sdmx-ml#30): left out
    Element production = byId(message.getElementsByTagNameNS(STR, "Code"), "PROD");
    assertThat(production.getElementsByTagNameNS(STR, "Parent").getLength()).isZero();
  }

  @Test
  void stubsHaveTheirIdentificationAndNameOnly() throws Exception {
    Document message = validStructure(everything(), true);
    for (String artefact : List.of("Dataflow", "DataStructure", "ConceptScheme", "Codelist")) {
      NodeList found = message.getElementsByTagNameNS(STR, artefact);
      assertThat(found.getLength()).as(artefact).isPositive();
      Element first = (Element) found.item(0);
      assertThat(first.getAttribute("isExternalReference")).isEqualTo("true");
      assertThat(first.getAttribute("version")).isEqualTo("1.0");
      assertThat(first.getElementsByTagNameNS(COM, "Name").getLength()).isPositive();
    }
    for (String child : List.of("Structure", "DataStructureComponents", "Concept", "Code")) {
      assertThat(message.getElementsByTagNameNS(STR, child).getLength()).as(child).isZero();
    }
  }

  // ---- availability

  @Test
  void availabilityOfEveryDimensionWithTheTimeRange() throws Exception {
    Map<String, Collection<String>> codes = new LinkedHashMap<>();
    structure.seriesDimensions().forEach(d -> codes.put(d.id(), List.of("_T")));
    codes.put("REF_AREA", List.of("CAN", "CA-QC"));
    Document message =
        validAvailability(
            codes, LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31), "exact", empty());
    Element constraint = single(message, STR, "DataConstraint");
    assertThat(constraint.getAttribute("role")).isEqualTo("Actual");
    assertThat(text(constraint, STR, "Dataflow"))
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=TEST:COOP_STATS(1.0)");
    assertThat(text(constraint, COM, "AnnotationValue")).isEqualTo("exact");
    NodeList keyValues = constraint.getElementsByTagNameNS(STR, "KeyValue");
    assertThat(keyValues.getLength()).isEqualTo(9);
    assertThat(values(byId(keyValues, "REF_AREA"))).containsExactly("CAN", "CA-QC");
    Element time = byId(keyValues, "TIME_PERIOD");
    assertThat(text(time, STR, "StartPeriod")).isEqualTo("2020-01-01");
    assertThat(text(time, STR, "EndPeriod")).isEqualTo("2024-12-31");
  }

  @Test
  void availabilityOfOneDimensionWithoutTimeRange() throws Exception {
    Map<String, Collection<String>> codes = new LinkedHashMap<>();
    codes.put("MEASURE", List.of("COOPS", "MEMBERS"));
    // no codes: left out, as a KeyValue must have a Value
    codes.put("SEX", List.of());
    Document message = validAvailability(codes, null, null, "available", empty());
    NodeList keyValues = message.getElementsByTagNameNS(STR, "KeyValue");
    assertThat(keyValues.getLength()).isEqualTo(1);
    assertThat(values(byId(keyValues, "MEASURE"))).containsExactly("COOPS", "MEMBERS");
    assertThat(message.getElementsByTagNameNS(STR, "TimeRange").getLength()).isZero();
  }

  @Test
  void availabilityWithItsReferences() throws Exception {
    Map<String, Collection<String>> codes = Map.of("REF_AREA", List.of("CAN"));
    Document message =
        validAvailability(
            codes, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31), null, everything());
    assertThat(message.getElementsByTagNameNS(STR, "DataConstraint").getLength()).isEqualTo(1);
    Element flows = single(message, STR, "Dataflows");
    assertThat(children(flows, STR, "Dataflow")).hasSize(1);
    assertThat(message.getElementsByTagNameNS(STR, "DataStructure").getLength()).isEqualTo(1);
    assertThat(message.getElementsByTagNameNS(STR, "Codelist").getLength())
        .isEqualTo(structure.codeLists().size());
    assertThat(message.getElementsByTagNameNS(COM, "Annotation").getLength()).isZero();
  }

  // ---- data messages

  @Test
  void timeSeriesWithAttributes() throws Exception {
    Document message = validData(rows(), request(Detail.FULL, false, null, true));
    Element header = single(message, SdmxMl3DataWriter.MES, "Structure");
    assertThat(header.getAttribute("dimensionAtObservation")).isEqualTo("TIME_PERIOD");
    assertThat(header.getAttribute("namespace"))
        .isEqualTo(
            "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=TEST:COOP_STATS(1.0)"
                + ":ObsLevelDim:TIME_PERIOD");
    assertThat(text(header, COM, "StructureUsage"))
        .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=TEST:COOP_STATS(1.0)");
    List<Element> dataSets = elements(message, "DataSet");
    assertThat(dataSets).hasSize(2);
    assertThat(dataSets.get(0).getAttributeNS(SdmxMl3DataWriter.SS, "action"))
        .isEqualTo("Information");
    assertThat(local(dataSets.get(0), "Series")).hasSize(2);
    assertThat(local(dataSets.get(0), "Obs")).hasSize(5);
    Element first = local(dataSets.get(0), "Series").get(0);
    assertThat(first.getAttribute("REF_AREA")).isEqualTo("CAN");
    assertThat(first.hasAttribute("TIME_PERIOD")).isFalse();
    Element obs = local(first, "Obs").get(0);
    assertThat(obs.getAttribute("TIME_PERIOD")).isEqualTo("2020");
    assertThat(obs.getAttribute("OBS_VALUE")).isEqualTo("12.5");
    assertThat(obs.getAttribute("UNIT_MEASURE")).isEqualTo("NUMBER");
    Element commented = local(first, "Obs").get(1);
    assertThat(commented.getAttribute("COMMENT_OBS")).isEqualTo("a<b & \"c\"\nnext line");
  }

  @Test
  void aMissingValueIsNanWithItsStatus() throws Exception {
    Document message = validData(rows(), request(Detail.FULL, false, null, true));
    Element missing =
        local(message.getDocumentElement(), "Obs").stream()
            .filter(o -> "M".equals(o.getAttribute("OBS_STATUS")))
            .findFirst()
            .orElseThrow();
    assertThat(missing.getAttribute("OBS_VALUE")).isEqualTo("NaN");
    assertThat(missing.getAttribute("TIME_PERIOD")).isEqualTo("2021");
  }

  @Test
  void allDimensionsGivesFlatObservationsWithTheirWholeKey() throws Exception {
    Document message = validData(rows(), request(Detail.FULL, true, null, true));
    assertThat(single(message, SdmxMl3DataWriter.MES, "Structure").getAttribute("namespace"))
        .endsWith(":ObsLevelDim:AllDimensions");
    assertThat(local(message.getDocumentElement(), "Series")).isEmpty();
    List<Element> current = local(elements(message, "DataSet").get(0), "Obs");
    assertThat(current).hasSize(5);
    Element obs = current.get(4);
    assertThat(obs.getAttribute("REF_AREA")).isEqualTo("CA-QC");
    assertThat(obs.getAttribute("WORK_CAT")).isEqualTo("_Z");
    assertThat(obs.getAttribute("TIME_PERIOD")).isEqualTo("2021");
    assertThat(obs.getAttribute("OBS_STATUS")).isEqualTo("M");
  }

  @Test
  void seriesKeysOnlyHasNoObservations() throws Exception {
    Document message = validData(currentOnly(), request(Detail.SERIESKEYSONLY, false, null, true));
    assertThat(local(message.getDocumentElement(), "Series")).hasSize(2);
    assertThat(local(message.getDocumentElement(), "Obs")).isEmpty();
  }

  @Test
  void measuresNoneLeavesTheValueOut() throws Exception {
    Document message = validData(currentOnly(), request(Detail.FULL, false, null, false));
    List<Element> observations = local(message.getDocumentElement(), "Obs");
    assertThat(observations).hasSize(5);
    assertThat(observations).noneMatch(o -> o.hasAttribute("OBS_VALUE"));
    assertThat(observations).allMatch(o -> o.hasAttribute("OBS_STATUS"));
  }

  @Test
  void onlyTheAttributesAskedForAreWritten() throws Exception {
    Document message =
        validData(currentOnly(), request(Detail.FULL, false, Set.of("UNIT_MEASURE"), true));
    List<Element> observations = local(message.getDocumentElement(), "Obs");
    assertThat(observations).allMatch(o -> o.hasAttribute("UNIT_MEASURE"));
    assertThat(observations).allMatch(o -> o.hasAttribute("OBS_VALUE"));
    assertThat(observations)
        .noneMatch(o -> o.hasAttribute("OBS_STATUS") || o.hasAttribute("COMMENT_OBS"));
  }

  @Test
  void dataOnlyHasNoAttributes() throws Exception {
    Document message = validData(currentOnly(), request(Detail.DATAONLY, false, null, true));
    List<Element> observations = local(message.getDocumentElement(), "Obs");
    assertThat(observations).hasSize(5).allMatch(o -> o.getAttributes().getLength() == 2);
  }

  @Test
  void deletionsAreADeleteDataSetOfObservationKeys() throws Exception {
    for (boolean allDimensions : List.of(false, true)) {
      Document message = validData(rows(), request(Detail.FULL, allDimensions, null, true));
      Element deletions = elements(message, "DataSet").get(1);
      assertThat(deletions.getAttributeNS(SdmxMl3DataWriter.SS, "action")).isEqualTo("Delete");
      List<Element> observations = local(deletions, "Obs");
      assertThat(observations).hasSize(1);
      Element deleted = observations.get(0);
      assertThat(deleted.getAttribute("TIME_PERIOD")).isEqualTo("2019");
      assertThat(deleted.hasAttribute("OBS_VALUE")).isFalse();
      assertThat(deleted.hasAttribute("OBS_STATUS")).isFalse();
    }
  }

  @Test
  void theSchemaTypesTheComponents() throws Exception {
    for (boolean allDimensions : List.of(false, true)) {
      ByteArrayOutputStream xsd = new ByteArrayOutputStream();
      SdmxMl3SchemaWriter.write(structure, allDimensions, xsd);
      String text = xsd.toString(StandardCharsets.UTF_8);
      assertThat(text)
          .contains("schemaLocation=\"SDMXDataStructureSpecific.xsd\"")
          .contains("<xs:enumeration value=\"CA-QC\"")
          .contains("name=\"OBS_VALUE\" type=\"xs:double\"");
      assertThat(text.contains("name=\"SeriesType\"")).isEqualTo(!allDimensions);
    }
    // a code out of its list does not validate
    byte[] wrong = data(rows(), request(Detail.FULL, false, null, true));
    String tampered = new String(wrong, StandardCharsets.UTF_8).replace("\"CAN\"", "\"XXX\"");
    assertThat(SdmxMl3Schemas.errors(dataSchema(false), tampered.getBytes(StandardCharsets.UTF_8)))
        .isNotEmpty();
  }

  // ---- messages at hand

  private static SdmxStructureWriter.Content everything() {
    return new SdmxStructureWriter.Content(
        List.of(structure), List.of(structure), List.of(structure), structure.codeLists().values());
  }

  private static SdmxStructureWriter.Content empty() {
    return new SdmxStructureWriter.Content(List.of(), List.of(), List.of(), List.of());
  }

  private static SdmxDataRequest request(
      Detail detail, boolean allDimensions, Set<String> attributes, boolean measure) {
    ObservationQuery query =
        new ObservationQuery(
            Map.of(),
            null,
            null,
            Set.of(),
            Set.of(),
            Visibility.asOf(OffsetDateTime.now()),
            new PageRequest(0, 10000));
    return new SdmxDataRequest(query, detail, null, null, allDimensions, attributes, measure);
  }

  /**
   * Data set 1: CAN's count of cooperatives 2020-2022 (a comment to escape on 2021), Quebec's
   * 2020-2021 (2021 missing, status M); then its deletions: CAN 2019.
   */
  private static List<ObservationRow> rows() {
    List<ObservationRow> rows = new ArrayList<>(currentOnly());
    rows.add(row("CAN", "2019", null, Arrays.asList(null, null, null, null, null), "D"));
    return rows;
  }

  private static List<ObservationRow> currentOnly() {
    List<String> usual = Arrays.asList("A", "F", "NUMBER", "0", null);
    List<String> commented = Arrays.asList("P", "F", "NUMBER", "0", "a<b & \"c\"\nnext line");
    List<String> missing = Arrays.asList("M", "F", "NUMBER", "0", null);
    return List.of(
        row("CAN", "2020", new BigDecimal("12.5"), usual, "I"),
        row("CAN", "2021", new BigDecimal("13"), commented, "I"),
        row("CAN", "2022", new BigDecimal("14.25"), usual, "I"),
        row("CA-QC", "2020", new BigDecimal("7"), usual, "I"),
        row("CA-QC", "2021", null, missing, "I"));
  }

  private static ObservationRow row(
      String area, String period, BigDecimal value, List<String> attributes, String action) {
    List<String> key = List.of(area, "COOPS", "_T", "_T", "_T", "_Z", "_Z", "_Z");
    OffsetDateTime from = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    return new ObservationRow(
        1L, "P1", key, period, value, ATTRIBUTES, attributes, from, null, action);
  }

  private static byte[] data(List<ObservationRow> rows, SdmxDataRequest request) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxDataSets dataSets = new SdmxDataSets(ObservationRows.of(rows), request);
    SdmxMl3DataWriter.write(structure, dataSets, request, "COOPSTATS", PREPARED, out);
    return out.toByteArray();
  }

  private static Document validData(List<ObservationRow> rows, SdmxDataRequest request)
      throws Exception {
    byte[] message = data(rows, request);
    assertValid(dataSchema(request.allDimensions()), message);
    return parse(message);
  }

  private static Document validStructure(SdmxStructureWriter.Content content, boolean stubs)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxMl3StructureWriter.write(content, "COOPSTATS", PREPARED, stubs, out);
    assertValid(official, out.toByteArray());
    return parse(out.toByteArray());
  }

  private static Document validAvailability(
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      String mode,
      SdmxStructureWriter.Content references)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdmxMl3StructureWriter.availability(
        structure, codes, start, end, mode, references, "COOPSTATS", PREPARED, out);
    assertValid(official, out.toByteArray());
    return parse(out.toByteArray());
  }

  // ---- validation

  /** The official schemas plus the one written for the structure at that observation level. */
  private static Schema dataSchema(boolean allDimensions) throws Exception {
    ByteArrayOutputStream xsd = new ByteArrayOutputStream();
    SdmxMl3SchemaWriter.write(structure, allDimensions, xsd);
    return SdmxMl3Schemas.withSpecific(xsd.toByteArray());
  }

  private static void assertValid(Schema schema, byte[] message) {
    SdmxMl3Schemas.assertValid(schema, message);
  }

  // ---- reading the messages

  private static Document parse(byte[] message) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(message));
  }

  private static Element single(Document message, String namespace, String name) {
    NodeList found = message.getElementsByTagNameNS(namespace, name);
    assertThat(found.getLength()).as(name).isEqualTo(1);
    return (Element) found.item(0);
  }

  private static String text(Element parent, String namespace, String name) {
    NodeList found = parent.getElementsByTagNameNS(namespace, name);
    assertThat(found.getLength()).as(name).isPositive();
    return found.item(0).getTextContent();
  }

  private static Element byId(NodeList elements, String id) {
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (element.getAttribute("id").equals(id)) {
        return element;
      }
    }
    throw new AssertionError("No element with id " + id);
  }

  private static List<String> names(Element nameable) {
    List<String> names = new ArrayList<>();
    for (Element name : children(nameable, COM, "Name")) {
      names.add(name.getAttributeNS(XMLConstants.XML_NS_URI, "lang") + ":" + name.getTextContent());
    }
    return names;
  }

  private static List<String> values(Element keyValue) {
    return children(keyValue, STR, "Value").stream().map(Element::getTextContent).toList();
  }

  private static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    NodeList all = parent.getElementsByTagNameNS(namespace, name);
    for (int i = 0; i < all.getLength(); i++) {
      if (all.item(i).getParentNode() == parent) {
        found.add((Element) all.item(i));
      }
    }
    return found;
  }

  private static List<Element> elements(Document message, String name) {
    return children(message.getDocumentElement(), SdmxMl3DataWriter.MES, name);
  }

  /** The unqualified elements (Series, Obs) of that name under {@code parent}, at any depth. */
  private static List<Element> local(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList all = parent.getElementsByTagName(name);
    for (int i = 0; i < all.getLength(); i++) {
      if (all.item(i).getNamespaceURI() == null) {
        found.add((Element) all.item(i));
      }
    }
    return found;
  }
}
