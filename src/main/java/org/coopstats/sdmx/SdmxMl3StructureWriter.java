package org.coopstats.sdmx;

import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;

/**
 * Writes SDMX-ML 3.0.0 structure messages: dataflows, data structure definitions, code lists, the
 * concept scheme derived from a structure's components (as {@link SdmxStructureWriter} derives it
 * for 2.1), and the actual data constraint of an availability answer. SDMX 3.0 refers to other
 * artefacts by URN as element text; the versions stay the legacy "1.0" form, which the 3.0
 * VersionType still accepts (LegacyVersionNumberType).
 */
final class SdmxMl3StructureWriter {

  static final String MEDIA_TYPE = "application/vnd.sdmx.structure+xml;version=3.0.0";
  static final String MES = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message";
  static final String STR = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure";
  static final String COM = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common";

  private static final String XML_NS = SdmxStructureWriter.XML_NS;
  private static final String OBS_VALUE = SdmxStructureWriter.PRIMARY_MEASURE;
  private static final String URN = "urn:sdmx:org.sdmx.infomodel.";

  /**
   * What SDMX-ML 3.0.0 takes as a code's Parent (common:SingleNCNameIDType). Narrower than a code's
   * own id (common:IDType), which the maintainers agree is a bug of the 3.0.0 schemas
   * (sdmx-twg/sdmx-ml issue 30): a parent such as {@code _T} does not validate, so it is left out.
   */
  private static final Pattern PARENT_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

  private final XMLStreamWriter xml;

  private SdmxMl3StructureWriter(XMLStreamWriter xml) {
    this.xml = xml;
  }

  /**
   * A structure message with the artefacts of {@code content}; as stubs (detail=allstubs: their
   * identification and name only, marked external references) when {@code stubs}.
   */
  static void write(
      SdmxStructureWriter.Content content,
      String sender,
      Instant prepared,
      boolean stubs,
      OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    SdmxMl3StructureWriter writer = new SdmxMl3StructureWriter(xml);
    writer.begin(sender, prepared);
    writer.artefacts(content, stubs);
    writer.end();
    xml.flush();
  }

  /**
   * A structure message holding one actual data constraint on the dataflow of {@code structure}:
   * the codes of each dimension in {@code codes} (dimension id to codes) that have data, and the
   * time range covered when {@code start} and {@code end} are both given; the artefacts of {@code
   * references} beside it. {@code mode} (exact or available), when given, is noted in an
   * annotation.
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
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    SdmxMl3StructureWriter writer = new SdmxMl3StructureWriter(xml);
    writer.begin(sender, prepared);
    writer.constraint(structure, codes, start, end, mode);
    writer.artefacts(references, false);
    writer.end();
    xml.flush();
  }

  /** The URN of a maintainable artefact, e.g. {@code datastructure.Dataflow}. */
  static String urn(String packageAndClass, String agency, String id, String version) {
    return URN + packageAndClass + "=" + agency + ":" + id + "(" + version + ")";
  }

  static String dataflowUrn(DataStructure structure) {
    return urn("datastructure.Dataflow", structure.agency(), structure.id(), structure.version());
  }

  static String dataStructureUrn(DataStructure structure) {
    return urn(
        "datastructure.DataStructure", structure.agency(), structure.id(), structure.version());
  }

  static String codeListUrn(CodeList list) {
    return urn("codelist.Codelist", list.agency(), list.id(), list.version());
  }

  private static String conceptSchemeUrn(DataStructure structure) {
    return urn(
        "conceptscheme.ConceptScheme",
        structure.agency(),
        SdmxStructureWriter.conceptSchemeId(structure),
        structure.version());
  }

  private static String conceptUrn(DataStructure structure, String conceptId) {
    return conceptSchemeUrn(structure).replace(".ConceptScheme=", ".Concept=") + "." + conceptId;
  }

