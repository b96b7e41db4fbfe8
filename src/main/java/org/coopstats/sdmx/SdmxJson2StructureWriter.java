package org.coopstats.sdmx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;

/**
 * Writes SDMX-JSON 2.0.0 structure messages (SDMX 3.0): dataflows, data structures, code lists and
 * the concept scheme derived from a structure's components, as {@link SdmxStructureWriter} writes
 * them in SDMX-ML 2.1; and the availability answer, an actual data constraint. References between
 * artefacts are URNs, as SDMX-JSON 2.0 has them.
 */
final class SdmxJson2StructureWriter {

  static final String MEDIA_TYPE = "application/vnd.sdmx.structure+json;version=2.0.0";
  static final String SCHEMA =
      "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/"
          + "schemas/2.0.0/sdmx-json-structure-schema.json";

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final JsonGenerator json;
  private final boolean stubs;

  private SdmxJson2StructureWriter(JsonGenerator json, boolean stubs) {
    this.json = json;
    this.stubs = stubs;
  }

  /**
   * @param stubs artefact headers only (id, agency, version, names, self link), as SDMX REST's
   *     {@code detail=allstubs} asks
   */
  static void write(
      SdmxStructureWriter.Content content,
      String sender,
      Instant prepared,
      boolean stubs,
      OutputStream output)
      throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(output)) {
      json.writeStartObject();
      SdmxJson2DataWriter.meta(json, SCHEMA, sender, prepared);
      json.writeObjectFieldStart("data");
      new SdmxJson2StructureWriter(json, stubs).artefacts(content);
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  /**
   * A URN of the SDMX information model, e.g. {@code urnClass} "datastructure.Dataflow": {@code
   * urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=AGENCY:ID(VERSION)}, with the agency and
   * version of {@code owner}.
   */
  static String urn(String urnClass, DataStructure owner, String id) {
    return urn(urnClass, owner.agency(), id, owner.version());
  }

  private static String urn(String urnClass, String agency, String id, String version) {
    return "urn:sdmx:org.sdmx.infomodel."
        + urnClass
        + "="
        + agency
        + ":"
        + id
        + "("
        + version
        + ")";
  }

  private static String codeListUrn(CodeList list) {
    return urn("codelist.Codelist", list.agency(), list.id(), list.version());
  }

  private static String conceptUrn(DataStructure structure, String conceptId) {
    String scheme = SdmxStructureWriter.conceptSchemeId(structure);
    return urn("conceptscheme.Concept", structure, scheme) + "." + conceptId;
  }

  /** Each kind of artefact the content holds; none is written empty (the schema wants one). */
  private void artefacts(SdmxStructureWriter.Content content) throws IOException {
    if (!content.dataflows().isEmpty()) {
      json.writeArrayFieldStart("dataflows");
      for (DataStructure structure : content.dataflows()) {
        dataflow(structure);
      }
      json.writeEndArray();
    }
    if (!content.structures().isEmpty()) {
      json.writeArrayFieldStart("dataStructures");
      for (DataStructure structure : content.structures()) {
        dataStructure(structure);
      }
      json.writeEndArray();
    }
    if (!content.codeLists().isEmpty()) {
      json.writeArrayFieldStart("codelists");
      for (CodeList list : content.codeLists()) {
        codeList(list);
      }
      json.writeEndArray();
    }
    if (!content.conceptSchemes().isEmpty()) {
      json.writeArrayFieldStart("conceptSchemes");
      for (DataStructure structure : content.conceptSchemes()) {
        conceptScheme(structure);
      }
      json.writeEndArray();
    }
  }

  /** Opens a maintainable artefact and writes its header (names: English, French, Spanish). */
  private void maintainable(
      String urnClass, String id, String agency, String version, String[] names, String description)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id);
    json.writeStringField("version", version);
    json.writeStringField("agencyID", agency);
    names(id, names[0], names[1], names[2]);
    descriptions(description);
    json.writeArrayFieldStart("links");
    json.writeStartObject();
    json.writeStringField("rel", "self");
    json.writeStringField("urn", urn(urnClass, agency, id, version));
    json.writeEndObject();
    json.writeEndArray();
  }

  private void maintainable(String urnClass, String id, DataStructure owner, String nameEn)
      throws IOException {
    maintainable(
        urnClass, id, owner.agency(), owner.version(), english(nameEn), owner.description());
  }

  private static String[] english(String nameEn) {
    return new String[] {nameEn, null, null};
  }

  private void descriptions(String description) throws IOException {
    if (description == null || description.isBlank()) {
      return;
    }
    json.writeObjectFieldStart("descriptions");
    json.writeStringField("en", description);
    json.writeEndObject();
  }

  /** {@code name} (English, or the id where none) and the {@code names} there are. */
  private void names(String id, String en, String fr, String es) throws IOException {
    json.writeStringField("name", en == null || en.isBlank() ? id : en);
    json.writeObjectFieldStart("names");
    name("en", en == null || en.isBlank() ? id : en);
    name("fr", fr);
    name("es", es);
    json.writeEndObject();
  }

  private void name(String lang, String text) throws IOException {
    if (text != null && !text.isBlank()) {
      json.writeStringField(lang, text);
    }
  }

  private void dataflow(DataStructure structure) throws IOException {
    maintainable("datastructure.Dataflow", structure.id(), structure, structure.nameEn());
    if (!stubs) {
      json.writeStringField(
          "structure", urn("datastructure.DataStructure", structure, structure.id()));
    }
    json.writeEndObject();
  }

  private void dataStructure(DataStructure structure) throws IOException {
    maintainable("datastructure.DataStructure", structure.id(), structure, structure.nameEn());
    if (!stubs) {
      json.writeObjectFieldStart("dataStructureComponents");
      if (!structure.attributes().isEmpty()) {
        attributeList(structure);
      }
      dimensionList(structure);
      measureList(structure);
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /** The series dimensions (positions from 0, in key order) and the time dimension. */
  private void dimensionList(DataStructure structure) throws IOException {
    json.writeObjectFieldStart("dimensionList");
    json.writeStringField("id", "DimensionDescriptor");
    json.writeArrayFieldStart("dimensions");
    List<DimensionDef> dimensions = structure.seriesDimensions();
    for (int i = 0; i < dimensions.size(); i++) {
      DimensionDef dimension = dimensions.get(i);
      json.writeStartObject();
      json.writeStringField("id", dimension.id());
      json.writeNumberField("position", i);
      json.writeStringField("conceptIdentity", conceptUrn(structure, dimension.id()));
      json.writeObjectFieldStart("localRepresentation");
      json.writeStringField("enumeration", codeListUrn(structure.codeList(dimension.codeListId())));
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    DimensionDef time = structure.timeDimension();
    json.writeObjectFieldStart("timeDimension");
    json.writeStringField("id", time.id());
    json.writeStringField("conceptIdentity", conceptUrn(structure, time.id()));
    json.writeObjectFieldStart("localRepresentation");
    json.writeObjectFieldStart("format");
    json.writeStringField("dataType", "ObservationalTimePeriod");
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
  }

  /** The attributes, each attached to the observation (SDMX 3.0's level for the 2.1 measure). */
  private void attributeList(DataStructure structure) throws IOException {
    json.writeObjectFieldStart("attributeList");
    json.writeStringField("id", "AttributeDescriptor");
    json.writeArrayFieldStart("attributes");
    for (AttributeDef attribute : structure.attributes()) {
      json.writeStartObject();
      json.writeStringField("id", attribute.id());
      json.writeStringField("usage", attribute.required() ? "mandatory" : "optional");
      json.writeObjectFieldStart("attributeRelationship");
      json.writeObjectFieldStart("observation");
      json.writeEndObject();
      json.writeEndObject();
      json.writeStringField("conceptIdentity", conceptUrn(structure, attribute.id()));
      json.writeObjectFieldStart("localRepresentation");
      if (attribute.codeListId() != null) {
        json.writeStringField(
            "enumeration", codeListUrn(structure.codeList(attribute.codeListId())));
      } else {
        json.writeObjectFieldStart("format");
        json.writeStringField("dataType", "String");
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void measureList(DataStructure structure) throws IOException {
    json.writeObjectFieldStart("measureList");
    json.writeStringField("id", "MeasureDescriptor");
    json.writeArrayFieldStart("measures");
    json.writeStartObject();
    json.writeStringField("id", SdmxStructureWriter.PRIMARY_MEASURE);
    json.writeStringField(
        "conceptIdentity", conceptUrn(structure, SdmxStructureWriter.PRIMARY_MEASURE));
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  private void codeList(CodeList list) throws IOException {
    maintainable(
        "codelist.Codelist",
        list.id(),
        list.agency(),
        list.version(),
        new String[] {list.nameEn(), list.nameFr(), list.nameEs()},
        list.description());
    if (!stubs && !list.codes().isEmpty()) {
      json.writeArrayFieldStart("codes");
      for (Code code : list.codes()) {
        json.writeStartObject();
        json.writeStringField("id", code.id());
        names(code.id(), code.nameEn(), code.nameFr(), code.nameEs());
        if (code.parentId() != null) {
          json.writeStringField("parent", code.parentId());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** One concept per component, as {@link SdmxStructureWriter} derives them. */
  private void conceptScheme(DataStructure structure) throws IOException {
    maintainable(
        "conceptscheme.ConceptScheme",
        SdmxStructureWriter.conceptSchemeId(structure),
        structure.agency(),
        structure.version(),
        english("Concepts of " + structure.nameEn()),
        null);
    if (!stubs) {
      json.writeArrayFieldStart("concepts");
      for (DimensionDef dimension : structure.dimensions()) {
        concept(dimension.id(), dimension.nameEn(), dimension.description());
      }
      concept(
          SdmxStructureWriter.PRIMARY_MEASURE,
          "Observation value",
          "The value of the observation.");
      for (AttributeDef attribute : structure.attributes()) {
        concept(attribute.id(), attribute.nameEn(), attribute.description());
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void concept(String id, String nameEn, String description) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id);
    names(id, nameEn, null, null);
    descriptions(description);
    json.writeEndObject();
  }

  /**
   * An SDMX-JSON 2.0.0 structure message holding one actual data constraint on the dataflow: the
   * codes of each dimension that have data and, when {@code start} and {@code end} are given, the
   * time range covered; then the artefacts of {@code references} (which may be empty).
   *
   * @param mode the availability query's mode (exact or available), recorded as an annotation
   */
  static void availability(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      String mode,
      SdmxStructureWriter.Content references,
      String sender,
      Instant prepared,
      OutputStream output)
      throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(output)) {
      json.writeStartObject();
      SdmxJson2DataWriter.meta(json, SCHEMA, sender, prepared);
      json.writeObjectFieldStart("data");
      SdmxJson2StructureWriter writer = new SdmxJson2StructureWriter(json, false);
      json.writeArrayFieldStart("dataConstraints");
      writer.constraint(structure, codes, start, end, mode);
      json.writeEndArray();
      writer.artefacts(references);
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  /** Named as the SDMX 2.1 API names its content constraint, so both name the same thing. */
  private void constraint(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      String mode)
      throws IOException {
    maintainable(
        "registry.DataConstraint",
        "CC_" + structure.id(),
        structure.agency(),
        structure.version(),
        english("Data available for " + structure.id()),
        null);
    if (mode != null) {
      json.writeArrayFieldStart("annotations");
      json.writeStartObject();
      json.writeStringField("id", "mode");
      json.writeStringField("type", "sdmx-availability-mode");
      json.writeStringField("title", mode);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeStringField("role", "Actual");
    json.writeObjectFieldStart("constraintAttachment");
    json.writeArrayFieldStart("dataflows");
    json.writeString(urn("datastructure.Dataflow", structure, structure.id()));
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("cubeRegions");
    cubeRegion(structure, codes, start, end);
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * The codes of each dimension that have data, and the time range when there is one. A dimension
   * without codes is left out: a key value must list at least one.
   */
  private void cubeRegion(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end)
      throws IOException {
    json.writeStartObject();
    json.writeBooleanField("include", true);
    boolean time = start != null && end != null;
    boolean any = time || codes.values().stream().anyMatch(c -> !c.isEmpty());
    if (any) {
      json.writeArrayFieldStart("keyValues");
      for (var entry : codes.entrySet()) {
        if (entry.getValue().isEmpty()) {
          continue;
        }
        json.writeStartObject();
        json.writeStringField("id", entry.getKey());
        json.writeArrayFieldStart("values");
        for (String code : entry.getValue()) {
          json.writeString(code);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      if (time) {
        timeRange(structure.timeDimension().id(), start, end);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void timeRange(String id, LocalDate start, LocalDate end) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id);
    json.writeObjectFieldStart("timeRange");
    period("startPeriod", start);
    period("endPeriod", end);
    json.writeEndObject();
    json.writeEndObject();
  }

  private void period(String field, LocalDate day) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("period", day.toString());
    json.writeBooleanField("isInclusive", true);
    json.writeEndObject();
  }
}
