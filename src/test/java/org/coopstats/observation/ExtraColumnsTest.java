package org.coopstats.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.query.ObservationRenderer;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestStructure;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.TimePeriod;
import org.junit.jupiter.api.Test;

/**
 * A structure with one more dimension and one more attribute than COOP_STATS, on tables given the
 * two columns a migration would add (in a transaction rolled back at the end, so no other test sees
 * them): rows go into the draft, are published and revised, and come back from a query and the
 * renderer with both, with no code knowing either.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ExtraColumnsTest {

  private static final OffsetDateTime V1 = OffsetDateTime.parse("2020-01-01T00:00:00Z");
  private static final OffsetDateTime V2 = OffsetDateTime.parse("2020-02-01T00:00:00Z");

  @Inject DataSource dataSource;
  @Inject EntityManager em;
  @Inject ObservationLifecycle lifecycle;
  @Inject UserTransaction transaction;

  @Test
  void anExtraDimensionAndAttributeAreStoredPublishedComparedQueriedAndRendered() throws Exception {
    Api.actAsAdmin();
    long dataset = Api.newDataset(Api.newProvider());
    DataStructure structure = ObservationSqlTest.extended();
    List<ObservationRow> current = new ArrayList<>();
    List<ObservationRow> history = new ArrayList<>();
    transaction.begin();
    try (Connection connection = dataSource.getConnection()) {
      sameConnectionAsTheEntityManager(connection);
      addColumns(connection);
      // v1: two values of the new dimension, one with the new attribute
      stage(connection, dataset, row("PUB", 12), row("PRIV", 30));
      setSource(connection, dataset, "PUB", "register");
      lifecycle.release(structure, dataset, false, 1, V1);
      // v2: PRIV unchanged, PUB with only its new attribute changed; the second upload is merged
      // into the draft by key, the new dimension part of it
      stage(connection, dataset, row("PUB", 11));
      stage(connection, dataset, row("PRIV", 30), row("PUB", 12));
      assertThat(draftRows(connection, dataset)).isEqualTo(2);
      setSource(connection, dataset, "PUB", "survey");
      long[] changed = lifecycle.release(structure, dataset, false, 2, V2);
      assertThat(changed).containsExactly(1, 1);

      current.addAll(find(connection, structure, dataset, Visibility.asOf(V2)));
      history.addAll(
          find(connection, structure, dataset, new Visibility(Visibility.Kind.HISTORY, V2, null)));
    } finally {
      transaction.rollback(); // the columns go again
    }

    assertThat(current).extracting(r -> r.key().get(8)).containsExactly("PRIV", "PUB");
    assertThat(current).extracting(r -> r.attribute("OBS_SOURCE")).containsExactly(null, "survey");
    assertThat(history)
        .extracting(r -> r.key().get(8) + " " + r.attribute("OBS_SOURCE"))
        .containsExactly("PRIV null", "PUB register", "PUB survey");

    ObservationRenderer renderer = new ObservationRenderer(structure, "id", "en", false, false);
    Map<String, Object> json = renderer.json(current.get(1));
    assertThat(json).containsEntry("OWNERSHIP", "PUB").containsEntry("OBS_SOURCE", "survey");
    assertThat(json).containsEntry("UNIT_MULT", "0").containsEntry("OBS_STATUS", "A");
    StringWriter csv = new StringWriter();
    renderer.csv(ObservationRows.of(current), csv);
    assertThat(csv.toString())
        .startsWith(
            "DATASET,PROVIDER,REF_AREA,MEASURE,COOP_TYPE,COOP_LEVEL,ACTIVITY,SEX,MEMBER_KIND,"
                + "WORK_CAT,OWNERSHIP,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MEASURE,"
                + "UNIT_MULT,COMMENT_OBS,OBS_SOURCE\r\n")
        .endsWith(",_T,_T,_Z,_Z,_Z,PUB,2021,12,A,F,NUMBER,0,,survey\r\n");
  }

  @Test
  void theUploadRefusesAStructureWithAnAttributeTheValidatorDoesNotFill() {
    assertThatThrownBy(
            () ->
                new ObservationStaging(
                    null, ObservationSqlTest.extended(), 1, ObservationStaging.Target.NONE, "64MB"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OBS_SOURCE");
  }

  /** The lifecycle (EntityManager) and the test's JDBC work must share the transaction's DDL. */
  private void sameConnectionAsTheEntityManager(Connection connection) throws SQLException {
    Object viaEntityManager = em.createNativeQuery("SELECT pg_backend_pid()").getSingleResult();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      assertThat(((Number) viaEntityManager).intValue()).isEqualTo(rs.getInt(1));
    }
  }

  /**
   * What a migration adding the dimension and the attribute would do: the columns, and the
   * dimension in the key that one open value per key is kept by.
   */
  private static void addColumns(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL lock_timeout = '10s'");
      for (String table : List.of("observation", "observation_draft")) {
        statement.execute(
            "ALTER TABLE "
                + table
                + " ADD COLUMN ownership text NOT NULL DEFAULT '_T', ADD COLUMN obs_source text");
      }
      statement.execute("DROP INDEX observation_open_key");
      statement.execute(
          "CREATE UNIQUE INDEX observation_open_key ON observation (dataset_id, ref_area, measure,"
              + " coop_type, coop_level, activity, sex, member_kind, work_cat, ownership,"
              + " time_period) WHERE valid_from IS NOT NULL AND valid_to IS NULL");
    }
  }

  /**
   * Writes rows into the draft as an upload does. Checked observations do not carry the new
   * attribute (the validator does not fill it), so the draft is staged with the new dimension only.
   */
  private static void stage(Connection connection, long dataset, CheckedObservation... rows)
      throws SQLException {
    DataStructure withDimension = withoutSource(ObservationSqlTest.extended());
    ObservationStaging.recordPeriods(connection, List.of(rows[0].period()));
    boolean hasDraft = ObservationStaging.hasDraft(connection, withDimension, dataset);
    try (ObservationStaging staging =
        new ObservationStaging(
            connection,
            withDimension,
            dataset,
            hasDraft ? ObservationStaging.Target.MERGE : ObservationStaging.Target.DRAFT,
            "64MB")) {
      for (CheckedObservation row : rows) {
        staging.add(row);
      }
      staging.finish();
      staging.store();
    }
  }

  private static long draftRows(Connection connection, long dataset) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT count(*) FROM observation_draft WHERE dataset_id = ?")) {
      statement.setLong(1, dataset);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void setSource(Connection connection, long dataset, String owner, String source)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE observation_draft SET obs_source = ? WHERE dataset_id = ? AND ownership = ?")) {
      statement.setString(1, source);
      statement.setLong(2, dataset);
      statement.setString(3, owner);
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<ObservationRow> find(
      Connection connection, DataStructure structure, long dataset, Visibility visibility)
      throws SQLException {
    Page<ObservationRow> page =
        ObservationReader.find(
            connection,
            new ObservationQuery(
                Map.of(),
                null,
                null,
                Set.of(),
                Set.of(dataset),
                visibility,
                new PageRequest(0, 100)),
            structure);
    return page.items();
  }

  private static CheckedObservation row(String owner, int value) {
    DataStructure structure = ObservationSqlTest.extended();
    List<String> key = List.of("CAN", "COOPS", "_T", "_T", "_T", "_Z", "_Z", "_Z", owner);
    return new CheckedObservation(
        RowRef.csvLine(2),
        key,
        TestStructure.positions(structure, key),
        TimePeriod.parse("2021").orElseThrow(),
        BigDecimal.valueOf(value),
        "A",
        "F",
        "NUMBER",
        0,
        null,
        false);
  }

  private static DataStructure withoutSource(DataStructure structure) {
    return new DataStructure(
        structure.id(),
        structure.agency(),
        structure.version(),
        structure.nameEn(),
        structure.description(),
        structure.dimensions(),
        structure.attributes().stream().filter(a -> !a.id().equals("OBS_SOURCE")).toList(),
        structure.measures(),
        structure.codeLists(),
        structure.publishedTable());
  }
}
