package org.coopstats.sdmx;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coopstats.catalog.DataStructure;
import org.coopstats.observation.ObservationRow;

/** Writes SDMX data: SDMX-ML 2.1 GenericData and StructureSpecificData, and SDMX-CSV 1.0. */
final class SdmxDataWriter {

  static final String GENERIC = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";

  private SdmxDataWriter() {}

  /** One data set: a CoopStats dataset, current values or deletions (its series read apart). */
  record DataSet(long datasetId, String providerId, boolean deletions) {}

  /**
   * The id by which a data message's data sets name the structure in its header: the data
   * structure's own id, as the ECB sends it, since clients (rsdmx) take it for the id of the data
   * structure to fetch. One structure per message, so it is unique as an xs:ID must be.
   */
  static String structureId(DataStructure structure) {
    return structure.id();
  }

  static void generic(
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String sender,
      Instant prepared,
      OutputStream output)
      throws XMLStreamException, IOException {
    String mes = SdmxStructureWriter.MES;
    XMLStreamWriter xml =
        startMessage(
            output,
            "GenericData",
            "message",
            mes,
            "generic",
            GENERIC,
            "common",
            SdmxStructureWriter.COM);
    String structureId = structureId(structure);
    String atObservation = request.dimensionAtObservation(structure);
    SdmxHeader.write(
        xml,
        mes,
        sender,
        prepared,
        (w, ns) -> headerStructure(w, ns, structure, structureId, null, atObservation));
    xml.flush();
    SdmxDataMarkup.write(output, structure, dataSets, request, structureId, true);
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.flush();
  }

  static final String STRUCTURE_SPECIFIC =
      "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  /**
   * The namespace of a structure-specific message (and of the schema that describes it), by the
   * SDMX convention: the data structure's URN and the dimension at the observation level.
   */
  static String structureSpecificNamespace(DataStructure structure, String atObservation) {
    return "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure="
        + structure.agency()
        + ":"
        + structure.id()
        + "("
        + structure.version()
        + "):ObsLevelDim:"
        + atObservation;
  }

  /**
   * SDMX-ML 2.1 StructureSpecificData: series and observations as elements whose attributes are the
   * components, in the namespace of the structure.
   */
  static void structureSpecific(
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String sender,
      Instant prepared,
      OutputStream output)
      throws XMLStreamException, IOException {
    String mes = SdmxStructureWriter.MES;
    String atObservation = request.dimensionAtObservation(structure);
    String namespace = structureSpecificNamespace(structure, atObservation);
    XMLStreamWriter xml = startStructureSpecific(output, namespace);
    String structureId = structureId(structure);
    SdmxHeader.write(
        xml,
        mes,
        sender,
        prepared,
        (w, ns) -> headerStructure(w, ns, structure, structureId, namespace, atObservation));
    xml.flush();
    SdmxDataMarkup.write(output, structure, dataSets, request, structureId, false);
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.flush();
  }

  /** The document and its root element, with the namespaces of a structure-specific message. */
  private static XMLStreamWriter startStructureSpecific(OutputStream output, String namespace)
      throws XMLStreamException {
    return startMessage(
        output,
        "StructureSpecificData",
        "message",
        SdmxStructureWriter.MES,
        "ss",
        STRUCTURE_SPECIFIC,
        "common",
        SdmxStructureWriter.COM,
        "xsi",
        XSI,
        "ns1",
        namespace);
  }

  /**
   * The document and its root element (in the first namespace), declaring each (prefix, namespace)
   * pair in the order given.
   */
  private static XMLStreamWriter startMessage(
      OutputStream output, String root, String... prefixesAndNamespaces) throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    xml.writeStartDocument("UTF-8", "1.0");
    for (int i = 0; i < prefixesAndNamespaces.length; i += 2) {
      xml.setPrefix(prefixesAndNamespaces[i], prefixesAndNamespaces[i + 1]);
    }
    xml.writeStartElement(prefixesAndNamespaces[1], root);
    for (int i = 0; i < prefixesAndNamespaces.length; i += 2) {
      xml.writeNamespace(prefixesAndNamespaces[i], prefixesAndNamespaces[i + 1]);
    }
    return xml;
  }

  /** The header's Structure: which structure the data sets follow, and at which level. */
  private static void headerStructure(
      XMLStreamWriter w,
      String ns,
      DataStructure structure,
      String structureId,
      String namespace,
      String atObservation)
      throws XMLStreamException {
    w.writeStartElement(ns, "Structure");
    w.writeAttribute("structureID", structureId);
    if (namespace != null) {
      w.writeAttribute("namespace", namespace);
    }
    w.writeAttribute("dimensionAtObservation", atObservation);
    w.writeStartElement(SdmxStructureWriter.COM, "Structure");
    w.writeEmptyElement("Ref");
    w.writeAttribute("agencyID", structure.agency());
    w.writeAttribute("id", structure.id());
    w.writeAttribute("version", structure.version());
    w.writeEndElement();
    w.writeEndElement();
  }

  /**
   * SDMX-CSV 1.0: DATAFLOW, the dimensions, OBS_VALUE and the attributes; deletions are left out
   * (SDMX-CSV 1.0 has no action column).
   */
  static void csv(
      DataStructure structure, SdmxDataSets dataSets, SdmxDataRequest request, OutputStream output)
      throws IOException {
    // Buffered: CSVPrinter appends value by value, each a call into the encoder otherwise
    // (SdmxWriterBench: 6.6-10 µs an observation unbuffered).
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 16_384);
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    boolean observations = request.withObservations();
    boolean attributes = request.withAttributes();
    List<String> header = new ArrayList<>(List.of("DATAFLOW"));
    structure.seriesDimensions().forEach(d -> header.add(d.id()));
    if (observations) {
      header.add(structure.timeDimension().id());
      header.add(SdmxStructureWriter.PRIMARY_MEASURE);
    }
    if (attributes) {
      structure.attributes().forEach(a -> header.add(a.id()));
    }
    printer.printRecord(header);
    String flow = structure.agency() + ":" + structure.id() + "(" + structure.version() + ")";
    for (DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      if (dataSet.deletions()) {
        continue;
      }
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        List<ObservationRow> rows = observations ? series : series.subList(0, 1);
        for (ObservationRow row : rows) {
          List<String> record = new ArrayList<>(header.size());
          record.add(flow);
          record.addAll(row.key());
          if (observations) {
            record.add(row.timePeriod());
            record.add(row.value() == null ? "NaN" : row.value().toPlainString());
          }
          if (attributes) {
            row.attributes().forEach(v -> record.add(v == null ? "" : v));
          }
          printer.printRecord(record);
        }
      }
    }
    printer.flush();
  }
}
