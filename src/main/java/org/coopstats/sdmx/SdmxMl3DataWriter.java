package org.coopstats.sdmx;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.observation.ObservationRow;

/**
 * Writes SDMX-ML 3.0.0 StructureSpecificData (the only SDMX-ML 3.0 data message): series and
 * observations as elements whose XML attributes are the components, typed by the schema specific to
 * the structure ({@link SdmxMl3SchemaWriter}). Streams: one series at a time from {@link
 * SdmxDataSets}. The header and root element go through an XMLStreamWriter; the data sets, the bulk
 * of the message, are written as text to a buffered writer, as {@link SdmxDataMarkup} does for 2.1
 * (an XMLStreamWriter per component cost most of the CPU there, SdmxWriterBench).
 */
final class SdmxMl3DataWriter {

  static final String MEDIA_TYPE = "application/vnd.sdmx.data+xml;version=3.0.0";
  static final String MES = SdmxMl3StructureWriter.MES;
  static final String SS =
      "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/data/structurespecific";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private final Writer out;
  private final String[] dimensionIds;
  private final String timeId;
  private final String[] attributeIds;

  /** Where each written attribute's value is in a row (rows list the structure's attributes). */
  private final int[] attributeIndexes;

  private final boolean observations;
  private final boolean measure;
  private final boolean allDimensions;

