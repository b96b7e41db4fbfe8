package org.coopstats.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).exists();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().put("COOPSTATS_DATA_DIR", data.resolve("postgres").toString());
    builder.environment().put("COOPSTATS_DEMO_ENABLED", "false");
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    Process app = builder.start();
    StringBuilder log = new StringBuilder();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  synchronized (log) {
                    log.append(line).append('\n');
                  }
                  if (line.contains("Listening on")) {
                    started.complete(null);
                  }
                }
              } catch (IOException e) {
                started.completeExceptionally(e);
              }
              started.completeExceptionally(new IllegalStateException("the app ended"));
            });
    reader.start();
    try {
      started.get(180, TimeUnit.SECONDS);
      long before = System.nanoTime();
      app.destroy(); // SIGTERM
      boolean ended = app.waitFor(60, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - before);
      reader.join(5000);
      String output;
      synchronized (log) {
        output = log.toString();
      }
      assertThat(ended).as(output).isTrue();
      // before: 30 s and more, whatever the work left
      assertThat(took).as(output).isLessThan(Duration.ofSeconds(20));
      // the database was stopped too (its log line is lost: Quarkus has closed the log by then)
      assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    } finally {
      app.destroyForcibly();
    }
  }
}
