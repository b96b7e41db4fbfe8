package org.coopstats.sdmx;

import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;

/**
 * Writes SDMX-ML 2.1 structure messages: dataflows, data structure definitions, code lists and the
 * concept scheme derived from a structure's components.
 */
final class SdmxStructureWriter {

  static final String MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
  static final String STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
  static final String COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
  static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
  static final String PRIMARY_MEASURE = "OBS_VALUE";

  /** What a structure message holds. */
  record Content(
      List<DataStructure> dataflows,
      List<DataStructure> structures,
      List<DataStructure> conceptSchemes,
      Collection<CodeList> codeLists) {}

  private final XMLStreamWriter xml;

  private SdmxStructureWriter(XMLStreamWriter xml) {
    this.xml = xml;
  }

  static void write(Content content, String sender, Instant prepared, OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    new SdmxStructureWriter(xml).message(content, sender, prepared);
    xml.flush();
  }

  static String conceptSchemeId(DataStructure structure) {
    return "CS_" + structure.id();
  }

  private void message(Content content, String sender, Instant prepared) throws XMLStreamException {
    begin(sender, prepared);
    if (!content.dataflows().isEmpty()) {
      xml.writeStartElement(STR, "Dataflows");
      for (DataStructure structure : content.dataflows()) {
        dataflow(structure);
      }
      xml.writeEndElement();
    }
    if (!content.codeLists().isEmpty()) {
      xml.writeStartElement(STR, "Codelists");
      for (CodeList list : content.codeLists()) {
        codeList(list);
      }
      xml.writeEndElement();
    }
    if (!content.conceptSchemes().isEmpty()) {
      xml.writeStartElement(STR, "Concepts");
      for (DataStructure structure : content.conceptSchemes()) {
        conceptScheme(structure);
      }
      xml.writeEndElement();
    }
    if (!content.structures().isEmpty()) {
      xml.writeStartElement(STR, "DataStructures");
      for (DataStructure structure : content.structures()) {
        dataStructure(structure);
      }
      xml.writeEndElement();
    }
    end();
  }

  /** Opens a structure message: its header, then the Structures element. */
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

