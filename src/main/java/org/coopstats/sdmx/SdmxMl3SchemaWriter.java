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
 * Writes the XML Schema specific to a data structure for SDMX-ML 3.0.0 StructureSpecificData (the
 * SDMX REST {@code schema} resource of the 3.0 API, the counterpart of {@link SdmxSchemaWriter}):
 * the types a message of that structure declares with {@code xsi:type}, derived by restriction from
 * the official 3.0 SDMXDataStructureSpecific.xsd, for one {@code dimensionAtObservation}.
 */
final class SdmxMl3SchemaWriter {

  static final String MEDIA_TYPE = "application/vnd.sdmx.schema+xml;version=3.0.0";
  static final String XS = SdmxSchemaWriter.XS;

  /** Where the schema looks for the official SDMX-ML 3.0 schemas: beside itself, by file name. */
  static final String STRUCTURE_SPECIFIC_LOCATION = "SDMXDataStructureSpecific.xsd";

  static final String COMMON_LOCATION = "SDMXCommon.xsd";

  private final XMLStreamWriter xml;
  private final DataStructure structure;

  private SdmxMl3SchemaWriter(XMLStreamWriter xml, DataStructure structure) {
    this.xml = xml;
    this.structure = structure;
  }

  static void write(DataStructure structure, boolean allDimensions, OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    SdmxMl3SchemaWriter writer = new SdmxMl3SchemaWriter(xml, structure);
    String atObservation = allDimensions ? "AllDimensions" : structure.timeDimension().id();
    writer.begin(atObservation);
    writer.codeListTypes();
    writer.dataSetType(allDimensions);
    if (!allDimensions) {
      writer.seriesType();
    }
    writer.obsType(allDimensions);
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.flush();
  }

  /** The schema element, its imports and what it describes. */
  private void begin(String atObservation) throws XMLStreamException {
    String target = SdmxMl3DataWriter.namespace(structure, atObservation);
    String ss = SdmxMl3DataWriter.SS;
    String com = SdmxMl3StructureWriter.COM;
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
        "SDMX-ML 3.0 StructureSpecificData of the dataflow "
            + SdmxMl3StructureWriter.dataflowUrn(structure)
            + " (data structure "
            + SdmxMl3StructureWriter.dataStructureUrn(structure)
            + "), dimension at observation "
            + atObservation
            + ".");
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /** One simple type per code list used, its codes as the enumeration. */
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

  /** Series (or, at AllDimensions, flat observations); no Atts, groups nor reference metadata. */
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
    xml.writeAttribute("maxOccurs", "unbounded");
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("name", allDimensions ? "Obs" : "Series");
    xml.writeAttribute("type", allDimensions ? "ObsType" : "SeriesType");
    xml.writeAttribute("form", "unqualified");
    xml.writeEndElement();
    xml.writeEndElement();
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
    // No explicit measures: the one measure is OBS_VALUE.
    prohibited("type");
    if (allDimensions) {
      for (DimensionDef dimension : structure.seriesDimensions()) {
        dimensionAttribute(dimension);
      }
    }
    dimensionAttribute(structure.timeDimension());
    // Optional: a deleted observation, measures=none and detail=serieskeysonly carry no value;
    // NaN is a missing one.
    attribute(SdmxStructureWriter.PRIMARY_MEASURE, "xs:double", "optional");
    // Optional, as in every SDMX structure-specific schema: detail=dataonly, the attributes
    // parameter and a data set that deletes leave them out.
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
