package org.coopstats.indicator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.coopstats.indicator.IndicatorDef.Input;

/**
 * The indicator definitions, read once: like code lists and structures they change only through
 * migrations.
 */
@ApplicationScoped
public class IndicatorRepository {

  private static final TypeReference<TreeMap<String, String>> CODES = new TypeReference<>() {};

  private final DataSource dataSource;
  private final ObjectMapper json;
  private volatile Map<String, IndicatorDef> definitions;

  public IndicatorRepository(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** Every indicator, in the order of its position. */
  public Map<String, IndicatorDef> all() {
    Map<String, IndicatorDef> known = definitions;
    if (known == null) {
      synchronized (this) {
        if (definitions == null) {
          definitions = load();
        }
        known = definitions;
      }
    }
    return known;
  }

  private Map<String, IndicatorDef> load() {
    Map<String, IndicatorDef> loaded = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT id, name_en, name_fr, name_es, kind, numerator_structure,"
                    + " numerator_measure, numerator_filters::text, denominator_structure,"
                    + " denominator_measure, denominator_filters::text, multiplier, unit, decimals,"
                    + " notes FROM indicator ORDER BY position")) {
      while (rs.next()) {
        IndicatorDef.Kind kind = IndicatorDef.Kind.valueOf(rs.getString(5));
        Input numerator = new Input(rs.getString(6), rs.getString(7), codes(rs.getString(8)));
        Input denominator =
            kind == IndicatorDef.Kind.RATIO
                ? new Input(rs.getString(9), rs.getString(10), codes(rs.getString(11)))
                : null;
        loaded.put(
            rs.getString(1),
            new IndicatorDef(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                kind,
                numerator,
                denominator,
                rs.getBigDecimal(12),
                rs.getString(13),
                rs.getInt(14),
                rs.getString(15)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the indicator definitions", e);
    }
    return loaded;
  }

  private Map<String, String> codes(String text) {
    try {
      return Collections.unmodifiableSortedMap(json.readValue(text, CODES));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An indicator's codes are not a JSON object: " + text, e);
    }
  }
}