  /** Opens the message: its header, then the Structures element. */
  private void begin(String sender, Instant prepared) throws XMLStreamException {
    xml.writeStartDocument("UTF-8", "1.0");
    xml.setPrefix("mes", MES);
    xml.setPrefix("str", STR);
    xml.setPrefix("com", COM);
    xml.writeStartElement(MES, "Structure");
    xml.writeNamespace("mes", MES);
    xml.writeNamespace("str", STR);
    xml.writeNamespace("com", COM);
    SdmxHeader.write(xml, MES, sender, prepared, null);
    xml.writeStartElement(MES, "Structures");
  }

  /** Closes Structures and the message. */
  private void end() throws XMLStreamException {
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
  }

  /** The artefacts, each kind in its container (SDMX 3.0 Structures take them in any order). */
  private void artefacts(SdmxStructureWriter.Content content, boolean stubs)
      throws XMLStreamException {
    if (!content.codeLists().isEmpty()) {
      xml.writeStartElement(STR, "Codelists");
      for (CodeList list : content.codeLists()) {
        codeList(list, stubs);
      }
      xml.writeEndElement();
    }
    if (!content.conceptSchemes().isEmpty()) {
      xml.writeStartElement(STR, "ConceptSchemes");
      for (DataStructure structure : content.conceptSchemes()) {
        conceptScheme(structure, stubs);
      }
      xml.writeEndElement();
    }
    if (!content.dataflows().isEmpty()) {
      xml.writeStartElement(STR, "Dataflows");
      for (DataStructure structure : content.dataflows()) {
        dataflow(structure, stubs);
      }
      xml.writeEndElement();
    }
    if (!content.structures().isEmpty()) {
      xml.writeStartElement(STR, "DataStructures");
      for (DataStructure structure : content.structures()) {
        dataStructure(structure, stubs);
      }
      xml.writeEndElement();
    }
  }

  private void dataflow(DataStructure structure, boolean stubs) throws XMLStreamException {
    maintainable("Dataflow", dataflowUrn(structure), structure.id(), structure, stubs);
    name("en", structure.nameEn(), structure.id());
    description(structure.description());
    if (!stubs) {
      textElement(STR, "Structure", dataStructureUrn(structure));
    }
    xml.writeEndElement();
  }

