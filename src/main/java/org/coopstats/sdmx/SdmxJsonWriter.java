package org.coopstats.sdmx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.observation.ObservationRow;
import org.coopstats.validation.TimePeriod;

/**
 * Writes an SDMX-JSON 1.0 data message: {@code meta}, then {@code data} with the {@code structure}
 * (the dimensions and attributes with the values that occur in the message) and the {@code
 * dataSets}, whose series and observation keys are indexes into those value lists. (The pre-1.0
 * draft put a {@code header}, the structure and the data sets at the top; 1.0 and its schema do
 * not.)
 *
 * <p>The value lists come first in the message and must be complete before the first key is
 * written, so the rows are read twice from the cursor, in one transaction: a first pass collects
 * the values (only they are held: as many as there are distinct codes, periods and attribute
 * values), the second writes the message as it reads.
 */
final class SdmxJsonWriter {

  static final String SCHEMA =
      "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/"
          + "1.0/sdmx-json-data-schema.json";

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final DataStructure structure;
  private final SdmxDataRequest request;
  private final boolean observations;
  private final boolean attributes;
  private final List<DimensionDef> dimensions;
  private final List<SdmxJsonValues> dimensionValues = new ArrayList<>();
  private final SdmxJsonValues periods = new SdmxJsonValues();
  private final List<SdmxJsonValues> attributeValues = new ArrayList<>();

  private SdmxJsonWriter(DataStructure structure, SdmxDataRequest request) {
    this.structure = structure;
    this.request = request;
    this.observations = request.withObservations();
    this.attributes = request.withAttributes();
    this.dimensions = structure.seriesDimensions();
    dimensions.forEach(d -> dimensionValues.add(new SdmxJsonValues()));
    structure.attributes().forEach(a -> attributeValues.add(new SdmxJsonValues()));
  }

