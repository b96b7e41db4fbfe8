package org.coopstats.sdmx;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.observation.ObservationRow;

/**
 * The data sets of an SDMX-ML message (GenericData or StructureSpecificData), written as text
 * straight to a buffered writer: the same characters the JDK's XMLStreamWriter wrote for them
 * (elements and attributes in the same order, empty elements closed by {@code />}, attribute values
 * escaped alike), without its per-element prefix look-ups, state checks and per-character calls,
 * which took most of the CPU of an SDMX-ML answer (SdmxWriterBench). The tag and attribute text
 * that does not depend on a row is built once per message. The header and the root element stay
 * with the XMLStreamWriter, flushed before the data sets and closing the message after them.
 */
final class SdmxDataMarkup {

  private static final String GENERIC_PREFIX = "generic:";

  private final Writer out;
  private final boolean observations;
  private final boolean attributes;
  private final boolean allDimensions;
  private final String obsValueName;
  private final String timeId;
  private final String[] dimensionIds;
  private final String[] attributeIds;

  private SdmxDataMarkup(OutputStream output, DataStructure structure, SdmxDataRequest request) {
    this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 32_768);
    this.observations = request.withObservations();
    this.attributes = request.withAttributes();
    this.allDimensions = request.allDimensions();
    this.obsValueName = SdmxStructureWriter.PRIMARY_MEASURE;
    this.timeId = structure.timeDimension().id();
    this.dimensionIds =
        structure.seriesDimensions().stream().map(DimensionDef::id).toArray(String[]::new);
    this.attributeIds =
        structure.attributes().stream().map(AttributeDef::id).toArray(String[]::new);
  }

  /** The GenericData data sets (the writer of the header flushed before). */
  static void generic(
      OutputStream output,
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String structureId)
      throws IOException {
    SdmxDataMarkup markup = new SdmxDataMarkup(output, structure, request);
    Generic generic = markup.new Generic();
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      markup.raw("<message:DataSet structureRef=\"");
      markup.escaped(structureId);
      markup.raw("\" setID=\"DS" + dataSet.datasetId() + "\" action=\"");
      markup.raw(dataSet.deletions() ? "Delete" : "Information");
      markup.raw("\">");
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        generic.series(series);
      }
      markup.raw("</message:DataSet>");
    }
    markup.out.flush();
  }

  /** The StructureSpecificData data sets (the writer of the header flushed before). */
  static void structureSpecific(
      OutputStream output,
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String structureId)
      throws IOException {
    SdmxDataMarkup markup = new SdmxDataMarkup(output, structure, request);
    Specific specific = markup.new Specific();
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      markup.raw(
          "<message:DataSet ss:dataScope=\"DataStructure\" xsi:type=\"ns1:DataSetType\""
              + " ss:structureRef=\"");
      markup.escaped(structureId);
      markup.raw("\" ss:setID=\"DS" + dataSet.datasetId() + "\" ss:action=\"");
      markup.raw(dataSet.deletions() ? "Delete" : "Information");
      markup.raw("\">");
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        specific.series(series);
      }
      markup.raw("</message:DataSet>");
    }
    markup.out.flush();
  }

  /** GenericData: components as {@code <generic:Value id=".." value=".."/>} elements. */
  private final class Generic {
    private final String[] dimensionValues = valueTags(dimensionIds);
    private final String[] attributeValues = valueTags(attributeIds);
    private final String timeValue = valueTags(new String[] {timeId})[0];

    void series(List<ObservationRow> series) throws IOException {
      if (allDimensions) {
        for (ObservationRow row : series) {
          raw("<generic:Obs><generic:ObsKey>");
          key(row.key());
          value(timeValue, row.timePeriod());
          raw("</generic:ObsKey>");
          if (observations) {
            body(row);
          }
          raw("</generic:Obs>");
        }
        return;
      }
      raw("<generic:Series><generic:SeriesKey>");
      key(series.get(0).key());
      raw("</generic:SeriesKey>");
      if (observations) {
        for (ObservationRow row : series) {
          raw("<generic:Obs><generic:ObsDimension value=\"");
          escaped(row.timePeriod());
          raw("\"/>");
          body(row);
          raw("</generic:Obs>");
        }
      }
      raw("</generic:Series>");
    }

    private void key(List<String> key) throws IOException {
      for (int i = 0; i < dimensionValues.length; i++) {
        value(dimensionValues[i], key.get(i));
      }
    }

    private void body(ObservationRow row) throws IOException {
      raw("<generic:ObsValue value=\"");
      raw(row.value() == null ? "NaN" : row.value().toPlainString());
      raw("\"/>");
      if (!attributes) {
        return;
      }
      raw("<generic:Attributes>");
      List<String> values = row.attributes();
      for (int i = 0; i < attributeValues.length; i++) {
        if (values.get(i) != null) {
          value(attributeValues[i], values.get(i));
        }
      }
      raw("</generic:Attributes>");
    }

    private void value(String tag, String value) throws IOException {
      raw(tag);
      escaped(value);
      raw("\"/>");
    }
  }

  /** StructureSpecificData: components as attributes of Series and Obs. */
  private final class Specific {
    private final String[] dimensionAttributes = attributeStarts(dimensionIds);
    private final String[] attributeAttributes = attributeStarts(attributeIds);
    private final String timeAttribute = " " + timeId + "=\"";
    private final String obsValueAttribute = " " + obsValueName + "=\"";

    void series(List<ObservationRow> series) throws IOException {
      if (allDimensions) {
        for (ObservationRow row : series) {
          raw("<Obs");
          key(row.key());
          attribute(timeAttribute, row.timePeriod());
          if (observations) {
            values(row);
          }
          raw("/>");
        }
        return;
      }
      raw("<Series");
      key(series.get(0).key());
      raw(">");
      if (observations) {
        for (ObservationRow row : series) {
          raw("<Obs");
          attribute(timeAttribute, row.timePeriod());
          values(row);
          raw("/>");
        }
      }
      raw("</Series>");
    }

    private void key(List<String> key) throws IOException {
      for (int i = 0; i < dimensionAttributes.length; i++) {
        attribute(dimensionAttributes[i], key.get(i));
      }
    }

    private void values(ObservationRow row) throws IOException {
      raw(obsValueAttribute);
      raw(row.value() == null ? "NaN" : row.value().toPlainString());
      raw("\"");
      if (!attributes) {
        return;
      }
      List<String> values = row.attributes();
      for (int i = 0; i < attributeAttributes.length; i++) {
        if (values.get(i) != null) {
          attribute(attributeAttributes[i], values.get(i));
        }
      }
    }

    private void attribute(String start, String value) throws IOException {
      raw(start);
      escaped(value);
      raw("\"");
    }
  }

  /** {@code <generic:Value id="ID" value="} for each id. */
  private static String[] valueTags(String[] ids) {
    String[] tags = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      tags[i] = "<" + GENERIC_PREFIX + "Value id=\"" + escape(ids[i]) + "\" value=\"";
    }
    return tags;
  }

  /** {@code ID="} for each id. */
  private static String[] attributeStarts(String[] ids) {
    String[] starts = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      starts[i] = " " + ids[i] + "=\"";
    }
    return starts;
  }

  private void raw(String text) throws IOException {
    out.write(text);
  }

  /** An attribute value escaped as the JDK's XMLStreamWriter escapes it: {@code < & > "}. */
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

  static String escape(String value) {
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      String entity = entity(value.charAt(i));
      if (entity == null) {
        text.append(value.charAt(i));
      } else {
        text.append(entity);
      }
    }
    return text.toString();
  }

  private static String entity(char c) {
    return switch (c) {
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '&' -> "&amp;";
      case '"' -> "&quot;";
      default -> null;
    };
  }
}
