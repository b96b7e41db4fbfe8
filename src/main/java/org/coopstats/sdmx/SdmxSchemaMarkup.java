package org.coopstats.sdmx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;

/**
 * The XML Schema markup the DSD-specific schemas of SDMX-ML 2.1 ({@link SdmxSchemaWriter}) and
 * 3.0.0 ({@link SdmxMl3SchemaWriter}) have in common: the schema element and its imports, one
 * simple type per code list, and the series and observation types, which differ only by the
 * attributes a version's base types declare that the structure has not. Each writer keeps its own
 * data set type, where the versions' base types differ in shape.
 */
final class SdmxSchemaMarkup {

  static final String XS = "http://www.w3.org/2001/XMLSchema";

  /**
   * Where the schema looks for the official SDMX-ML schemas: beside itself, by their file names,
   * which the 2.1 and 3.0 distributions share.
   */
  static final String STRUCTURE_SPECIFIC_LOCATION = "SDMXDataStructureSpecific.xsd";

  static final String COMMON_LOCATION = "SDMXCommon.xsd";

  private final XMLStreamWriter xml;
  private final DataStructure structure;
  private final List<String> prohibitedInherited;

  /**
   * @param prohibitedInherited the attributes the version's series and observation base types
   *     declare that the structure has not, prohibited in both
   */
  SdmxSchemaMarkup(XMLStreamWriter xml, DataStructure structure, List<String> prohibitedInherited) {
    this.xml = xml;
    this.structure = structure;
    this.prohibitedInherited = prohibitedInherited;
  }

  /**
   * The schema element of {@code target}, its imports of the common ({@code com}) and the
   * structure-specific ({@code ss}) namespaces, and what it describes.
   */
  void begin(String target, String ss, String com, String documentation) throws XMLStreamException {
    xml.writeStartDocument("UTF-8", "1.0");
    xml.setPrefix("xs", XS);
    xml.setPrefix("ss", ss);
    xml.setPrefix("common", com);
    xml.setDefaultNamespace(target);
    xml.writeStartElement(XS, "schema");
    xml.writeNamespace("xs", XS);
    xml.writeNamespace("ss", ss);
    xml.writeNamespace("common", com);
    xml.writeDefaultNamespace(target);
    xml.writeAttribute("targetNamespace", target);
    xml.writeAttribute("elementFormDefault", "unqualified");
    xml.writeAttribute("attributeFormDefault", "unqualified");
    xml.writeEmptyElement(XS, "import");
    xml.writeAttribute("namespace", com);
    xml.writeAttribute("schemaLocation", COMMON_LOCATION);
    xml.writeEmptyElement(XS, "import");
    xml.writeAttribute("namespace", ss);
    xml.writeAttribute("schemaLocation", STRUCTURE_SPECIFIC_LOCATION);
    xml.writeStartElement(XS, "annotation");
    xml.writeStartElement(XS, "documentation");
    xml.writeCharacters(documentation);
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /** Closes the schema element and the document. */
  void end() throws XMLStreamException {
    xml.writeEndElement();
    xml.writeEndDocument();
  }

  /** One simple type per code list used, its codes as the enumeration. */
  void codeListTypes() throws XMLStreamException {
    Map<String, CodeList> used = new LinkedHashMap<>();
    for (DimensionDef dimension : structure.dimensions()) {
      if (dimension.codeListId() != null) {
        used.putIfAbsent(dimension.codeListId(), structure.codeList(dimension.codeListId()));
      }
    }
    for (AttributeDef attribute : structure.attributes()) {
      if (attribute.codeListId() != null) {
        used.putIfAbsent(attribute.codeListId(), structure.codeList(attribute.codeListId()));
      }
    }
    for (CodeList list : used.values()) {
      xml.writeStartElement(XS, "simpleType");
      xml.writeAttribute("name", typeName(list));
      xml.writeStartElement(XS, "restriction");
      xml.writeAttribute("base", "common:IDType");
      for (Code code : list.codes()) {
        xml.writeEmptyElement(XS, "enumeration");
        xml.writeAttribute("value", code.id());
      }
      xml.writeEndElement();
      xml.writeEndElement();
    }
  }

  private static String typeName(CodeList list) {
    return list.id() + "Type";
  }

  void seriesType() throws XMLStreamException {
    restrictionStart("SeriesType");
    xml.writeStartElement(XS, "sequence");
    annotations();
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("name", "Obs");
    xml.writeAttribute("type", "ObsType");
    xml.writeAttribute("form", "unqualified");
    xml.writeAttribute("minOccurs", "0");
    xml.writeAttribute("maxOccurs", "unbounded");
    xml.writeEndElement();
    // Time is at the observation: the series key is every other dimension.
    prohibited(structure.timeDimension().id());
    prohibitInherited();
    for (DimensionDef dimension : structure.seriesDimensions()) {
      dimensionAttribute(dimension);
    }
    restrictionEnd();
  }

  void obsType(boolean allDimensions) throws XMLStreamException {
    restrictionStart("ObsType");
    xml.writeStartElement(XS, "sequence");
    annotations();
    xml.writeEndElement();
    // No explicit measures: the one (primary) measure is OBS_VALUE.
    prohibited("type");
    prohibitInherited();
    if (allDimensions) {
      for (DimensionDef dimension : structure.seriesDimensions()) {
        dimensionAttribute(dimension);
      }
    }
    dimensionAttribute(structure.timeDimension());
    // Optional: a deleted observation, measures=none (3.0) and detail=serieskeysonly carry no
    // value; NaN is a missing one.
    attribute(SdmxStructureWriter.PRIMARY_MEASURE, "xs:double", "optional");
    // Optional, as in every SDMX structure-specific schema: detail=dataonly, the attributes
    // parameter (3.0) and a data set that deletes leave them out.
    for (AttributeDef attribute : structure.attributes()) {
      attribute(
          attribute.id(),
          attribute.codeListId() == null
              ? "xs:string"
              : typeName(structure.codeList(attribute.codeListId())),
          "optional");
    }
    restrictionEnd();
  }

  private void prohibitInherited() throws XMLStreamException {
    for (String name : prohibitedInherited) {
      prohibited(name);
    }
  }

  private void dimensionAttribute(DimensionDef dimension) throws XMLStreamException {
    attribute(
        dimension.id(),
        dimension.timeDimension()
            ? "common:ObservationalTimePeriodType"
            : typeName(structure.codeList(dimension.codeListId())),
        "required");
  }

  /** Opens the complex type {@code name}, a restriction of the same name in the ss namespace. */
  void restrictionStart(String name) throws XMLStreamException {
    xml.writeStartElement(XS, "complexType");
    xml.writeAttribute("name", name);
    xml.writeStartElement(XS, "complexContent");
    xml.writeStartElement(XS, "restriction");
    xml.writeAttribute("base", "ss:" + name);
  }

  void restrictionEnd() throws XMLStreamException {
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  void annotations() throws XMLStreamException {
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("ref", "common:Annotations");
    xml.writeAttribute("minOccurs", "0");
  }

  void prohibited(String name) throws XMLStreamException {
    xml.writeEmptyElement(XS, "attribute");
    xml.writeAttribute("name", name);
    xml.writeAttribute("use", "prohibited");
  }

  private void attribute(String name, String type, String use) throws XMLStreamException {
    xml.writeEmptyElement(XS, "attribute");
    xml.writeAttribute("name", name);
    xml.writeAttribute("type", type);
    xml.writeAttribute("use", use);
  }
}
