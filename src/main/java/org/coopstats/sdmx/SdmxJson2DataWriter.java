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
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.observation.ObservationRow;
import org.coopstats.validation.TimePeriod;

/**
 * Writes an SDMX-JSON 2.0.0 data message (SDMX 3.0): {@code meta}, then {@code data} with one
 * {@code structures} entry (the dimensions, attributes and measure with the values that occur in
 * the message) and the {@code dataSets}, whose series and observation keys are indexes into those
 * value lists.
 *
 * <p>As in {@link SdmxJsonWriter} (SDMX-JSON 1.0), the value lists come first and must be complete
 * before the first key, so the rows are read twice: a first pass collects the values, the second
 * writes the message as it reads. A message always has data (the service answers 404 before writing
 * when nothing matches): a dimension must list at least one value.
 */
final class SdmxJson2DataWriter {

  static final String MEDIA_TYPE = "application/vnd.sdmx.data+json;version=2.0.0";
  static final String SCHEMA =
      "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/"
          + "2.0.0/sdmx-json-data-schema.json";

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final DataStructure structure;
  private final SdmxDataRequest request;
  private final boolean observations;
  private final boolean measure;
  private final List<AttributeDef> attributes;

  /**
   * Where each of {@link #attributes} stands in a row's attribute values (the structure's order).
   */
  private final int[] attributePositions;

  private final List<DimensionDef> dimensions;
  private final List<SdmxJsonValues> dimensionValues = new ArrayList<>();
  private final SdmxJsonValues periods = new SdmxJsonValues();
  private final List<SdmxJsonValues> attributeValues = new ArrayList<>();

  /** How many data sets the message has: the structure lists them all as its own. */
  private int dataSetCount;