  private void dataflow(DataStructure structure) throws XMLStreamException {
    maintainable("Dataflow", "datastructure.Dataflow", structure.id(), structure);
    name("en", structure.nameEn());
    description(structure.description());
    xml.writeStartElement(STR, "Structure");
    ref(structure.id(), structure.agency(), structure.version(), "DataStructure", "datastructure");
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private void codeList(CodeList list) throws XMLStreamException {
    String urn =
        "urn:sdmx:org.sdmx.infomodel.codelist.Codelist="
            + list.agency()
            + ":"
            + list.id()
            + "("
            + list.version()
            + ")";
    xml.writeStartElement(STR, "Codelist");
    xml.writeAttribute("id", list.id());
    xml.writeAttribute("urn", urn);
    xml.writeAttribute("agencyID", list.agency());
    xml.writeAttribute("version", list.version());
    xml.writeAttribute("isFinal", "true");
    name("en", list.nameEn());
    name("fr", list.nameFr());
    name("es", list.nameEs());
    description(list.description());
    for (Code code : list.codes()) {
      xml.writeStartElement(STR, "Code");
      xml.writeAttribute("id", code.id());
      xml.writeAttribute("urn", urn.replace(".Codelist=", ".Code=") + "." + code.id());
      name("en", code.nameEn());
      name("fr", code.nameFr());
      name("es", code.nameEs());
      if (code.parentId() != null) {
        xml.writeStartElement(STR, "Parent");
        xml.writeEmptyElement("Ref");
        xml.writeAttribute("id", code.parentId());
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private void conceptScheme(DataStructure structure) throws XMLStreamException {
    maintainable(
        "ConceptScheme", "conceptscheme.ConceptScheme", conceptSchemeId(structure), structure);
    name("en", "Concepts of " + structure.nameEn());
    for (DimensionDef dimension : structure.dimensions()) {
      concept(structure, dimension.id(), dimension.nameEn(), dimension.description());
    }
    concept(structure, PRIMARY_MEASURE, "Observation value", "The value of the observation.");
    for (AttributeDef attribute : structure.attributes()) {
      concept(structure, attribute.id(), attribute.nameEn(), attribute.description());
    }
    xml.writeEndElement();
  }

  private void concept(DataStructure structure, String id, String nameEn, String description)
      throws XMLStreamException {
    xml.writeStartElement(STR, "Concept");
    xml.writeAttribute("id", id);
    xml.writeAttribute(
        "urn",
        "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept="
            + structure.agency()
            + ":"
            + conceptSchemeId(structure)
            + "("
            + structure.version()
            + ")."
            + id);
    name("en", nameEn);
    description(description);
    xml.writeEndElement();
  }

  private void dataStructure(DataStructure structure) throws XMLStreamException {
    maintainable("DataStructure", "datastructure.DataStructure", structure.id(), structure);
    name("en", structure.nameEn());
    description(structure.description());
    xml.writeStartElement(STR, "DataStructureComponents");
    xml.writeStartElement(STR, "DimensionList");
    xml.writeAttribute("id", "DimensionDescriptor");
    for (DimensionDef dimension : structure.dimensions()) {
      xml.writeStartElement(STR, dimension.timeDimension() ? "TimeDimension" : "Dimension");
      xml.writeAttribute("id", dimension.id());
      xml.writeAttribute("position", Integer.toString(dimension.position()));
      conceptIdentity(structure, dimension.id());
      xml.writeStartElement(STR, "LocalRepresentation");
      if (dimension.timeDimension()) {
        xml.writeEmptyElement(STR, "TextFormat");
        xml.writeAttribute("textType", "ObservationalTimePeriod");
      } else {
        enumeration(structure.codeList(dimension.codeListId()));
      }
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeStartElement(STR, "AttributeList");
    xml.writeAttribute("id", "AttributeDescriptor");
    for (AttributeDef attribute : structure.attributes()) {
      xml.writeStartElement(STR, "Attribute");
      xml.writeAttribute("id", attribute.id());
      xml.writeAttribute("assignmentStatus", attribute.required() ? "Mandatory" : "Conditional");
      conceptIdentity(structure, attribute.id());
      xml.writeStartElement(STR, "LocalRepresentation");
      if (attribute.codeListId() != null) {
        enumeration(structure.codeList(attribute.codeListId()));
      } else {
        xml.writeEmptyElement(STR, "TextFormat");
        xml.writeAttribute("textType", "String");
      }
      xml.writeEndElement();
      xml.writeStartElement(STR, "AttributeRelationship");
      xml.writeStartElement(STR, "PrimaryMeasure");
      xml.writeEmptyElement("Ref");
      xml.writeAttribute("id", PRIMARY_MEASURE);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeStartElement(STR, "MeasureList");
    xml.writeAttribute("id", "MeasureDescriptor");
    xml.writeStartElement(STR, "PrimaryMeasure");
    xml.writeAttribute("id", PRIMARY_MEASURE);
    conceptIdentity(structure, PRIMARY_MEASURE);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private void maintainable(String element, String urnClass, String id, DataStructure owner)
      throws XMLStreamException {
    xml.writeStartElement(STR, element);
    xml.writeAttribute("id", id);
    xml.writeAttribute(
        "urn",
        "urn:sdmx:org.sdmx.infomodel."
            + urnClass
            + "="
            + owner.agency()
            + ":"
            + id
            + "("
            + owner.version()
            + ")");
    xml.writeAttribute("agencyID", owner.agency());
    xml.writeAttribute("version", owner.version());
    xml.writeAttribute("isFinal", "true");
  }

  private void conceptIdentity(DataStructure structure, String conceptId)
      throws XMLStreamException {
    xml.writeStartElement(STR, "ConceptIdentity");
    xml.writeEmptyElement("Ref");
    xml.writeAttribute("id", conceptId);
    xml.writeAttribute("maintainableParentID", conceptSchemeId(structure));
    xml.writeAttribute("maintainableParentVersion", structure.version());
    xml.writeAttribute("agencyID", structure.agency());
    xml.writeAttribute("package", "conceptscheme");
    xml.writeAttribute("class", "Concept");
    xml.writeEndElement();
  }

  private void enumeration(CodeList list) throws XMLStreamException {
    xml.writeStartElement(STR, "Enumeration");
    ref(list.id(), list.agency(), list.version(), "Codelist", "codelist");
    xml.writeEndElement();
  }

  private void ref(String id, String agency, String version, String refClass, String refPackage)
      throws XMLStreamException {
    xml.writeEmptyElement("Ref");
    xml.writeAttribute("id", id);
    xml.writeAttribute("version", version);
    xml.writeAttribute("agencyID", agency);
    xml.writeAttribute("package", refPackage);
    xml.writeAttribute("class", refClass);
  }

  private void name(String lang, String text) throws XMLStreamException {
    if (text == null || text.isBlank()) {
      return;
    }
    xml.writeStartElement(COM, "Name");
    xml.writeAttribute("xml", XML_NS, "lang", lang);
    xml.writeCharacters(text);
    xml.writeEndElement();
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

  /**
   * An SDMX-ML 2.1 structure message holding one actual content constraint: the codes of each
   * dimension that have data, and the time range covered.
   */
  static void availability(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      String sender,
      Instant prepared,
      OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    new SdmxStructureWriter(xml).constraint(structure, codes, start, end, sender, prepared);
    xml.flush();
  }

  private void constraint(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end,
      String sender,
      Instant prepared)
      throws XMLStreamException {
    begin(sender, prepared);
    xml.writeStartElement(STR, "Constraints");
    xml.writeStartElement(STR, "ContentConstraint");
    xml.writeAttribute("id", "CC_" + structure.id());
    xml.writeAttribute(
        "urn",
        "urn:sdmx:org.sdmx.infomodel.registry.ContentConstraint="
            + structure.agency()
            + ":CC_"
            + structure.id()
            + "("
            + structure.version()
            + ")");
    xml.writeAttribute("agencyID", structure.agency());
    xml.writeAttribute("version", structure.version());
    xml.writeAttribute("isFinal", "false");
    xml.writeAttribute("type", "Actual");
    name("en", "Data available for " + structure.id());
    attachment(structure);
    cubeRegion(structure, codes, start, end);
    xml.writeEndElement();
    xml.writeEndElement();
    end();
  }

  /** The dataflow a constraint applies to. */
  private void attachment(DataStructure structure) throws XMLStreamException {
    xml.writeStartElement(STR, "ConstraintAttachment");
    xml.writeStartElement(STR, "Dataflow");
    xml.writeEmptyElement("Ref");
    xml.writeAttribute("id", structure.id());
    xml.writeAttribute("version", structure.version());
    xml.writeAttribute("agencyID", structure.agency());
    xml.writeAttribute("package", "datastructure");
    xml.writeAttribute("class", "Dataflow");
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /** The codes of each dimension that have data, and the time range (when there is one). */
  private void cubeRegion(
      DataStructure structure,
      Map<String, Collection<String>> codes,
      LocalDate start,
      LocalDate end)
      throws XMLStreamException {
    xml.writeStartElement(STR, "CubeRegion");
    xml.writeAttribute("include", "true");
    for (var entry : codes.entrySet()) {
      xml.writeStartElement(COM, "KeyValue");
      xml.writeAttribute("id", entry.getKey());
      for (String code : entry.getValue()) {
        xml.writeStartElement(COM, "Value");
        xml.writeCharacters(code);
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    if (start != null) {
      xml.writeStartElement(COM, "KeyValue");
      xml.writeAttribute("id", structure.timeDimension().id());
      xml.writeStartElement(COM, "TimeRange");
      period("StartPeriod", start);
      period("EndPeriod", end);
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private void period(String element, LocalDate day) throws XMLStreamException {
    xml.writeStartElement(COM, element);
    xml.writeAttribute("isInclusive", "true");
    xml.writeCharacters(day.toString());
    xml.writeEndElement();
  }
}
