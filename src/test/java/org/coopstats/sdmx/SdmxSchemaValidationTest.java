package org.coopstats.sdmx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Every kind of SDMX-ML message the service sends is valid against the official SDMX-ML 2.1 XML
 * Schemas (vendored in src/test/resources/sdmx-ml-2.1); StructureSpecificData against them plus the
 * schema specific to the data structure that the service serves ({@code /schema}).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdmxSchemaValidationTest {

  private static final String OFFICIAL = "/sdmx-ml-2.1/";
  private static final String GENERIC_DATA = SdmxFormats.GENERIC_DATA;
  private static final String SPECIFIC_DATA = SdmxFormats.STRUCTURE_SPECIFIC_DATA;
  private static final String SCHEMA = "/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS/1.0";
  private static final String KEY_ALL_CANADA = "CAN.COOPS+WORKERS......";

  private String provider;

  /** A provider whose data changed after its first release: 2019 left out, 2020 revised. */
  private String changing;

  private OffsetDateTime firstRelease;
  private Schema official;
  private final Map<String, Schema> specific = new HashMap<>();

  /** The provider of a published dataset of each structure besides COOP_STATS. */
  private final Map<String, String> otherStructures = new HashMap<>();

  @BeforeEach
  void publishOnce() throws Exception {
    Api.actAsAdmin();
    if (provider != null) {
      return;
    }
    official = schemaFactory().newSchema(officialSource("SDMXMessage.xsd"));
    provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    changing = Api.newProvider();
    long dataset = Api.newDataset(changing);
    String header = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";
    Api.uploadCsv(dataset, header + "CAN,COOPS,2019,5700\nCAN,COOPS,2020,5531\n");
    firstRelease = publish(dataset);
    given()
        .contentType("text/csv")
        .queryParam("mode", "replace")
        .body(header + "CAN,COOPS,2020,5530\n")
        .post("/api/v1/datasets/" + dataset + "/observations")
        .then()
        .statusCode(200);
    publish(dataset);
  }

  static Stream<Arguments> structureQueries() {
    String flow = "/sdmx/v2.1/dataflow/COOPSTATS/COOP_STATS/1.0";
    String dsd = "/sdmx/v2.1/datastructure/COOPSTATS/COOP_STATS/1.0";
    String codelist = "/sdmx/v2.1/codelist/COOPSTATS/CL_WORK_CAT";
    String scheme = "/sdmx/v2.1/conceptscheme/COOPSTATS/CS_COOP_STATS/1.0";
    List<Arguments> queries = new ArrayList<>();
    for (String path : List.of(flow, dsd, codelist, scheme)) {
      for (String references : List.of("none", "parents", "children", "descendants", "all")) {
        queries.add(Arguments.of(path, references));
      }
    }
    for (String type :
        List.of("datastructure", "codelist", "conceptscheme", "parentsandsiblings")) {
      queries.add(Arguments.of(flow, type));
    }
    for (String type : List.of("dataflow", "codelist", "conceptscheme", "parentsandsiblings")) {
      queries.add(Arguments.of(dsd, type));
    }
    queries.add(Arguments.of(codelist, "datastructure"));
    queries.add(Arguments.of(codelist, "parentsandsiblings"));
    queries.add(Arguments.of(scheme, "datastructure"));
    // Every artefact of a type, every code list of every agency among them.
    for (String type : List.of("dataflow", "datastructure", "codelist", "conceptscheme")) {
      queries.add(Arguments.of("/sdmx/v2.1/" + type, "none"));
    }
    queries.add(Arguments.of("/sdmx/v2.1/codelist/SDMX/CL_OBS_STATUS/latest", "none"));
    return queries.stream();
  }

  @ParameterizedTest(name = "{0}?references={1}")
  @MethodSource("structureQueries")
  void structureMessagesAreValid(String path, String references) {
    byte[] message =
        given()
            .queryParam("references", references)
            .get(path)
            .then()
            .statusCode(200)
            .contentType(startsWith(SdmxFormats.STRUCTURE_XML))
            .extract()
            .asByteArray();
    assertValid(official, message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"all", "REF_AREA", "TIME_PERIOD"})
  void availabilityMessagesAreValid(String componentId) {
    byte[] message =
        given()
            .get(
                "/sdmx/v2.1/availableconstraint/COOP_STATS/"
                    + KEY_ALL_CANADA
                    + "/"
                    + provider
                    + "/"
                    + componentId)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertValid(official, message);
  }

  static Stream<Arguments> dataShapes() {
    List<Arguments> shapes = new ArrayList<>();
    for (String format : List.of(GENERIC_DATA, SPECIFIC_DATA)) {
      for (String atObservation : List.of("TIME_PERIOD", "AllDimensions")) {
        for (String detail : List.of("full", "dataonly", "serieskeysonly", "nodata")) {
          shapes.add(Arguments.of(format, atObservation, detail));
        }
      }
    }
    return shapes.stream();
  }

  @ParameterizedTest(name = "{0} {1} detail={2}")
  @MethodSource("dataShapes")
  void dataMessagesAreValid(String format, String atObservation, String detail) {
    byte[] message =
        given()
            .accept(format)
            .queryParam("dimensionAtObservation", atObservation)
            .queryParam("detail", detail)
            .get("/sdmx/v2.1/data/COOP_STATS/" + KEY_ALL_CANADA + "/" + provider)
            .then()
            .statusCode(200)
            .contentType(startsWith(format))
            .extract()
            .asByteArray();
    assertValid(schemaFor(format, atObservation), message);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("updatedAfterShapes")
  void updatedAfterMessagesWithADeleteDataSetAreValid(String format, String atObservation) {
    byte[] message =
        given()
            .accept(format)
            .queryParam("updatedAfter", firstRelease.toString())
            .queryParam("dimensionAtObservation", atObservation)
            .get("/sdmx/v2.1/data/COOP_STATS/all/" + changing)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    String text = new String(message, StandardCharsets.UTF_8);
    assertThat(text).containsPattern("action=\"Delete\"").containsPattern("action=\"Information\"");
    assertValid(schemaFor(format, atObservation), message);
  }

  static Stream<Arguments> updatedAfterShapes() {
    return dataShapes()
        .filter(a -> a.get()[2].equals("full"))
        .map(a -> Arguments.of(a.get()[0], a.get()[1]));
  }

  /**
   * The validation is strict: the unqualified {@code action} of the data set (the bug this suite
   * found), or a code outside its code list, makes a StructureSpecific message invalid.
   */
  @Test
  void structureSpecificValidationRejectsAnUnqualifiedActionAndUnknownCodes() {
    String message =
        given()
            .accept(SPECIFIC_DATA)
            .queryParam("updatedAfter", firstRelease.toString())
            .get("/sdmx/v2.1/data/COOP_STATS/all/" + changing)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Schema schema = schemaFor(SPECIFIC_DATA, "TIME_PERIOD");
    assertValid(schema, message.getBytes(StandardCharsets.UTF_8));
    assertThat(message).contains(" ss:action=\"Delete\"");
    assertThat(errors(schema, message.replace(" ss:action=", " action=").getBytes()))
        .anyMatch(e -> e.contains("action"));
    assertThat(errors(schema, message.replace("REF_AREA=\"CAN\"", "REF_AREA=\"XXX\"").getBytes()))
        .anyMatch(e -> e.contains("XXX"));
  }

  static Stream<Arguments> otherStructures() {
    List<Arguments> shapes = new ArrayList<>();
    for (String flow : List.of("CONTEXT", "SSE_STATS")) {
      for (String format : List.of(GENERIC_DATA, SPECIFIC_DATA)) {
        for (String atObservation : List.of("TIME_PERIOD", "AllDimensions")) {
          shapes.add(Arguments.of(flow, format, atObservation));
        }
      }
    }
    return shapes.stream();
  }

  /** The structures added by migrations alone have valid data and structure messages too. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("otherStructures")
  void otherStructuresMessagesAreValid(String flow, String format, String atObservation) {
    String provider = otherStructures.computeIfAbsent(flow, SdmxSchemaValidationTest::published);
    byte[] message =
        given()
            .accept(format)
            .queryParam("dimensionAtObservation", atObservation)
            .get("/sdmx/v2.1/data/" + flow + "/all/" + provider)
            .then()
            .statusCode(200)
            .contentType(startsWith(format))
            .extract()
            .asByteArray();
    assertValid(schemaFor(format, atObservation, flow), message);
    byte[] structure =
        given()
            .queryParam("references", "all")
            .get("/sdmx/v2.1/dataflow/COOPSTATS/" + flow + "/1.0")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertValid(official, structure);
  }

  /** The indicators' derived dataflow: data and structure messages valid, values as computed. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dataShapesOfIndicators")
  void indicatorMessagesAreValid(String format, String atObservation) {
    byte[] message =
        given()
            .accept(format)
            .queryParam("dimensionAtObservation", atObservation)
            .get("/sdmx/v2.1/data/COOP_INDICATORS/WORKERS_PER_COOP+COOPS_CHANGE.CAN/" + provider)
            .then()
            .statusCode(200)
            .contentType(startsWith(format))
            .extract()
            .asByteArray();
    assertValid(schemaFor(format, atObservation, "COOP_INDICATORS"), message);
    assertThat(new String(message, java.nio.charset.StandardCharsets.UTF_8))
        .contains("18.0") // 100,755 persons employed / 5,605 cooperatives in 2021
        .contains("WORKERS 2021: 100755 PERSONS (dataset");
    byte[] structure =
        given()
            .queryParam("references", "all")
            .get("/sdmx/v2.1/dataflow/COOPSTATS/COOP_INDICATORS/1.0")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertValid(official, structure);
  }

  static Stream<Arguments> dataShapesOfIndicators() {
    List<Arguments> shapes = new ArrayList<>();
    for (String format : List.of(GENERIC_DATA, SPECIFIC_DATA)) {
      for (String atObservation : List.of("TIME_PERIOD", "AllDimensions")) {
        shapes.add(Arguments.of(format, atObservation));
      }
    }
    return shapes.stream();
  }

  private static String published(String flow) {
    String provider = Api.newProvider();
    long dataset = Api.newDataset(provider, flow, "made up");
    Api.uploadCsv(
        dataset,
        flow.equals("CONTEXT")
            ? "REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n"
                + "CAN,POP,F,2021,18700000,,\nCAN,GDP,_Z,2021,2500,CAD,9\n"
            : "REF_AREA,MEASURE,ENTITY_TYPE,TIME_PERIOD,OBS_VALUE\n"
                + "FRA,ENTITIES,COOP,2021,300\nFRA,ENTITIES,ASSOC,2021,600\n");
    Api.publish(dataset);
    return provider;
  }

  @Test
  void theSchemaResourceServesTheSchemaOfTheDataStructure() {
    for (String path :
        List.of(
            SCHEMA,
            "/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS/latest",
            "/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS",
            "/sdmx/v2.1/schema/datastructure/COOPSTATS/COOP_STATS/1.0")) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .contentType(startsWith(SdmxFormats.SCHEMA_XML))
          .body(
              hasXPath(
                  "/*[local-name()='schema']/@targetNamespace",
                  equalTo(
                      "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure="
                          + "COOPSTATS:COOP_STATS(1.0):ObsLevelDim:TIME_PERIOD")))
          // The series key: the eight dimensions other than time, from the structure.
          .body(
              hasXPath(
                  "count(//*[local-name()='complexType'][@name='SeriesType']"
                      + "//*[local-name()='attribute'][@use='required'])",
                  equalTo("8")))
          .body(
              hasXPath(
                  "count(//*[local-name()='simpleType'][@name='CL_WORK_CATType']"
                      + "//*[local-name()='enumeration'][@value='IN_EMP'])",
                  equalTo("1")));
    }
    given()
        .queryParam("dimensionAtObservation", "AllDimensions")
        .queryParam("explicitMeasure", "false")
        .accept("application/xml")
        .get(SCHEMA)
        .then()
        .statusCode(200)
        .body(
            hasXPath(
                "/*[local-name()='schema']/@targetNamespace",
                containsString(":ObsLevelDim:AllDimensions")))
        .body(hasXPath("count(//*[local-name()='complexType'][@name='SeriesType'])", equalTo("0")))
        .body(
            hasXPath(
                "count(//*[local-name()='complexType'][@name='ObsType']"
                    + "//*[local-name()='attribute'][@use='required'])",
                equalTo("9")));
  }

  @Test
  void schemaResourceErrorsAreProblems() {
    for (String path :
        List.of(
            "/sdmx/v2.1/schema/dataflow/COOPSTATS/OTHER_FLOW/1.0",
            "/sdmx/v2.1/schema/dataflow/ECB/COOP_STATS/latest",
            "/sdmx/v2.1/schema/dataflow/COOPSTATS/COOP_STATS/9.9",
            "/sdmx/v2.1/schema/codelist/COOPSTATS/COOP_STATS/1.0")) {
      given().get(path).then().statusCode(404).contentType("application/problem+json");
    }
    given()
        .get("/sdmx/v2.1/schema/provisionagreement/COOPSTATS/COOP_STATS/1.0")
        .then()
        .statusCode(501)
        .contentType("application/problem+json");
    given()
        .queryParam("dimensionAtObservation", "REF_AREA")
        .get(SCHEMA)
        .then()
        .statusCode(501)
        .contentType("application/problem+json");
    for (Map.Entry<String, String> bad :
        Map.of("dimensionAtObservation", "NOPE", "explicitMeasure", "maybe", "format", "xml")
            .entrySet()) {
      given()
          .queryParam(bad.getKey(), bad.getValue())
          .get(SCHEMA)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .accept("application/json")
        .get(SCHEMA)
        .then()
        .statusCode(406)
        .contentType("application/problem+json");
  }

  /** The official schemas, plus for StructureSpecificData the one the service serves. */
  private Schema schemaFor(String format, String atObservation) {
    return schemaFor(format, atObservation, "COOP_STATS");
  }

  private Schema schemaFor(String format, String atObservation, String flow) {
    if (format.equals(GENERIC_DATA)) {
      return official;
    }
    return specific.computeIfAbsent(
        flow + " " + atObservation,
        shape -> {
          String location =
              "/sdmx/v2.1/schema/dataflow/COOPSTATS/"
                  + flow
                  + "/1.0?dimensionAtObservation="
                  + atObservation;
          byte[] xsd =
              given()
                  .accept(SdmxFormats.SCHEMA_XML)
                  .get(location)
                  .then()
                  .statusCode(200)
                  .contentType(startsWith(SdmxFormats.SCHEMA_XML))
                  .extract()
                  .asByteArray();
          StreamSource served = new StreamSource(new ByteArrayInputStream(xsd));
          // Its relative schemaLocation (SDMXDataStructureSpecific.xsd) resolves by the resolver.
          served.setSystemId(
              "http://localhost/sdmx/v2.1/schema/dataflow/COOPSTATS/" + flow + "/1.0");
          try {
            return schemaFactory()
                .newSchema(new Source[] {officialSource("SDMXMessage.xsd"), served});
          } catch (SAXException e) {
            throw new AssertionError("The served schema does not compile: " + e.getMessage(), e);
          }
        });
  }

  private static void assertValid(Schema schema, byte[] message) {
    assertThat(errors(schema, message))
        .as("SDMX-ML 2.1 validation errors of:%n%s", abbreviated(message))
        .isEmpty();
  }

  private static String abbreviated(byte[] message) {
    String text = new String(message, StandardCharsets.UTF_8);
    return text.length() > 4000 ? text.substring(0, 4000) + " …" : text;
  }

  /** Every error and fatal error of validating the message, with its line and column. */
  static List<String> errors(Schema schema, byte[] message) {
    List<String> errors = new ArrayList<>();
    Validator validator = schema.newValidator();
    validator.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
          }

          @Override
          public void fatalError(SAXParseException e) {
            error(e);
          }
        });
    try {
      validator.validate(new StreamSource(new ByteArrayInputStream(message)));
    } catch (SAXException e) {
      errors.add(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return errors;
  }

  static SchemaFactory schemaFactory() {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setResourceResolver(VENDORED);
    return factory;
  }

  static StreamSource officialSource(String name) {
    URL url = SdmxSchemaValidationTest.class.getResource(OFFICIAL + name);
    if (url == null) {
      throw new AssertionError("No vendored SDMX-ML 2.1 schema " + name);
    }
    try {
      StreamSource source = new StreamSource(url.openStream());
      source.setSystemId(url.toExternalForm());
      return source;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Resolves every schemaLocation, relative or absolute, to the vendored official file of that
   * name: the validation never reaches the network.
   */
  private static final LSResourceResolver VENDORED =
      (type, namespace, publicId, systemId, baseUri) -> {
        if (systemId == null) {
          return null;
        }
        String name = systemId.substring(systemId.lastIndexOf('/') + 1);
        StreamSource source = officialSource(name);
        return new Input(source.getSystemId(), source.getInputStream());
      };

  private record Input(String systemId, InputStream byteStream) implements LSInput {
    @Override
    public java.io.Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(java.io.Reader characterStream) {}

    @Override
    public InputStream getByteStream() {
      return byteStream;
    }

    @Override
    public void setByteStream(InputStream byteStream) {}

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String stringData) {}

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String systemId) {}

    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public void setPublicId(String publicId) {}

    @Override
    public String getBaseURI() {
      return null;
    }

    @Override
    public void setBaseURI(String baseURI) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {}
  }

  private static OffsetDateTime publish(long dataset) {
    String releasedAt =
        given()
            .post("/api/v1/datasets/" + dataset + "/publish")
            .then()
            .statusCode(200)
            .extract()
            .path("releasedAt");
    return OffsetDateTime.parse(releasedAt);
  }
}
