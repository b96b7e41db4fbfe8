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

  /**
   * The text around the components of one of the two messages: GenericData writes a component as an
   * element ({@code <generic:Value id="ID" value="v"/>}), StructureSpecificData as an attribute
   * ({@code ID="v"}); both walk the same rows in the same order, so one loop writes either, with
   * the text of its markup. Empty texts are not written.
   */
  private static final class Markup {
    private final String dataSetStart;
    private final String setIdStart;
    private final String actionStart;
    private final String[] dimensionStarts;
    private final String[] attributeStarts;
    private final String timeStart;
    private final String componentEnd;
    private final String seriesStart;
    private final String seriesKeyEnd;
    private final String seriesEnd;
    private final String flatObsStart;
    private final String flatKeyEnd;
    private final String obsTimeStart;
    private final String obsTimeEnd;
    private final String obsValueStart;
    private final String attributesStart;
    private final String attributesEnd;
    private final String obsEnd;

    private Markup(
        String dataSetStart,
        String setIdStart,
        String actionStart,
        String[] dimensionStarts,
        String[] attributeStarts,
        String timeStart,
        String componentEnd,
        String seriesStart,
        String seriesKeyEnd,
        String seriesEnd,
        String flatObsStart,
        String flatKeyEnd,
        String obsTimeStart,
        String obsTimeEnd,
        String obsValueStart,
        String attributesStart,
        String attributesEnd,
        String obsEnd) {
      this.dataSetStart = dataSetStart;
      this.setIdStart = setIdStart;
      this.actionStart = actionStart;
      this.dimensionStarts = dimensionStarts;
      this.attributeStarts = attributeStarts;
      this.timeStart = timeStart;
      this.componentEnd = componentEnd;
      this.seriesStart = seriesStart;
      this.seriesKeyEnd = seriesKeyEnd;
      this.seriesEnd = seriesEnd;
      this.flatObsStart = flatObsStart;
      this.flatKeyEnd = flatKeyEnd;
      this.obsTimeStart = obsTimeStart;
      this.obsTimeEnd = obsTimeEnd;
      this.obsValueStart = obsValueStart;
      this.attributesStart = attributesStart;
      this.attributesEnd = attributesEnd;
      this.obsEnd = obsEnd;
    }

    /** GenericData: components as {@code <generic:Value id=".." value=".."/>} elements. */
    static Markup generic(String[] dimensionIds, String[] attributeIds, String timeId) {
      return new Markup(
          "<message:DataSet structureRef=\"",
          "\" setID=\"DS",
          "\" action=\"",
          valueTags(dimensionIds),
          valueTags(attributeIds),
          valueTags(new String[] {timeId})[0],
          "\"/>",
          "<generic:Series><generic:SeriesKey>",
          "</generic:SeriesKey>",
          "</generic:Series>",
          "<generic:Obs><generic:ObsKey>",
          "</generic:ObsKey>",
          "<generic:Obs><generic:ObsDimension value=\"",
          "\"/>",
          "<generic:ObsValue value=\"",
          "<generic:Attributes>",
          "</generic:Attributes>",
          "</generic:Obs>");
    }

    /** StructureSpecificData: components as attributes of Series and Obs. */
    static Markup structureSpecific(
        String[] dimensionIds, String[] attributeIds, String timeId, String obsValueName) {
      return new Markup(
          "<message:DataSet ss:dataScope=\"DataStructure\" xsi:type=\"ns1:DataSetType\""
              + " ss:structureRef=\"",
          "\" ss:setID=\"DS",
          "\" ss:action=\"",
          attributeStarts(dimensionIds),
          attributeStarts(attributeIds),
          " " + timeId + "=\"",
          "\"",
          "<Series",
          ">",
          "</Series>",
          "<Obs",
          "",
          "<Obs " + timeId + "=\"",
          "\"",
          " " + obsValueName + "=\"",
          "",
          "",
          "/>");
    }
  }

  private final Writer out;
  private final boolean observations;
  private final boolean attributes;
  private final boolean allDimensions;
  private final Markup markup;

  private SdmxDataMarkup(OutputStream output, SdmxDataRequest request, Markup markup) {
    this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 32_768);
    this.observations = request.withObservations();
    this.attributes = request.withAttributes();
    this.allDimensions = request.allDimensions();
    this.markup = markup;
  }

  /**
   * The data sets of a GenericData message, or of a StructureSpecificData one (the writer of the
   * header flushed before).
   */
  static void write(
      OutputStream output,
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String structureId,
      boolean generic)
      throws IOException {
    String[] dimensionIds = dimensionIds(structure);
    String[] attributeIds = attributeIds(structure);
    String timeId = structure.timeDimension().id();
    Markup markup =
        generic
            ? Markup.generic(dimensionIds, attributeIds, timeId)
            : Markup.structureSpecific(
                dimensionIds, attributeIds, timeId, SdmxStructureWriter.PRIMARY_MEASURE);
    new SdmxDataMarkup(output, request, markup).dataSets(dataSets, structureId);
  }

  private static String[] dimensionIds(DataStructure structure) {
    return structure.seriesDimensions().stream().map(DimensionDef::id).toArray(String[]::new);
  }

  private static String[] attributeIds(DataStructure structure) {
    return structure.attributes().stream().map(AttributeDef::id).toArray(String[]::new);
  }

  private void dataSets(SdmxDataSets dataSets, String structureId) throws IOException {
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      raw(markup.dataSetStart);
      escaped(structureId);
      raw(markup.setIdStart + dataSet.datasetId() + markup.actionStart);
      raw(dataSet.deletions() ? "Delete" : "Information");
      raw("\">");
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        series(series);
      }
      raw("</message:DataSet>");
    }
    out.flush();
  }

  /**
   * One series, or its observations each with its whole key (dimensionAtObservation=AllDimensions).
   * A measured hot loop (SdmxWriterBench, bench/RESULTS.md).
   */
  private void series(List<ObservationRow> series) throws IOException {
    Markup m = markup;
    if (allDimensions) {
      for (ObservationRow row : series) {
        raw(m.flatObsStart);
        key(row.key());
        component(m.timeStart, row.timePeriod());
        optional(m.flatKeyEnd);
        if (observations) {
          body(row);
        }
        raw(m.obsEnd);
      }
      return;
    }
    raw(m.seriesStart);
    key(series.get(0).key());
    raw(m.seriesKeyEnd);
    if (observations) {
      for (ObservationRow row : series) {
        raw(m.obsTimeStart);
        escaped(row.timePeriod());
        raw(m.obsTimeEnd);
        body(row);
        raw(m.obsEnd);
      }
    }
    raw(m.seriesEnd);
  }

  private void key(List<String> key) throws IOException {
    String[] starts = markup.dimensionStarts;
    for (int i = 0; i < starts.length; i++) {
      component(starts[i], key.get(i));
    }
  }

  /** The observation's value, then its attributes that are set. */
  private void body(ObservationRow row) throws IOException {
    Markup m = markup;
    raw(m.obsValueStart);
    raw(row.value() == null ? "NaN" : row.value().toPlainString());
    raw(m.componentEnd);
    if (!attributes) {
      return;
    }
    optional(m.attributesStart);
    String[] starts = m.attributeStarts;
    List<String> values = row.attributes();
    for (int i = 0; i < starts.length; i++) {
      if (values.get(i) != null) {
        component(starts[i], values.get(i));
      }
    }
    optional(m.attributesEnd);
  }

  private void component(String start, String value) throws IOException {
    raw(start);
    escaped(value);
    raw(markup.componentEnd);
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

  private void optional(String text) throws IOException {
    if (!text.isEmpty()) {
      out.write(text);
    }
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
