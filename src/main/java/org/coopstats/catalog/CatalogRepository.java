package org.coopstats.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** Reads code lists and data structures from their tables. */
@ApplicationScoped
public class CatalogRepository {

  private final DataSource dataSource;

  public CatalogRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Catalog load() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      Map<String, CodeList> codeLists = loadCodeLists(statement);
      Map<String, DataStructure> structures = loadStructures(statement, codeLists);
      return new Catalog(codeLists, structures);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the code lists and structures", e);
    }
  }

  private static Map<String, CodeList> loadCodeLists(Statement statement) throws SQLException {
    Map<String, List<Code>> codes = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT code_list_id, id, name_en, name_fr, name_es, parent_id, sort_order FROM code"
                + " ORDER BY code_list_id, sort_order, id")) {
      while (rs.next()) {
        codes
            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(
                new Code(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7)));
      }
    }
    Map<String, CodeList> lists = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT id, agency, version, name_en, name_fr, name_es, description FROM code_list"
                + " ORDER BY id")) {
      while (rs.next()) {
        String id = rs.getString(1);
        lists.put(
            id,
            CodeList.of(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                codes.getOrDefault(id, List.of())));
      }
    }
    return lists;
  }

  private static Map<String, DataStructure> loadStructures(
      Statement statement, Map<String, CodeList> codeLists) throws SQLException {
    Map<String, List<DimensionDef>> dimensions = loadDimensions(statement);
    Map<String, List<AttributeDef>> attributes = loadAttributes(statement);
    Map<String, MeasureDef> measures = loadMeasures(statement, loadApplicability(statement));
    Map<String, DataStructure> structures = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT id, agency, version, name_en, description, storage_table FROM data_structure"
                + " ORDER BY id")) {
      while (rs.next()) {
        String id = rs.getString(1);
        structures.put(
            id,
            new DataStructure(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                List.copyOf(dimensions.getOrDefault(id, List.of())),
                List.copyOf(attributes.getOrDefault(id, List.of())),
                measures,
                codeLists,
                rs.getString(6)));
      }
    }
    return structures;
  }

  /** The dimensions of each structure, in position order. */
  private static Map<String, List<DimensionDef>> loadDimensions(Statement statement)
      throws SQLException {
    Map<String, List<DimensionDef>> dimensions = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT structure_id, id, position, code_list_id, time_dimension, applies_to_all,"
                + " name_en, description FROM dimension ORDER BY structure_id, position")) {
      while (rs.next()) {
        dimensions
            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(
                new DimensionDef(
                    // Interned, as CSV header names are: a row's values are looked up by
                    // column name many times, and equal names then compare by identity.
                    rs.getString(2).intern(),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6),
                    rs.getString(7),
                    rs.getString(8)));
      }
    }
    return dimensions;
  }

  /** The attributes of each structure, in position order. */
  private static Map<String, List<AttributeDef>> loadAttributes(Statement statement)
      throws SQLException {
    Map<String, List<AttributeDef>> attributes = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT structure_id, id, position, code_list_id, required, default_value, name_en,"
                + " description FROM attribute ORDER BY structure_id, position")) {
      while (rs.next()) {
        attributes
            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(
                new AttributeDef(
                    rs.getString(2).intern(),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)));
      }
    }
    return attributes;
  }

  /** For each measure, the dimensions it applies to and on what condition. */
  private static Map<String, Map<String, MeasureDef.Condition>> loadApplicability(
      Statement statement) throws SQLException {
    Map<String, Map<String, MeasureDef.Condition>> applicability = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT measure_id, dimension_id, condition_dimension, condition_code"
                + " FROM measure_dimension")) {
      while (rs.next()) {
        applicability
            .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
            .put(
                rs.getString(2),
                rs.getString(3) == null
                    ? MeasureDef.Condition.ALWAYS
                    : new MeasureDef.Condition(rs.getString(3), rs.getString(4)));
      }
    }
    return applicability;
  }

  private static Map<String, MeasureDef> loadMeasures(
      Statement statement, Map<String, Map<String, MeasureDef.Condition>> applicability)
      throws SQLException {
    Map<String, MeasureDef> measures = new LinkedHashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT id, value_type, quantity, temporality, allows_negative, default_unit,"
                + " unit_code_list, allowed_units, non_additive_dimensions, max_magnitude FROM measure"
                + " ORDER BY id")) {
      while (rs.next()) {
        String id = rs.getString(1);
        measures.put(
            id,
            new MeasureDef(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getBoolean(5),
                rs.getString(6),
                rs.getString(7),
                textSet(rs.getArray(8)),
                Map.copyOf(applicability.getOrDefault(id, Map.of())),
                textSet(rs.getArray(9)),
                rs.getBigDecimal(10)));
      }
    }
    return measures;
  }

  private static Set<String> textSet(Array array) throws SQLException {
    if (array == null) {
      return Set.of();
    }
    return Set.copyOf(new LinkedHashSet<>(Arrays.asList((String[]) array.getArray())));
  }
}
