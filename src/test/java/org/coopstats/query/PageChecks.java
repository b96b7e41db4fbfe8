package org.coopstats.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the paging tests compare pages with: rows to upload, and the rows and count of the same
 * query written here in plain SQL (a full OFFSET over the published values current at a moment),
 * independent of the service's statements and of its kept totals.
 */
final class PageChecks {

  static final String HEADER = "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n";
  static final List<String> AREAS = List.of("CAN", "KOR", "FRA", "DEU", "ITA", "ESP", "USA", "BRA");

  private static final String DIMENSIONS =
      "o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind,"
          + " o.work_cat";
  private static final String CURRENT =
      " FROM observation o JOIN dataset d ON d.id = o.dataset_id"
          + " WHERE o.valid_from <= ? AND (o.valid_to IS NULL OR o.valid_to > ?)";

  private PageChecks() {}

  /** COOPS for each of {@code areas} and each year from {@code firstYear} to {@code lastYear}. */
  static String rows(List<String> areas, int firstYear, int lastYear, int value) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (String area : areas) {
      for (int year = firstYear; year <= lastYear; year++) {
        csv.append(area)
            .append(",COOPS,")
            .append(year)
            .append(',')
            .append(value + year)
            .append('\n');
      }
    }
    return csv.toString();
  }

  /** A row as the JSON API gives it: dataset, the series key and the period. */
  static List<String> items(Response page) {
    List<Map<String, Object>> items = page.jsonPath().getList("items");
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> item : items) {
      rows.add(
          String.join(
              "|",
              String.valueOf(item.get("DATASET")),
              (String) item.get("REF_AREA"),
              (String) item.get("MEASURE"),
              (String) item.get("COOP_TYPE"),
              (String) item.get("COOP_LEVEL"),
              (String) item.get("ACTIVITY"),
              (String) item.get("SEX"),
              (String) item.get("MEMBER_KIND"),
              (String) item.get("WORK_CAT"),
              (String) item.get("TIME_PERIOD"),
              new BigDecimal(String.valueOf(item.get("OBS_VALUE"))).toPlainString()));
    }
    return rows;
  }

  /** The rows of a CSV page, as {@link #items} gives a JSON page's. */
  static List<String> csvItems(Response page) throws java.io.IOException {
    List<String> rows = new ArrayList<>();
    var format =
        org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true);
    try (var parser = format.get().parse(new java.io.StringReader(page.asString()))) {
      for (var record : parser) {
        rows.add(
            String.join(
                "|",
                record.get("DATASET"),
                record.get("REF_AREA"),
                record.get("MEASURE"),
                record.get("COOP_TYPE"),
                record.get("COOP_LEVEL"),
                record.get("ACTIVITY"),
                record.get("SEX"),
                record.get("MEMBER_KIND"),
                record.get("WORK_CAT"),
                record.get("TIME_PERIOD"),
                new BigDecimal(record.get("OBS_VALUE")).toPlainString()));
      }
    }
    return rows;
  }

  /** A CSV page's Link header, as its JSON page's (without format=csv). */
  static String csvLinks(Response page) {
    return String.join(",", page.headers().getValues("Link")).replace("format=csv&", "");
  }

  /**
   * The page of the current values at {@code at} with {@code condition} (SQL on {@code o} and
   * {@code d}, e.g. {@code "d.provider_id = 'P'"}, or null), read with a plain OFFSET.
   */
  static List<String> sqlRows(
      DataSource dataSource, String condition, Instant at, int offset, int limit)
      throws SQLException {
    String sql =
        "SELECT o.dataset_id, "
            + DIMENSIONS
            + ", o.time_period, o.obs_value"
            + CURRENT
            + (condition == null ? "" : " AND " + condition)
            + " ORDER BY "
            + DIMENSIONS
            + ", o.period_start, o.time_period, o.dataset_id, o.valid_from OFFSET ? LIMIT ?";
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setTimestamp(1, Timestamp.from(at));
      statement.setTimestamp(2, Timestamp.from(at));
      statement.setInt(3, offset);
      statement.setInt(4, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          row.add(String.valueOf(rs.getLong(1)));
          for (int c = 2; c <= 10; c++) {
            row.add(rs.getString(c));
          }
          row.add(rs.getBigDecimal(11).toPlainString());
          rows.add(String.join("|", row));
        }
      }
    }
    return rows;
  }

  /** How many current values at {@code at} have {@code condition} (or all, if null). */
  static long sqlCount(DataSource dataSource, String condition, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*)" + CURRENT + (condition == null ? "" : " AND " + condition))) {
      statement.setTimestamp(1, Timestamp.from(at));
      statement.setTimestamp(2, Timestamp.from(at));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * The page's total in the header and the body, and its Link header: {@code next} exactly when
   * rows remain, {@code prev} exactly when it does not start at 0.
   */
  static void assertPaging(Response page, long total, int offset, int limit) {
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.header("X-Total-Count")).isEqualTo(String.valueOf(total));
    assertThat(page.jsonPath().getLong("total")).isEqualTo(total);
    String links = String.join(",", page.headers().getValues("Link"));
    assertThat(links).contains("offset=0&limit=" + limit + ">; rel=\"first\"");
    if (offset + limit < total) {
      assertThat(links)
          .contains("offset=" + (offset + limit) + "&limit=" + limit + ">; rel=\"next\"");
    } else {
      assertThat(links).doesNotContain("rel=\"next\"");
    }
    if (offset > 0) {
      assertThat(links)
          .contains(
              "offset=" + Math.max(0, offset - limit) + "&limit=" + limit + ">; rel=\"prev\"");
    } else {
      assertThat(links).doesNotContain("rel=\"prev\"");
    }
  }
}