  private SdmxMl3DataWriter(OutputStream output, DataStructure structure, SdmxDataRequest request) {
    this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 32_768);
    this.dimensionIds =
        structure.seriesDimensions().stream().map(DimensionDef::id).toArray(String[]::new);
    this.timeId = structure.timeDimension().id();
    List<AttributeDef> written = request.attributesOf(structure);
    this.attributeIds = written.stream().map(AttributeDef::id).toArray(String[]::new);
    this.attributeIndexes =
        written.stream().mapToInt(a -> structure.attributes().indexOf(a)).toArray();
    this.observations = request.withObservations();
    this.measure = request.withMeasure();
    this.allDimensions = request.allDimensions();
  }

  /**
   * The namespace of a structure-specific message and of the schema describing it, by the SDMX
   * convention (the 3.0 samples of sdmx-twg/sdmx-ml): the URN of the dataflow the data are reported
   * against, then the dimension at the observation level.
   */
  static String namespace(DataStructure structure, String atObservation) {
    return SdmxMl3StructureWriter.dataflowUrn(structure) + ":ObsLevelDim:" + atObservation;
  }

  static void write(
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String sender,
      Instant prepared,
      OutputStream output)
      throws XMLStreamException, IOException {
    String atObservation = request.dimensionAtObservation(structure);
    String namespace = namespace(structure, atObservation);
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    xml.writeStartDocument("UTF-8", "1.0");
    xml.setPrefix("message", MES);
    xml.setPrefix("ss", SS);
    xml.setPrefix("common", SdmxMl3StructureWriter.COM);
    xml.setPrefix("xsi", XSI);
    xml.setPrefix("ns1", namespace);
    xml.writeStartElement(MES, "StructureSpecificData");
    xml.writeNamespace("message", MES);
    xml.writeNamespace("ss", SS);
    xml.writeNamespace("common", SdmxMl3StructureWriter.COM);
    xml.writeNamespace("xsi", XSI);
    xml.writeNamespace("ns1", namespace);
    SdmxHeader.write(
        xml,
        MES,
        sender,
        prepared,
        (w, ns) -> headerStructure(w, ns, structure, namespace, atObservation));
    xml.flush();
    new SdmxMl3DataWriter(output, structure, request)
        .dataSets(dataSets, SdmxDataWriter.structureId(structure));
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.flush();
  }

  /** The header's Structure: the dataflow the data sets follow (by URN), and at which level. */
  private static void headerStructure(
      XMLStreamWriter w, String ns, DataStructure structure, String namespace, String atObservation)
      throws XMLStreamException {
    w.writeStartElement(ns, "Structure");
    w.writeAttribute("structureID", SdmxDataWriter.structureId(structure));
    w.writeAttribute("namespace", namespace);
    w.writeAttribute("dimensionAtObservation", atObservation);
    w.writeStartElement(SdmxMl3StructureWriter.COM, "StructureUsage");
    w.writeCharacters(SdmxMl3StructureWriter.dataflowUrn(structure));
    w.writeEndElement();
    w.writeEndElement();
  }

  /**
   * Each data set: current values with action Information (ActionType: "in response to a query,
   * rather than ... a maintenance activity", which a dissemination answer is), deletions with
   * action Delete.
   */
  private void dataSets(SdmxDataSets dataSets, String structureId) throws IOException {
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      out.write("<message:DataSet xsi:type=\"ns1:DataSetType\" ss:structureRef=\"");
      escaped(structureId);
      out.write("\" ss:setID=\"DS" + dataSet.datasetId() + "\" ss:action=\"");
      out.write(dataSet.deletions() ? "Delete" : "Information");
      out.write("\">");
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        if (allDimensions) {
          flat(series, dataSet.deletions());
        } else {
          series(series, dataSet.deletions());
        }
      }
      out.write("</message:DataSet>");
    }
    out.flush();
  }

  /**
   * A series and its observations. A deleted observation is written by its key alone: in a Delete
   * data set, attributes would delete only themselves, and a series without observations the whole
   * series; so deletions list their observations whatever the detail.
   */
  private void series(List<ObservationRow> series, boolean deletions) throws IOException {
    out.write("<Series");
    key(series.get(0).key());
    if (!observations && !deletions) {
      out.write("/>");
      return;
    }
    out.write(">");
    for (ObservationRow row : series) {
      out.write("<Obs");
      component(timeId, row.timePeriod());
      if (!deletions) {
        body(row);
      }
      out.write("/>");
    }
    out.write("</Series>");
  }

  /** dimensionAtObservation=AllDimensions: each observation with its whole key. */
  private void flat(List<ObservationRow> series, boolean deletions) throws IOException {
    for (ObservationRow row : series) {
      out.write("<Obs");
      key(row.key());
      component(timeId, row.timePeriod());
      if (observations && !deletions) {
        body(row);
      }
      out.write("/>");
    }
  }

  private void key(List<String> key) throws IOException {
    for (int i = 0; i < dimensionIds.length; i++) {
      component(dimensionIds[i], key.get(i));
    }
  }

  /**
   * The observation's value (NaN where it is missing, its OBS_STATUS saying why; none with
   * measures=none), then its attributes that are set among those asked for.
   */
  private void body(ObservationRow row) throws IOException {
    if (measure) {
      out.write(" " + SdmxStructureWriter.PRIMARY_MEASURE + "=\"");
      out.write(row.value() == null ? "NaN" : row.value().toPlainString());
      out.write('"');
    }
    List<String> values = row.attributes();
    for (int i = 0; i < attributeIds.length; i++) {
      String value = values.get(attributeIndexes[i]);
      if (value != null) {
        component(attributeIds[i], value);
      }
    }
  }

  private void component(String id, String value) throws IOException {
    out.write(' ');
    out.write(id);
    out.write("=\"");
    escaped(value);
    out.write('"');
  }

  /**
   * An attribute value escaped: {@code < & > "}, and the white space an XML parser would otherwise
   * normalise to a space in an attribute value.
   */
  private void escaped(String value) throws IOException {
    int from = 0;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      String entity = entity(value.charAt(i));
      if (entity != null) {
        out.write(value, from, i - from);
        out.write(entity);
        from = i + 1;
      }
    }
    out.write(value, from, length - from);
  }

  private static String entity(char c) {
    return switch (c) {
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '&' -> "&amp;";
      case '"' -> "&quot;";
      case '\n' -> "&#10;";
      case '\r' -> "&#13;";
      case '\t' -> "&#9;";
      default -> null;
    };
  }
}
