package org.coopstats.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * A table answered: its headings and cells, for one area and period (or range), as JSON and the
 * source of the CSV and Excel forms.
 *
 * @param columns the column headings, in order (each a code per column axis)
 * @param rows the rows, each its heading (a code per row axis) and one cell per column
 * @param rules the counting rules that decided which totals were computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableGrid(
    String id,
    String title,
    String structure,
    String lang,
    Heading refArea,
    String timePeriod,
    String startPeriod,
    String endPeriod,
    String asOf,
    List<String> rowDimensions,
    List<String> columnDimensions,
    List<List<Heading>> columns,
    List<Row> rows,
    String notes,
    List<String> rules) {

  /** A code on an axis, with its label. */
  public record Heading(String dimension, String id, String name) {}

  /** A row: its heading and its cells, one per column. */
  public record Row(List<Heading> heading, List<Cell> cells) {}

  /**
   * A cell, and how it was obtained ({@code origin}): {@code reported} by a provider (with its
   * dataset), {@code computed} by the service (the {@code summedCodes} of {@code summedDimension}
   * it adds up), {@code incomplete} (a total with {@code missing} of its children unreported, no
   * value), {@code refused} (a total the counting rules do not allow: {@code reason}), {@code
   * empty} (nothing reported) or {@code notApplicable} (the dimension does not apply to the
   * measure).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cell(
      String origin,
      BigDecimal value,
      @JsonProperty("OBS_STATUS") String obsStatus,
      @JsonProperty("CONF_STATUS") String confStatus,
      @JsonProperty("UNIT_MEASURE") String unitMeasure,
      @JsonProperty("UNIT_MULT") String unitMult,
      Long dataset,
      String summedDimension,
      List<String> summedCodes,
      Integer missing,
      List<String> missingCodes,
      String reason) {

    public static final String REPORTED = "reported";
    public static final String COMPUTED = "computed";
    public static final String INCOMPLETE = "incomplete";
    public static final String REFUSED = "refused";
    public static final String EMPTY = "empty";
    public static final String NOT_APPLICABLE = "notApplicable";

    static Cell empty() {
      return new Cell(EMPTY, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Cell notApplicable() {
      return new Cell(
          NOT_APPLICABLE, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Cell refused(String reason) {
      return new Cell(REFUSED, null, null, null, null, null, null, null, null, null, null, reason);
    }

    static Cell incomplete(String dimension, List<String> missingCodes) {
      return new Cell(
          INCOMPLETE,
          null,
          null,
          null,
          null,
          null,
          null,
          dimension,
          null,
          missingCodes.size(),
          missingCodes,
          null);
    }

    /** Whether the cell holds a figure. */
    public boolean hasValue() {
      return value != null;
    }
  }
}
