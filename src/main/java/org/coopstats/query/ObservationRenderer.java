package org.coopstats.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.ProblemException;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;

/**
 * Writes observations as JSON objects or CSV rows, with codes, labels or both ({@code
 * labels=id|name|both}) in a language ({@code lang=en|fr|es}).
 */
public final class ObservationRenderer {

  public enum Labels {
    ID,
    NAME,
    BOTH
  }

  private static final List<String> LANGUAGES = List.of("en", "fr", "es");

  private final DataStructure structure;
  private final List<DimensionDef> dimensions;
  private final Labels labels;
  private final String lang;
  private final boolean validity;
  private final boolean action;

  /**
   * @param validity add VALID_FROM and VALID_TO (history queries)
   * @param action add ACTION: I for a current value, D for a deleted one (change queries)
   */
  public ObservationRenderer(
      DataStructure structure, String labels, String lang, boolean validity, boolean action) {
    this.structure = structure;
    this.validity = validity;
    this.action = action;
    this.dimensions = structure.seriesDimensions();
    this.labels = parseLabels(labels);
    this.lang = lang == null ? "en" : lang.toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(this.lang)) {
      throw ProblemException.badRequest(
          "lang '" + lang + "' is not offered: use " + String.join(", ", LANGUAGES) + ".");
    }
  }

  /** The CSV header, which is also the order of the JSON members. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("DATASET", "PROVIDER"));
    dimensions.forEach(d -> columns.add(d.id()));
    columns.add(structure.timeDimension().id());
    columns.add("OBS_VALUE");
    structure.attributes().forEach(a -> columns.add(a.id()));
    if (validity) {
      columns.add("VALID_FROM");
      columns.add("VALID_TO");
    }
    if (action) {
      columns.add("ACTION");
    }
    return columns;
  }

  public Map<String, Object> json(ObservationRow row) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("DATASET", row.datasetId());
    item.put("PROVIDER", row.providerId());
    for (int i = 0; i < dimensions.size(); i++) {
      DimensionDef dimension = dimensions.get(i);
      item.put(dimension.id(), jsonCode(dimension.codeListId(), row.key().get(i)));
    }
    item.put(structure.timeDimension().id(), row.timePeriod());
    item.put("OBS_VALUE", row.value());
    List<String> attributes = row.attributes();
    for (int i = 0; i < structure.attributes().size(); i++) {
      AttributeDef attribute = structure.attributes().get(i);
      String value = attributes.get(i);
      item.put(
          attribute.id(),
          attribute.codeListId() == null || value == null
              ? value
              : jsonCode(attribute.codeListId(), value));
    }
    if (validity) {
      item.put("VALID_FROM", row.validFrom());
      item.put("VALID_TO", row.validTo());
    }
    if (action) {
      item.put("ACTION", row.action());
    }
    return item;
  }

  /**
   * The rows as RFC 4180 CSV. Cells are the data exactly, as in JSON (a text beginning with = or +
   * is not altered): see README, "CSV is data".
   */
  public void csv(ObservationRows rows, Writer writer) throws IOException {
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    printer.printRecord(columns());
    List<Object> record = new ArrayList<>();
    for (ObservationRow row = next(rows); row != null; row = next(rows)) {
      record(row, record);
      if (row.value() != null) {
        record.set(valueColumn(), row.value().toPlainString());
      }
      printer.printRecord(record);
    }
    printer.flush();
  }

  /**
   * The rows as an Excel workbook of one sheet: the CSV's header and cells, the values as numbers.
   * It streams: only a window of rows is in memory, the rest in a temporary file until written.
   */
  public void xlsx(ObservationRows rows, OutputStream output) throws IOException {
    try (ObservationWorkbook workbook = new ObservationWorkbook(columns())) {
      List<Object> record = new ArrayList<>();
      for (ObservationRow row = next(rows); row != null; row = next(rows)) {
        record(row, record);
        workbook.add(record);
      }
      workbook.write(output);
    }
  }

  /** Where OBS_VALUE is in {@link #columns()}: after DATASET, PROVIDER, the series and the time. */
  private int valueColumn() {
    return dimensions.size() + 3;
  }

  /** One row's cells in the order of {@link #columns()}: the value a number, absent ones "". */
  private void record(ObservationRow row, List<Object> record) {
    record.clear();
    record.add(row.datasetId());
    record.add(row.providerId());
    for (int i = 0; i < dimensions.size(); i++) {
      record.add(csvCode(dimensions.get(i).codeListId(), row.key().get(i)));
    }
    record.add(row.timePeriod());
    record.add(row.value() == null ? "" : row.value());
    List<String> attributes = row.attributes();
    for (int i = 0; i < structure.attributes().size(); i++) {
      AttributeDef attribute = structure.attributes().get(i);
      String value = attributes.get(i);
      record.add(
          value == null
              ? ""
              : attribute.codeListId() == null ? value : csvCode(attribute.codeListId(), value));
    }
    if (validity) {
      record.add(row.validFrom() == null ? "" : row.validFrom().toString());
      record.add(row.validTo() == null ? "" : row.validTo().toString());
    }
    if (action) {
      record.add(row.action());
    }
  }

  /**
   * The rows, as they are read, as the JSON body of a list page: {@code items} (each row as {@link
   * #json(ObservationRow)}), then {@code total}, {@code offset}, {@code limit} and {@code next}
   * (when there is a next page), the members of {@link org.coopstats.common.PageBody} in its order.
   *
   * @param writer writes each item (one that does not flush after each value)
   */
  public void jsonPage(
      ObservationRows rows,
      long total,
      int offset,
      int limit,
      String next,
      ObjectWriter writer,
      OutputStream output)
      throws IOException {
    try (JsonGenerator json = writer.createGenerator(output)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.writeStartObject();
      json.writeArrayFieldStart("items");
      for (ObservationRow row = next(rows); row != null; row = next(rows)) {
        writer.writeValue(json, json(row));
      }
      json.writeEndArray();
      json.writeNumberField("total", total);
      json.writeNumberField("offset", offset);
      json.writeNumberField("limit", limit);
      if (next != null) {
        json.writeStringField("next", next);
      }
      json.writeEndObject();
    }
  }

  private static ObservationRow next(ObservationRows rows) throws IOException {
    try {
      return rows.next();
    } catch (SQLException e) {
      throw new IOException("Reading observations failed", e);
    }
  }

  private Object jsonCode(String codeListId, String code) {
    return switch (labels) {
      case ID -> code;
      case NAME -> label(codeListId, code);
      case BOTH -> {
        Map<String, String> both = new LinkedHashMap<>();
        both.put("id", code);
        both.put("name", label(codeListId, code));
        yield both;
      }
    };
  }

  private String csvCode(String codeListId, String code) {
    return switch (labels) {
      case ID -> code;
      case NAME -> label(codeListId, code);
      case BOTH -> code + ": " + label(codeListId, code);
    };
  }

  private String label(String codeListId, String code) {
    CodeList list = structure.codeLists().get(codeListId);
    return list == null ? code : list.label(code, lang);
  }

  private static Labels parseLabels(String text) {
    if (text == null) {
      return Labels.ID;
    }
    try {
      return Labels.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("labels '" + text + "' is unknown: use id, name or both.");
    }
  }
}
