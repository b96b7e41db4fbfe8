package org.coopstats.sdmx;

import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coopstats.catalog.DataStructure;

/**
 * Writes the XML Schema specific to a data structure (the SDMX REST {@code schema} resource): the
 * types a StructureSpecificData message of that structure declares with {@code xsi:type}, derived
 * by restriction from SDMXDataStructureSpecific.xsd, for one {@code dimensionAtObservation}.
 * Everything comes from the structure: dimensions, attributes and their code lists. The markup it
 * shares with SDMX-ML 3.0 is {@link SdmxSchemaMarkup}'s.
 */
final class SdmxSchemaWriter {

  private static final String XS = SdmxSchemaMarkup.XS;

  /** The structure has no reporting year start day attribute, which the 2.1 base types declare. */
  private static final String REPORTING_YEAR_START_DAY = "REPORTING_YEAR_START_DAY";

  private final XMLStreamWriter xml;
  private final DataStructure structure;
  private final SdmxSchemaMarkup markup;

  private SdmxSchemaWriter(XMLStreamWriter xml, DataStructure structure) {
    this.xml = xml;
    this.structure = structure;
    this.markup = new SdmxSchemaMarkup(xml, structure, List.of(REPORTING_YEAR_START_DAY));
  }

  static void write(DataStructure structure, boolean allDimensions, OutputStream output)
      throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    new SdmxSchemaWriter(xml, structure).schema(allDimensions);
    xml.flush();
  }

  private void schema(boolean allDimensions) throws XMLStreamException {
    String atObservation = allDimensions ? "AllDimensions" : structure.timeDimension().id();
    markup.begin(
        SdmxDataWriter.structureSpecificNamespace(structure, atObservation),
        SdmxDataWriter.STRUCTURE_SPECIFIC,
        SdmxStructureWriter.COM,
        "StructureSpecificData of "
            + structure.agency()
            + ":"
            + structure.id()
            + "("
            + structure.version()
            + "), dimension at observation "
            + atObservation
            + ".");
    markup.codeListTypes();
    dataSetType(allDimensions);
    if (!allDimensions) {
      markup.seriesType();
    }
    markup.obsType(allDimensions);
    markup.end();
  }

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
    xml.writeEmptyElement(XS, "element");
    xml.writeAttribute("name", allDimensions ? "Obs" : "Series");
    xml.writeAttribute("type", allDimensions ? "ObsType" : "SeriesType");
    xml.writeAttribute("form", "unqualified");
    xml.writeAttribute("maxOccurs", "unbounded");
    xml.writeEndElement();
    xml.writeEndElement();
    markup.prohibited(REPORTING_YEAR_START_DAY);
    markup.restrictionEnd();
  }
}
