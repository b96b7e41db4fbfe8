package org.coopstats.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the table definitions once: like the structures they are made by migrations, so they are
 * kept for the life of the service.
 */
@ApplicationScoped
public class TableRepository {

  private final DataSource dataSource;
  private final ObjectMapper mapper;
  private volatile Map<String, TableDefinition> definitions;

  public TableRepository(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  /** Every definition, by id, in display order. */
  public Map<String, TableDefinition> all() {
    Map<String, TableDefinition> known = definitions;
    if (known == null) {
      known = load();
      definitions = known;
    }
    return known;
  }

  private Map<String, TableDefinition> load() {
    Map<String, TableDefinition> loaded = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT id, structure_id, title_en, title_fr, title_es, measures,"
                    + " row_dimensions::text, column_dimensions::text, fixed_filters::text, notes"
                    + " FROM table_definition ORDER BY sort_order, id")) {
      while (rs.next()) {
        TableDefinition definition = definition(rs);
        loaded.put(definition.id(), definition);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the table definitions", e);
    }
    return java.util.Collections.unmodifiableMap(loaded);
  }

  private TableDefinition definition(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    try {
      return new TableDefinition(
          id,
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          rs.getString(5),
          texts(rs.getArray(6)),
          axes(mapper.readTree(rs.getString(7))),
          axes(mapper.readTree(rs.getString(8))),
          fixed(mapper.readTree(rs.getString(9))),
          rs.getString(10));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Table definition " + id + " is not readable", e);
    }
  }

  private static List<String> texts(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private static List<TableDefinition.Axis> axes(JsonNode node) {
    List<TableDefinition.Axis> axes = new ArrayList<>();
    for (JsonNode axis : node) {
      JsonNode codes = axis.path("codes");
      boolean children = "children".equals(codes.asText());
      List<String> listed = null;
      if (codes.isArray()) {
        listed = new ArrayList<>();
        for (JsonNode code : codes) {
          listed.add(code.asText());
        }
      }
      axes.add(
          new TableDefinition.Axis(
              axis.path("dimension").asText(),
              listed == null ? null : List.copyOf(listed),
              children));
    }
    return List.copyOf(axes);
  }

  private static Map<String, String> fixed(JsonNode node) {
    Map<String, String> fixed = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      fixed.put(entry.getKey(), entry.getValue().asText());
    }
    return java.util.Collections.unmodifiableMap(fixed);
  }
}