  private void dataStructure(DataStructure structure, boolean stubs) throws XMLStreamException {
    maintainable("DataStructure", dataStructureUrn(structure), structure.id(), structure, stubs);
    name("en", structure.nameEn(), structure.id());
    description(structure.description());
    if (!stubs) {
      xml.writeStartElement(STR, "DataStructureComponents");
      dimensionList(structure);
      attributeList(structure);
      measureList(structure);
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  /** The dimensions in key order, then the time dimension (SDMX 3.0 wants it last). */
  private void dimensionList(DataStructure structure) throws XMLStreamException {
    xml.writeStartElement(STR, "DimensionList");
    xml.writeAttribute("id", "DimensionDescriptor");
    for (DimensionDef dimension : structure.seriesDimensions()) {
      xml.writeStartElement(STR, "Dimension");
      xml.writeAttribute("id", dimension.id());
      xml.writeAttribute("position", Integer.toString(dimension.position()));
      textElement(STR, "ConceptIdentity", conceptUrn(structure, dimension.id()));
      xml.writeStartElement(STR, "LocalRepresentation");
      textElement(STR, "Enumeration", codeListUrn(structure.codeList(dimension.codeListId())));
      xml.writeEndElement();
      xml.writeEndElement();
    }
    DimensionDef time = structure.timeDimension();
    xml.writeStartElement(STR, "TimeDimension");
    xml.writeAttribute("id", time.id());
    textElement(STR, "ConceptIdentity", conceptUrn(structure, time.id()));
    xml.writeStartElement(STR, "LocalRepresentation");
    xml.writeEmptyElement(STR, "TextFormat");
    xml.writeAttribute("textType", "ObservationalTimePeriod");
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /**
   * Every attribute of CoopStats belongs to the observation (relationship Observation); the 3.0
   * {@code usage} replaces 2.1's assignmentStatus.
   */
  private void attributeList(DataStructure structure) throws XMLStreamException {
    if (structure.attributes().isEmpty()) {
      return;
    }
    xml.writeStartElement(STR, "AttributeList");
    xml.writeAttribute("id", "AttributeDescriptor");
    for (AttributeDef attribute : structure.attributes()) {
      xml.writeStartElement(STR, "Attribute");
      xml.writeAttribute("id", attribute.id());
      xml.writeAttribute("usage", attribute.required() ? "mandatory" : "optional");
      textElement(STR, "ConceptIdentity", conceptUrn(structure, attribute.id()));
      xml.writeStartElement(STR, "LocalRepresentation");
      if (attribute.codeListId() != null) {
        textElement(STR, "Enumeration", codeListUrn(structure.codeList(attribute.codeListId())));
      } else {
        xml.writeEmptyElement(STR, "TextFormat");
        xml.writeAttribute("textType", "String");
      }
      xml.writeEndElement();
      xml.writeStartElement(STR, "AttributeRelationship");
      xml.writeEmptyElement(STR, "Observation");
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  /**
   * The single measure OBS_VALUE, a double: the data messages write NaN for a missing value, as the
   * 2.1 ones do.
   */
  private void measureList(DataStructure structure) throws XMLStreamException {
    xml.writeStartElement(STR, "MeasureList");
    xml.writeAttribute("id", "MeasureDescriptor");
    xml.writeStartElement(STR, "Measure");
    xml.writeAttribute("id", OBS_VALUE);
    textElement(STR, "ConceptIdentity", conceptUrn(structure, OBS_VALUE));
    xml.writeStartElement(STR, "LocalRepresentation");
    xml.writeEmptyElement(STR, "TextFormat");
    xml.writeAttribute("textType", "Double");
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private void codeList(CodeList list, boolean stubs) throws XMLStreamException {
    String urn = codeListUrn(list);
    maintainableStart("Codelist", urn, list.id(), list.agency(), list.version(), stubs);
    name("en", list.nameEn(), list.id());
    name("fr", list.nameFr(), null);
    name("es", list.nameEs(), null);
    description(list.description());
    if (!stubs) {
      String codeUrn = urn.replace(".Codelist=", ".Code=") + ".";
      for (Code code : list.codes()) {
        code(code, codeUrn);
      }
    }
    xml.writeEndElement();
  }

  private void code(Code code, String urnPrefix) throws XMLStreamException {
    xml.writeStartElement(STR, "Code");
    xml.writeAttribute("id", code.id());
    xml.writeAttribute("urn", urnPrefix + code.id());
    name("en", code.nameEn(), code.id());
    name("fr", code.nameFr(), null);
    name("es", code.nameEs(), null);
    if (code.parentId() != null && PARENT_ID.matcher(code.parentId()).matches()) {
      textElement(STR, "Parent", code.parentId());
    }
    xml.writeEndElement();
  }

  /** One concept per component: the dimensions, OBS_VALUE, then the attributes. */
  private void conceptScheme(DataStructure structure, boolean stubs) throws XMLStreamException {
    String id = SdmxStructureWriter.conceptSchemeId(structure);
    maintainable("ConceptScheme", conceptSchemeUrn(structure), id, structure, stubs);
    name("en", "Concepts of " + (structure.nameEn() == null ? structure.id() : structure.nameEn()));
    if (!stubs) {
      for (DimensionDef dimension : structure.dimensions()) {
        concept(structure, dimension.id(), dimension.nameEn(), dimension.description());
      }
      concept(structure, OBS_VALUE, "Observation value", "The value of the observation.");
      for (AttributeDef attribute : structure.attributes()) {
        concept(structure, attribute.id(), attribute.nameEn(), attribute.description());
      }
    }
    xml.writeEndElement();
  }

  private void concept(DataStructure structure, String id, String nameEn, String description)
      throws XMLStreamException {
    xml.writeStartElement(STR, "Concept");
    xml.writeAttribute("id", id);
    xml.writeAttribute("urn", conceptUrn(structure, id));
    name("en", nameEn, id);
    description(description);
    xml.writeEndElement();
  }

  private void maintainable(
      String element, String urn, String id, DataStructure owner, boolean stubs)
      throws XMLStreamException {
    maintainableStart(element, urn, id, owner.agency(), owner.version(), stubs);
  }

  /**
   * Opens a maintainable artefact. A stub says it is an external reference: its content is not in
   * the message (the writer does not know the service's address to give a structureURL).
   */
  private void maintainableStart(
      String element, String urn, String id, String agency, String version, boolean stub)
      throws XMLStreamException {
    xml.writeStartElement(STR, element);
    xml.writeAttribute("id", id);
    xml.writeAttribute("urn", urn);
    xml.writeAttribute("agencyID", agency);
    xml.writeAttribute("version", version);
    if (stub) {
      xml.writeAttribute("isExternalReference", "true");
    }
  }

  /** An actual data constraint attached to the dataflow, with one included cube region. */
  private void constraint(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      String mode)
      throws XMLStreamException {
    String id = "CC_" + structure.id();
    xml.writeStartElement(STR, "DataConstraints");
    maintainableStart(
        "DataConstraint",
        urn("registry.DataConstraint", structure.agency(), id, structure.version()),
        id,
        structure.agency(),
        structure.version(),
        false);
    xml.writeAttribute("role", "Actual");
    modeAnnotation(mode);
    name("en", "Data available for " + structure.id());
    xml.writeStartElement(STR, "ConstraintAttachment");
    textElement(STR, "Dataflow", dataflowUrn(structure));
    xml.writeEndElement();
    cubeRegion(structure, codes, start, end);
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /** Which availability was asked for: exact (the query's own) or available (the others'). */
  private void modeAnnotation(String mode) throws XMLStreamException {
    if (mode == null) {
      return;
    }
    xml.writeStartElement(COM, "Annotations");
    xml.writeStartElement(COM, "Annotation");
    xml.writeAttribute("id", "mode");
    textElement(COM, "AnnotationType", "sdmx_availability_mode");
    textElement(COM, "AnnotationValue", mode);
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /**
   * The codes of each dimension that have data, and the time range. A dimension without codes is
   * left out: the 3.0 schema wants at least one Value in a KeyValue.
   */
  private void cubeRegion(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end)
      throws XMLStreamException {
    xml.writeStartElement(STR, "CubeRegion");
    xml.writeAttribute("include", "true");
    for (var entry : codes.entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      xml.writeStartElement(STR, "KeyValue");
      xml.writeAttribute("id", entry.getKey());
      for (String code : entry.getValue()) {
        textElement(STR, "Value", code);
      }
      xml.writeEndElement();
    }
    if (start != null && end != null) {
      xml.writeStartElement(STR, "KeyValue");
      xml.writeAttribute("id", structure.timeDimension().id());
      xml.writeStartElement(STR, "TimeRange");
      period("StartPeriod", start);
      period("EndPeriod", end);
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private void period(String element, LocalDate day) throws XMLStreamException {
    xml.writeStartElement(STR, element);
    xml.writeAttribute("isInclusive", "true");
    xml.writeCharacters(day.toString());
    xml.writeEndElement();
  }

  private void textElement(String namespace, String element, String text)
      throws XMLStreamException {
    xml.writeStartElement(namespace, element);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  /** A name, which every nameable artefact must have: {@code fallback} when blank, if given. */
  private void name(String lang, String text, String fallback) throws XMLStreamException {
    String name = text == null || text.isBlank() ? fallback : text;
    if (name == null) {
      return;
    }
    xml.writeStartElement(COM, "Name");
    xml.writeAttribute("xml", XML_NS, "lang", lang);
    xml.writeCharacters(name);
    xml.writeEndElement();
  }

  private void name(String lang, String text) throws XMLStreamException {
    name(lang, text, null);
  }

  private void description(String text) throws XMLStreamException {
    if (text == null || text.isBlank()) {
      return;
    }
    xml.writeStartElement(COM, "Description");
    xml.writeAttribute("xml", XML_NS, "lang", "en");
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
