package org.coopstats.sdmx;

import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coopstats.catalog.DataStructure;

/**
 * Writes the XML Schema specific to a data structure for SDMX-ML 3.0.0 StructureSpecificData (the
 * SDMX REST {@code schema} resource of the 3.0 API, the counterpart of {@link SdmxSchemaWriter}):
 * the types a message of that structure declares with {@code xsi:type}, derived by restriction from
 * the official 3.0 SDMXDataStructureSpecific.xsd, for one {@code dimensionAtObservation}. The
 * markup it shares with SDMX-ML 2.1 is {@link SdmxSchemaMarkup}'s.
 */
final class SdmxMl3SchemaWriter {

  static final String MEDIA_TYPE = "application/vnd.sdmx.schema+xml;version=3.0.0";
  private static final String XS = SdmxSchemaMarkup.XS;

  private final XMLStreamWriter xml;
  private final DataStructure structure;
  private final SdmxSchemaMarkup markup;

  private SdmxMl3SchemaWriter(XMLStreamWriter xml, DataStructure structure) {
    this.xml = xml;
    this.structure = structure;
    // The 3.0 base types declare no attribute the structure lacks.
    this.markup = new SdmxSchemaMarkup(xml, structure, List.of());
  }

  static void write(DataStructure structure, boolean allDimensions, OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    SdmxMl3SchemaWriter writer = new SdmxMl3SchemaWriter(xml, structure);
    String atObservation = allDimensions ? "AllDimensions" : structure.timeDimension().id();
    writer.begin(atObservation);
    writer.markup.codeListTypes();
    writer.dataSetType(allDimensions);
    if (!allDimensions) {
      writer.markup.seriesType();
    }
    writer.markup.obsType(allDimensions);
    writer.markup.end();
    xml.flush();
  }

  /** The schema element, its imports and what it describes. */
  private void begin(String atObservation) throws XMLStreamException {
    markup.begin(
        SdmxMl3DataWriter.namespace(structure, atObservation),
        SdmxMl3DataWriter.SS,
        SdmxMl3StructureWriter.COM,
        "SDMX-ML 3.0 StructureSpecificData of the dataflow "
            + SdmxMl3StructureWriter.dataflowUrn(structure)
            + " (data structure "
            + SdmxMl3StructureWriter.dataStructureUrn(structure)
            + "), dimension at observation "
            + atObservation
            + ".");
  }

  /** Series (or, at AllDimensions, flat observations); no Atts, groups nor reference metadata. */
  private void dataSetType(boolean allDimensions) throws XMLStreamException {
    markup.restrictionStart("DataSetType");
    xml.writeStartElement(XS, "sequence");
    markup.annotations();
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
    markup.restrictionEnd();
  }
}
