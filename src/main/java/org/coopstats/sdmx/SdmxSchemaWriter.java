package org.coopstats.sdmx;

import java.io.OutputStream;
import java.util.LinkedHashMap;
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
 * Writes the XML Schema specific to a data structure (the SDMX REST {@code schema} resource): the
 * types a StructureSpecificData message of that structure declares with {@code xsi:type}, derived
 * by restriction from SDMXDataStructureSpecific.xsd, for one {@code dimensionAtObservation}.
 * Everything comes from the structure: dimensions, attributes and their code lists.
 */
final class SdmxSchemaWriter {

  static final String XS = "http://www.w3.org/2001/XMLSchema";

  /**
   * Where the schema looks for the official SDMX-ML 2.1 schemas: beside itself, by their file
   * names, as the SDMX-ML distribution lays them out.
   */
  static final String STRUCTURE_SPECIFIC_LOCATION = "SDMXDataStructureSpecific.xsd";

  static final String COMMON_LOCATION = "SDMXCommon.xsd";

  private final XMLStreamWriter xml;
  private final DataStructure structure;

  private SdmxSchemaWriter(XMLStreamWriter xml, DataStructure structure) {
    this.xml = xml;
    this.structure = structure;
  }

  static void write(DataStructure structure, boolean allDimensions, OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    new SdmxSchemaWriter(xml, structure).schema(allDimensions);
    xml.flush();
  }

  private void schema(boolean allDimensions) throws XMLStreamException {
    String atObservation = allDimensions ? "AllDimensions" : structure.timeDimension().id();
    String target = SdmxDataWriter.structureSpecificNamespace(structure, atObservation);
    String ss = SdmxDataWriter.STRUCTURE_SPECIFIC;
    String com = SdmxStructureWriter.COM;
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
    xml.writeCharacters(
        "StructureSpecificData of "
            + structure.agency()
            + ":"
            + structure.id()
            + "("
            + structure.version()
            + "), dimension at observation "
            + atObservation
            + ".");
    xml.writeEndElement();
    xml.writeEndElement();

    codeListTypes();
    dataSetType(allDimensions);
    if (!allDimensions) {
      seriesType();
    }
    obsType(allDimensions);
    xml.writeEndElement();
    xml.writeEndDocument();
  }

  /** One simple type per code list used, the codes as its enumeration. */
  private void codeListTypes() throws XMLStreamException {
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

  private void dataSetType(boolean allDimensions) throws XMLStreamException {
    restrictionStart("DataSetType");
    xml.writeStartElement(XS, "sequence");
    annotations();
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("name", "DataProvider");
    xml.writeAttribute("type", "common:DataProviderReferenceType");
    xml.writeAttribute("form", "unqualified");
    xml.writeAttribute("minOccurs", "0");
    xml.writeStartElement(XS, "choice");
    xml.writeAttribute("minOccurs", "0");
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("name", allDimensions ? "Obs" : "Series");
    xml.writeAttribute("type", allDimensions ? "ObsType" : "SeriesType");
    xml.writeAttribute("form", "unqualified");
    xml.writeAttribute("maxOccurs", "unbounded");
    xml.writeEndElement();
    xml.writeEndElement();
    // The structure has no reporting year start day attribute.
    prohibited("REPORTING_YEAR_START_DAY");
    restrictionEnd();
  }

  private void seriesType() throws XMLStreamException {
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
    prohibited("REPORTING_YEAR_START_DAY");
    for (DimensionDef dimension : structure.seriesDimensions()) {
      dimensionAttribute(dimension);
    }
    restrictionEnd();
  }

  private void obsType(boolean allDimensions) throws XMLStreamException {
    restrictionStart("ObsType");
    xml.writeStartElement(XS, "sequence");
    annotations();
    xml.writeEndElement();
    // No explicit measures: the primary measure is OBS_VALUE.
    prohibited("type");
    prohibited("REPORTING_YEAR_START_DAY");
    if (allDimensions) {
      for (DimensionDef dimension : structure.seriesDimensions()) {
        dimensionAttribute(dimension);
      }
    }
    dimensionAttribute(structure.timeDimension());
    // Optional: a deleted observation (updatedAfter) and detail=serieskeysonly carry no value.
    attribute(SdmxStructureWriter.PRIMARY_MEASURE, "xs:double", "optional");
    // Optional, as in every SDMX structure-specific schema: detail=dataonly leaves them out, and
    // so does a data set that deletes.
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

  private void dimensionAttribute(DimensionDef dimension) throws XMLStreamException {
    attribute(
        dimension.id(),
        dimension.timeDimension()
            ? "common:ObservationalTimePeriodType"
            : typeName(structure.codeList(dimension.codeListId())),
        "required");
  }

  private void restrictionStart(String name) throws XMLStreamException {
    xml.writeStartElement(XS, "complexType");
    xml.writeAttribute("name", name);
    xml.writeStartElement(XS, "complexContent");
    xml.writeStartElement(XS, "restriction");
    xml.writeAttribute("base", "ss:" + name);
  }

  private void restrictionEnd() throws XMLStreamException {
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private void annotations() throws XMLStreamException {
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("ref", "common:Annotations");
    xml.writeAttribute("minOccurs", "0");
  }

  private void prohibited(String name) throws XMLStreamException {
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
