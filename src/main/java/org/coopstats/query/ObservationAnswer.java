package org.coopstats.query;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Map;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.Validators;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;

/**
 * An observation query parsed and dated, not yet run: what it asks, the format of its answer and
 * the validators of that answer. Then, given the page of rows, its body in that format.
 */
public final class ObservationAnswer {

  private final DataStructure structure;
  private final ObservationQuery query;
  private final ObservationFormat format;
  private final ObservationRenderer renderer;
  private final String lang;
  private final Validators validators;

  ObservationAnswer(
      DataStructure structure,
      ObservationQuery query,
      ObservationFormat format,
      ObservationRenderer renderer,
      String lang,
      Validators validators) {
    this.structure = structure;
    this.query = query;
    this.format = format;
    this.renderer = renderer;
    this.lang = lang;
    this.validators = validators;
  }

  public ObservationFormat format() {
    return format;
  }

  public Validators validators() {
    return validators;
  }

  /** Where the page asked for starts. */
  public int offset() {
    return query.page().offset();
  }

  /** How many rows the page asked for holds at most. */
  public int limit() {
    return query.page().limit();
  }

  DataStructure structure() {
    return structure;
  }

  ObservationQuery query() {
    return query;
  }

  /** The rows as CSV, as they are read, headed by their column names. */
  public void csv(ObservationRows rows, Writer writer) throws IOException {
    renderer.csv(rows, writer);
  }

  /** The rows as an Excel workbook, as they are read, headed by their column names. */
  public void xlsx(ObservationRows rows, OutputStream output) throws IOException {
    renderer.xlsx(rows, output);
  }

  /**
   * The rows as the JSON body of a list page, as they are read.
   *
   * @param next the link to the next page, or null on the last one
   * @param writer writes each item (one that does not flush after each value)
   */
  public void json(
      ObservationRows rows, long total, String next, ObjectWriter writer, OutputStream output)
      throws IOException {
    renderer.jsonPage(rows, total, offset(), limit(), next, writer, output);
  }

  /**
   * The page as one JSON-stat dataset.
   *
   * @param next the link to the next page, or null on the last one
   */
  public Map<String, Object> jsonStat(Page<ObservationRow> page, String next) {
    return new JsonStatRenderer(structure, lang).dataset(page, validators.lastModified(), next);
  }
}