  private SdmxJson2DataWriter(DataStructure structure, SdmxDataRequest request) {
    this.structure = structure;
    this.request = request;
    this.observations = request.withObservations();
    this.measure = request.withMeasure();
    this.attributes = request.attributesOf(structure);
    this.attributePositions =
        attributes.stream().mapToInt(a -> structure.attributes().indexOf(a)).toArray();
    this.dimensions = structure.seriesDimensions();
    dimensions.forEach(d -> dimensionValues.add(new SdmxJsonValues()));
    attributes.forEach(a -> attributeValues.add(new SdmxJsonValues()));
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
    SdmxJson2DataWriter writer = new SdmxJson2DataWriter(structure, request);
    writer.collect(dataSets);
    dataSets.rewind();
    try (JsonGenerator json = FACTORY.createGenerator(output)) {
      json.writeStartObject();
      meta(json, SCHEMA, sender, prepared);
      json.writeObjectFieldStart("data");
      json.writeArrayFieldStart("structures");
      writer.structure(json, baseUri);
      json.writeEndArray();
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

  /** The {@code meta} object of an SDMX-JSON 2.0.0 message (data or structure). */
  static void meta(JsonGenerator json, String schema, String sender, Instant prepared)
      throws IOException {
    json.writeObjectFieldStart("meta");
    json.writeStringField("schema", schema);
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

  /** A best-match {@code name} and its localised {@code names} (English only here), if any. */
  static void names(JsonGenerator json, String nameEn) throws IOException {
    if (nameEn == null) {
      return;
    }
    json.writeStringField("name", nameEn);
    json.writeObjectFieldStart("names");
    json.writeStringField("en", nameEn);
    json.writeEndObject();
  }

  // ---- first pass ----

  private void collect(SdmxDataSets dataSets) throws IOException {
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      dataSetCount++;
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
    // Series keys only: no observation level, but for AllDimensions the period is in the key.
    if (!observations && !request.allDimensions()) {
      return;
    }
    for (ObservationRow row : series) {
      periods.add(row.timePeriod());
      if (observations && !deletions) {
        for (int i = 0; i < attributePositions.length; i++) {
          attributeValues.get(i).add(row.attributes().get(attributePositions[i]));
        }
      }
    }
  }

  private void order() {
    for (int i = 0; i < dimensions.size(); i++) {
      dimensionValues.get(i).orderBy(structure.codeList(dimensions.get(i).codeListId()));
    }
    periods.orderByTime();
    for (int i = 0; i < attributes.size(); i++) {
      String codeListId = attributes.get(i).codeListId();
      if (codeListId == null) {
        attributeValues.get(i).orderAsSeen();
      } else {
        attributeValues.get(i).orderBy(structure.codeList(codeListId));
      }
    }
  }

  // ---- the structure ----

  private void structure(JsonGenerator json, String baseUri) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("links");
    dataflowLink(json, baseUri);
    link(
        json,
        baseUri + "sdmx/v3/structure/datastructure/" + path(),
        "datastructure",
        SdmxJson2StructureWriter.urn("datastructure.DataStructure", structure, structure.id()));
    json.writeEndArray();
    names(json, structure.nameEn());
    descriptions(json, structure.description());
    json.writeArrayFieldStart("dataSets");
    for (int i = 0; i < dataSetCount; i++) {
      json.writeNumber(i);
    }
    json.writeEndArray();
    dimensions(json);
    attributes(json);
    measures(json);
    json.writeEndObject();
  }

  private String path() {
    return structure.agency() + "/" + structure.id() + "/" + structure.version();
  }

  private void dataflowLink(JsonGenerator json, String baseUri) throws IOException {
    link(
        json,
        baseUri + "sdmx/v3/structure/dataflow/" + path(),
        "dataflow",
        SdmxJson2StructureWriter.urn("datastructure.Dataflow", structure, structure.id()));
  }

  private static void link(JsonGenerator json, String href, String rel, String urn)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("href", href);
    json.writeStringField("rel", rel);
    json.writeStringField("urn", urn);
    json.writeEndObject();
  }

  private static void descriptions(JsonGenerator json, String description) throws IOException {
    if (description == null || description.isBlank()) {
      return;
    }
    json.writeObjectFieldStart("descriptions");
    json.writeStringField("en", description);
    json.writeEndObject();
  }

  /**
   * The series dimensions at series level and the time dimension at observation level, or all at
   * observation level for AllDimensions. Without observations (series keys only) and not
   * AllDimensions there is no observation level, and no period to list: a dimension must list at
   * least one value, so the time dimension is left out.
   */
  private void dimensions(JsonGenerator json) throws IOException {
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
    if (!periods.list().isEmpty()) {
      timeDimension(json);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void dimension(JsonGenerator json, int index) throws IOException {
    DimensionDef dimension = dimensions.get(index);
    CodeList codes = structure.codeList(dimension.codeListId());
    json.writeStartObject();
    json.writeStringField("id", dimension.id());
    names(json, dimension.nameEn());
    json.writeNumberField("keyPosition", index);
    json.writeArrayFieldStart("values");
    for (String code : dimensionValues.get(index).list()) {
      json.writeStartObject();
      json.writeStringField("id", code);
      names(json, codes.label(code, "en"));
      String parent = codes.code(code).map(Code::parentId).orElse(null);
      if (parent != null) {
        json.writeStringField("parent", parent);
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void timeDimension(JsonGenerator json) throws IOException {
    DimensionDef time = structure.timeDimension();
    json.writeStartObject();
    json.writeStringField("id", time.id());
    names(json, time.nameEn());
    json.writeNumberField("keyPosition", dimensions.size());
    json.writeArrayFieldStart("roles");
    json.writeString(time.id());
    json.writeEndArray();
    json.writeArrayFieldStart("values");
    for (String period : periods.list()) {
      json.writeStartObject();
      json.writeStringField("id", period);
      names(json, period);
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

  /** The attributes the request asked for, all at observation level (their DSD attachment). */
  private void attributes(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("attributes");
    json.writeArrayFieldStart("dataSet");
    json.writeEndArray();
    json.writeArrayFieldStart("series");
    json.writeEndArray();
    json.writeArrayFieldStart("observation");
    for (int i = 0; i < attributes.size(); i++) {
      attribute(json, i);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * One attribute: coded values as id and names, free text as a value. An attribute without any
   * value in the message lists none (a values array may not be empty), so its observation entries
   * are all null.
   */
  private void attribute(JsonGenerator json, int index) throws IOException {
    AttributeDef attribute = attributes.get(index);
    CodeList codes =
        attribute.codeListId() == null ? null : structure.codeList(attribute.codeListId());
    json.writeStartObject();
    json.writeStringField("id", attribute.id());
    names(json, attribute.nameEn());
    json.writeBooleanField("isMandatory", attribute.required());
    json.writeObjectFieldStart("relationship");
    json.writeObjectFieldStart("observation");
    json.writeEndObject();
    json.writeEndObject();
    List<String> values = attributeValues.get(index).list();
    if (!values.isEmpty()) {
      json.writeArrayFieldStart("values");
      for (String value : values) {
        json.writeStartObject();
        if (codes == null) {
          json.writeStringField("value", value);
        } else {
          json.writeStringField("id", value);
          names(json, codes.label(value, "en"));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /**
   * The single SDMX measure OBS_VALUE, or none for measures=none: then the object is present but
   * empty, as the SDMX-JSON 2.0 field guide asks of a message without measures.
   */
  private void measures(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("measures");
    if (measure) {
      json.writeArrayFieldStart("observation");
      json.writeStartObject();
      json.writeStringField("id", SdmxStructureWriter.PRIMARY_MEASURE);
      names(json, "Observation value");
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  // ---- the data sets ----

  /**
   * One data set. Current values go out with action Information, which the SDMX-JSON 2.0 field
   * guide makes the default and defines as data exchanged for information only: a dissemination
   * answer asks no receiver to replace or append anything in a store of its own (Replace, Append).
   * Deletions since updatedAfter are a Delete data set, their observations as empty arrays (SDMX
   * deletes by key, as in the field guide's delete sample).
   */
  private void dataSet(
      JsonGenerator json, SdmxDataWriter.DataSet dataSet, SdmxDataSets sets, String baseUri)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("structure", 0);
    json.writeStringField("action", dataSet.deletions() ? "Delete" : "Information");
    json.writeArrayFieldStart("links");
    dataflowLink(json, baseUri);
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
      series(json, dataSet, sets);
    }
    json.writeEndObject();
  }

  private void series(JsonGenerator json, SdmxDataWriter.DataSet dataSet, SdmxDataSets sets)
      throws IOException {
    json.writeObjectFieldStart("series");
    for (List<ObservationRow> series = sets.nextSeries();
        series != null;
        series = sets.nextSeries()) {
      json.writeObjectFieldStart(seriesKey(series.get(0)));
      if (observations) {
        json.writeObjectFieldStart("observations");
        for (ObservationRow row : series) {
          json.writeFieldName(Integer.toString(periods.index(row.timePeriod())));
          observation(json, row, dataSet.deletions());
        }
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
   * The observation's value (when the measure is asked for) then the index of each attribute's
   * value (null where it has none); empty for a deleted observation or without observations.
   */
  private void observation(JsonGenerator json, ObservationRow row, boolean deleted)
      throws IOException {
    json.writeStartArray();
    if (observations && !deleted) {
      if (measure) {
        if (row.value() == null) {
          json.writeNull();
        } else {
          json.writeNumber(row.value());
        }
      }
      for (int i = 0; i < attributePositions.length; i++) {
        String value = row.attributes().get(attributePositions[i]);
        if (value == null) {
          json.writeNull();
        } else {
          json.writeNumber(attributeValues.get(i).index(value));
        }
      }
    }
    json.writeEndArray();
  }
}