  /** The first pass: the values of each component that occur in the message, then their order. */
  private void collect(SdmxDataSets dataSets) throws IOException {
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        collect(series, dataSet.deletions());
      }
    }
    order();
  }

  private void collect(List<ObservationRow> series, boolean deletions) {
    List<String> key = series.get(0).key();
    for (int i = 0; i < key.size(); i++) {
      dimensionValues.get(i).add(key.get(i));
    }
    if (!observations && !request.allDimensions()) {
      return;
    }
    for (ObservationRow row : series) {
      periods.add(row.timePeriod());
      if (attributes && !deletions) {
        List<String> values = row.attributes();
        for (int i = 0; i < values.size(); i++) {
          attributeValues.get(i).add(values.get(i));
        }
      }
    }
  }

  private void order() {
    for (int i = 0; i < dimensions.size(); i++) {
      dimensionValues.get(i).orderBy(structure.codeList(dimensions.get(i).codeListId()));
    }
    periods.orderByTime();
    for (int i = 0; i < structure.attributes().size(); i++) {
      String codeListId = structure.attributes().get(i).codeListId();
      if (codeListId == null) {
        attributeValues.get(i).orderAsSeen();
      } else {
        attributeValues.get(i).orderBy(structure.codeList(codeListId));
      }
    }
  }

  /**
   * @param baseUri the service's base URI, for the links to the dataflow and the data structure
   */
  static void write(
      DataStructure structure,
      SdmxDataSets dataSets,
      SdmxDataRequest request,
      String sender,
      Instant prepared,
      String baseUri,
      OutputStream output)
      throws IOException {
    SdmxJsonWriter writer = new SdmxJsonWriter(structure, request);
    writer.collect(dataSets);
    dataSets.rewind();
    try (JsonGenerator json = FACTORY.createGenerator(output)) {
      json.writeStartObject();
      writer.meta(json, sender, prepared);
      json.writeObjectFieldStart("data");
      writer.structure(json, baseUri);
      json.writeArrayFieldStart("dataSets");
      for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
          dataSet != null;
          dataSet = dataSets.nextDataSet()) {
        writer.dataSet(json, dataSet, dataSets, baseUri);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  private void meta(JsonGenerator json, String sender, Instant prepared) throws IOException {
    json.writeObjectFieldStart("meta");
    json.writeStringField("schema", SCHEMA);
    json.writeStringField("id", SdmxHeader.newId());
    json.writeBooleanField("test", false);
    json.writeStringField("prepared", SdmxHeader.prepared(prepared));
    json.writeArrayFieldStart("contentLanguages");
    json.writeString("en");
    json.writeEndArray();
    json.writeObjectFieldStart("sender");
    json.writeStringField("id", sender);
    json.writeEndObject();
    json.writeEndObject();
  }

  private void structure(JsonGenerator json, String baseUri) throws IOException {
    json.writeObjectFieldStart("structure");
    json.writeArrayFieldStart("links");
    dataflowLink(json, baseUri);
    link(
        json,
        baseUri + "sdmx/v2.1/datastructure/" + ref(),
        "datastructure",
        "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + version());
    json.writeEndArray();
    json.writeStringField("name", structure.nameEn());
    if (structure.description() != null) {
      json.writeStringField("description", structure.description());
    }

    json.writeObjectFieldStart("dimensions");
    json.writeArrayFieldStart("dataSet");
    json.writeEndArray();
    json.writeArrayFieldStart("series");
    if (!request.allDimensions()) {
      for (int i = 0; i < dimensions.size(); i++) {
        dimension(json, i);
      }
    }
    json.writeEndArray();
    json.writeArrayFieldStart("observation");
    if (request.allDimensions()) {
      for (int i = 0; i < dimensions.size(); i++) {
        dimension(json, i);
      }
    }
    timeDimension(json);
    json.writeEndArray();
    json.writeEndObject();

    json.writeObjectFieldStart("attributes");
    json.writeArrayFieldStart("dataSet");
    json.writeEndArray();
    json.writeArrayFieldStart("series");
    json.writeEndArray();
    json.writeArrayFieldStart("observation");
    if (attributes) {
      for (int i = 0; i < structure.attributes().size(); i++) {
        attribute(json, i);
      }
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private String ref() {
    return structure.agency() + "/" + structure.id() + "/" + structure.version();
  }

  private String version() {
    return structure.agency() + ":" + structure.id() + "(" + structure.version() + ")";
  }

  private void dataflowLink(JsonGenerator json, String baseUri) throws IOException {
    link(
        json,
        baseUri + "sdmx/v2.1/dataflow/" + ref(),
        "dataflow",
        "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=" + version());
  }

  private static void link(JsonGenerator json, String href, String rel, String urn)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("href", href);
    json.writeStringField("rel", rel);
    json.writeStringField("urn", urn);
    json.writeEndObject();
  }

  private void dimension(JsonGenerator json, int index) throws IOException {
    DimensionDef dimension = dimensions.get(index);
    CodeList codes = structure.codeList(dimension.codeListId());
    json.writeStartObject();
    json.writeStringField("id", dimension.id());
    json.writeStringField("name", dimension.nameEn());
    json.writeNumberField("keyPosition", index);
    json.writeArrayFieldStart("values");
    for (String code : dimensionValues.get(index).list()) {
      json.writeStartObject();
      json.writeStringField("id", code);
      json.writeStringField("name", codes.label(code, "en"));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void timeDimension(JsonGenerator json) throws IOException {
    DimensionDef time = structure.timeDimension();
    json.writeStartObject();
    json.writeStringField("id", time.id());
    json.writeStringField("name", time.nameEn());
    json.writeNumberField("keyPosition", dimensions.size());
    json.writeStringField("role", "time");
    json.writeArrayFieldStart("values");
    for (String period : periods.list()) {
      json.writeStartObject();
      json.writeStringField("id", period);
      json.writeStringField("name", period);
      TimePeriod parsed = TimePeriod.parse(period).orElse(null);
      if (parsed != null) {
        json.writeStringField(
            "start", parsed.start().atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        json.writeStringField("end", endOf(parsed.end()));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static String endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1).toString();
  }

  private void attribute(JsonGenerator json, int index) throws IOException {
    AttributeDef attribute = structure.attributes().get(index);
    CodeList codes =
        attribute.codeListId() == null ? null : structure.codeList(attribute.codeListId());
    json.writeStartObject();
    json.writeStringField("id", attribute.id());
    json.writeStringField("name", attribute.nameEn());
    // attached to the primary measure, as the data structure (SdmxStructureWriter) has it
    json.writeObjectFieldStart("relationship");
    json.writeStringField("primaryMeasure", SdmxStructureWriter.PRIMARY_MEASURE);
    json.writeEndObject();
    json.writeArrayFieldStart("values");
    for (String value : attributeValues.get(index).list()) {
      json.writeStartObject();
      if (codes == null) {
        // Free text: SDMX-JSON ids are codes, so an uncoded value has a name only.
        json.writeStringField("name", value);
      } else {
        json.writeStringField("id", value);
        json.writeStringField("name", codes.label(value, "en"));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void dataSet(
      JsonGenerator json, SdmxDataWriter.DataSet dataSet, SdmxDataSets sets, String baseUri)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("action", dataSet.deletions() ? "Delete" : "Information");
    json.writeArrayFieldStart("links");
    dataflowLink(json, baseUri);
    json.writeEndArray();
    json.writeArrayFieldStart("attributes");
    json.writeEndArray();
    if (request.allDimensions()) {
      json.writeObjectFieldStart("observations");
      for (List<ObservationRow> series = sets.nextSeries();
          series != null;
          series = sets.nextSeries()) {
        String key = seriesKey(series.get(0));
        for (ObservationRow row : series) {
          json.writeFieldName(key + ":" + periods.index(row.timePeriod()));
          observation(json, row, dataSet.deletions());
        }
      }
      json.writeEndObject();
    } else {
      json.writeObjectFieldStart("series");
      for (List<ObservationRow> series = sets.nextSeries();
          series != null;
          series = sets.nextSeries()) {
        json.writeObjectFieldStart(seriesKey(series.get(0)));
        json.writeArrayFieldStart("attributes");
        json.writeEndArray();
        json.writeObjectFieldStart("observations");
        if (observations) {
          for (ObservationRow row : series) {
            json.writeFieldName(Integer.toString(periods.index(row.timePeriod())));
            observation(json, row, dataSet.deletions());
          }
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private String seriesKey(ObservationRow row) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < dimensions.size(); i++) {
      if (i > 0) {
        key.append(':');
      }
      key.append(dimensionValues.get(i).index(row.key().get(i)));
    }
    return key.toString();
  }

  /**
   * The observation's value then the indexes of its attribute values (null where it has none); an
   * empty array for a deleted observation, as SDMX-JSON deletes by key, or without data.
   */
  private void observation(JsonGenerator json, ObservationRow row, boolean deleted)
      throws IOException {
    json.writeStartArray();
    if (observations && !deleted) {
      if (row.value() == null) {
        json.writeNull();
      } else {
        json.writeNumber(row.value());
      }
      if (attributes) {
        List<String> values = row.attributes();
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) == null) {
            json.writeNull();
          } else {
            json.writeNumber(attributeValues.get(i).index(values.get(i)));
          }
        }
      }
    }
    json.writeEndArray();
  }
}
