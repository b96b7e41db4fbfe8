package org.coopstats.replica;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A real streaming replica for the tests: an embedded primary (wal_level replica) and a standby
 * made from it with the low-level backup API (the embedded binaries have no pg_basebackup): a
 * physical slot, {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop} and
 * its backup_label, then standby.signal and primary_conninfo, started by the same binaries on
 * another port. initdb's trust pg_hba lets the standby connect for replication from localhost.
 * Always its own pair, even when the suite runs against an outside server
 * (QUARKUS_DATASOURCE_JDBC_URL).
 */
public class StreamingReplicaResource implements QuarkusTestResourceLifecycleManager {

  private static final String SLOT = "coopstats_test_standby";

  /** What a copy of a running data directory leaves out (the standby makes its own). */
  private static final Set<String> NOT_COPIED =
      Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "standby.signal");

  private static EmbeddedPostgres primary;
  private static EmbeddedPostgres standby;
  private static Path root;

  @Override
  public Map<String, String> start() {
    try {
      root = Files.createTempDirectory("coopstats-replica-pg");
      Path primaryData = root.resolve("primary");
      Path standbyData = root.resolve("standby");
      primary =
          EmbeddedPostgres.builder()
              .setDataDirectory(primaryData)
              .setCleanDataDirectory(true)
              .setServerConfig("wal_level", "replica")
              .setServerConfig("max_wal_senders", "4")
              .setServerConfig("max_replication_slots", "4")
              .setServerConfig("fsync", "off")
              .start();
      copyAsStandby(primaryData, standbyData);
      standby =
          EmbeddedPostgres.builder()
              .setDataDirectory(standbyData)
              .setCleanDataDirectory(false)
              .setServerConfig("hot_standby", "on")
              .setServerConfig("fsync", "off")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded primary and standby", e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot make the standby", e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://localhost:" + primary.getPort() + "/postgres",
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "",
        "quarkus.datasource.\"read\".jdbc.url",
        "jdbc:postgresql://localhost:" + standby.getPort() + "/postgres",
        "quarkus.datasource.\"read\".username",
        "postgres",
        "quarkus.datasource.\"read\".password",
        "");
  }

  /** The standby's own database, to pause and resume its replay. */
  public static DataSource standbyDatabase() {
    return standby.getPostgresDatabase();
  }

  public static DataSource primaryDatabase() {
    return primary.getPostgresDatabase();
  }

  /** Stops the standby (the app's reads must carry on from the primary). */
  public static synchronized void stopStandby() {
    if (standby != null) {
      try {
        standby.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      standby = null;
    }
  }

  private static void copyAsStandby(Path from, Path to) throws IOException, SQLException {
    try (Connection connection = primary.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
      statement.execute("SELECT pg_backup_start('coopstats-test', true)");
      copy(from, to);
      String label;
      try (ResultSet rs = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
        rs.next();
        label = rs.getString(1);
      }
      Files.writeString(to.resolve("backup_label"), label, StandardCharsets.UTF_8);
    }
    Files.createFile(to.resolve("standby.signal"));
    Files.writeString(
        to.resolve("postgresql.auto.conf"),
        "\nprimary_conninfo = 'host=localhost port="
            + primary.getPort()
            + " user=postgres application_name=coopstats_test'\nprimary_slot_name = '"
            + SLOT
            + "'\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** The data directory as it is during the backup, pg_wal's segments aside (streamed instead). */
  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(dir);
            if (relative.startsWith("pg_replslot") && relative.getNameCount() > 1) {
              return FileVisitResult.SKIP_SUBTREE; // the primary's slots are not the standby's
            }
            Path target = to.resolve(relative.toString());
            Files.createDirectories(target);
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(file);
            if (NOT_COPIED.contains(relative.toString())
                || relative.startsWith("pg_wal")
                || relative.startsWith("pg_replslot")) {
              return FileVisitResult.CONTINUE;
            }
            try {
              Files.copy(
                  file,
                  to.resolve(relative.toString()),
                  StandardCopyOption.COPY_ATTRIBUTES,
                  StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.NoSuchFileException e) {
              // a file removed during the backup (a temporary one): the WAL replay recreates it
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public void stop() {
    stopStandby();
    try {
      if (primary != null) {
        primary.close();
      }
      if (root != null && Files.exists(root)) {
        try (Stream<Path> paths = Files.walk(root)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
