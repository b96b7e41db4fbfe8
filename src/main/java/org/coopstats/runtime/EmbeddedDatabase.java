package org.coopstats.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run by the application itself, on a persistent data directory, for
 * machines where no database is configured. Durable: fsync and synchronous commit are on (zonky
 * turns them off by default, which suits throw-away test databases only).
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  // Not `this`: the instance is handed out by start(), and a caller locking on it could stall a
  // close. A second close still waits for the first to finish stopping the server.
  private final Object closeLock = new Object();
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel) {
    this.postgres = postgres;
    this.lockChannel = lockChannel;
  }

  /** Starts a server on {@code dataDirectory}, creating it on first use. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dataDirectory);
      lockChannel = lock(dataDirectory);
      stopOrphan(dataDirectory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPgBinaryResolver(PostgresPlatform.RESOLVER)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "100")
              .start();
      LOG.infof(
          "Embedded PostgreSQL running on port %d with data in %s",
          postgres.getPort(), dataDirectory.toAbsolutePath());
      return new EmbeddedDatabase(postgres, lockChannel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel);
      throw new IllegalStateException(
          "Cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Claims the data directory for this process, so that a second instance fails cleanly instead of
   * taking the first one's server for an orphan. The operating system drops the lock when the
   * process dies, even by kill -9.
   */
  private static FileChannel lock(Path dataDirectory) throws IOException {
    Path lockFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "another CoopStats process is using this data directory (" + lockFile + " is locked)");
    }
    return channel;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // releasing the lock is all that matters, and closing a channel releases it
      }
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  public String username() {
    return "postgres";
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        postgres.close();
        LOG.info("Embedded PostgreSQL stopped");
      } catch (IOException e) {
        LOG.warn("Stopping the embedded PostgreSQL failed", e);
      } finally {
        closeQuietly(lockChannel);
      }
    }
  }

  /**
   * A server left running by a process that was killed (kill -9) holds the data directory; stop it
   * before starting ours. Its pid is the first line of postmaster.pid.
   */
  static void stopOrphan(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan =
        Files.readAllLines(pidFile).stream()
            .findFirst()
            .map(String::trim)
            .filter(line -> line.matches("\\d+"))
            .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
            .filter(ProcessHandle::isAlive)
            .filter(
                p -> p.info().command().map(command -> command.contains("postgres")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warnf("Stopping PostgreSQL %d left running by an earlier run", process.pid());
    process.destroy(); // SIGTERM: a "smart" shutdown that writes a checkpoint
    try {
      process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }
}
