package org.coopstats.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) run as a process
 * of its own, as an operator runs it: for tests of what only a real process shows (signals, kill
 * -9, several instances on one database).
 */
public final class AppProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^:]+:(\\d+)");

  private final Process process;
  private final StringBuilder log = new StringBuilder();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final Thread reader;

  private AppProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "app-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the packaged app with {@code env} added to this JVM's environment (less any datasource
   * the test run itself was given, and with a random HTTP port) and waits until it listens.
   */
  public static AppProcess start(Map<String, String> env) {
    return start(env, Path.of(""));
  }

  /**
   * As {@link #start(Map)}, run from {@code workingDirectory} (where the app looks for {@code .env}
   * and {@code config/application.properties}).
   */
  public static AppProcess start(Map<String, String> env, Path workingDirectory) {
    if (!JAR.toFile().isFile()) {
      throw new IllegalStateException(JAR + " is missing: package the application first");
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                JAR.toString())
            .directory(workingDirectory.toAbsolutePath().toFile())
            .redirectErrorStream(true);
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    builder.environment().remove("QUARKUS_DATASOURCE_USERNAME");
    builder.environment().remove("QUARKUS_DATASOURCE_PASSWORD");
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    // health's own port (the management interface): several instances may run at once
    builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
    builder.environment().put("COOPSTATS_DEMO_ENABLED", "false");
    builder.environment().putAll(env);
    AppProcess app;
    try {
      app = new AppProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      app.port.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      app.process.destroyForcibly();
      throw new IllegalStateException("The app did not start:\n" + app.output(), e);
    }
    return app;
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (log) {
          log.append(line).append('\n');
        }
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          port.complete(Integer.parseInt(listening.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("the app ended"));
  }

  public int port() {
    return port.join();
  }

  public String baseUri() {
    return "http://localhost:" + port();
  }

  /** Everything the app has printed so far. */
  public String output() {
    synchronized (log) {
      return log.toString();
    }
  }

  /** SIGTERM, and waits for the process to end; true if it ended within {@code seconds}. */
  public boolean stop(long seconds) throws InterruptedException {
    process.destroy();
    boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
    reader.join(5000);
    return ended;
  }

  /** SIGKILL: the process gets no chance to end anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
