package org.coopstats.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.coopstats.support.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application with its embedded PostgreSQL stops on SIGTERM as soon as Quarkus and the
 * database have stopped: it used to wait a fixed 30 s for a signal that never came.
 */
class EmbeddedShutdownIT {

  @TempDir Path data;

  @Test
  void sigtermStopsTheAppAndItsDatabaseWithoutAFixedWait() throws Exception {
    try (AppProcess app =
        AppProcess.start(Map.of("COOPSTATS_DATA_DIR", data.resolve("postgres").toString()))) {
      long before = System.nanoTime();
      boolean ended = app.stop(60);
      Duration took = Duration.ofNanos(System.nanoTime() - before);
      assertThat(ended).as(app.output()).isTrue();
      // before: 30 s and more, whatever the work left
      assertThat(took).as(app.output()).isLessThan(Duration.ofSeconds(20));
      // the database was stopped too (its log line is lost: Quarkus has closed the log by then)
      assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }
  }
}
