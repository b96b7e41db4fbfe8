package org.coopstats.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given to Selenium
 * explicitly, so Selenium Manager never tries to download a browser or a driver (the machine has no
 * internet access).
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path EVIDENCE = Path.of("target", "explorer-browser");

  /** Screenshots of the main views, kept as test artefacts (and shown in the README). */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;

  /** A fresh temporary directory: the browser's profile, and files given to file inputs. */
  private final Path home;

  private final List<String> console = new ArrayList<>();

  /** Skips the calling test where Chromium cannot be run; CI installs it (see .ci/run). */
  public static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Skipped: no browser to drive. Needs /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install -y chromium chromium-driver)");
  }

  public Browser() {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    try {
      home = Files.createTempDirectory("explorer-browser");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // the tests may run as root
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + home.resolve("profile"));
    // Keeps the console, read by console().
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // Files the page offers for download land in downloads(), without asking.
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", home.resolve("downloads").toString(),
            "download.prompt_for_download", false,
            "download.directory_upgrade", true,
            "safebrowsing.enabled", false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  /** A file for a file input. */
  public Path file(String name, String content) {
    try {
      return Files.writeString(home.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory downloads go to. */
  public Path downloads() {
    return home.resolve("downloads");
  }

  /**
   * Waits for the one file a download just started to be complete (Chromium writes a .crdownload
   * first and renames it when the last byte is in) and returns its path.
   */
  public Path downloaded(int seconds) {
    return waitUpTo(seconds)
        .until(
            driver -> {
              try (Stream<Path> files = Files.list(downloads())) {
                List<Path> all = files.toList();
                boolean partial =
                    all.stream().anyMatch(path -> path.toString().endsWith(".crdownload"));
                return all.size() == 1 && !partial ? all.get(0) : null;
              } catch (IOException e) {
                return null; // the directory appears with the first download
              }
            });
  }

  /** Sets the window's size, as a phone's (390 × 844) or a desktop's. */
  public void windowSize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /** Waits for a condition, at most {@code seconds}, re-trying on elements React replaced. */
  public WebDriverWait waitUpTo(int seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Every console message so far ("LEVEL message"). */
  public List<String> console() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(entry.getLevel() + " " + entry.getMessage());
    }
    return List.copyOf(console);
  }

  /** Console messages at level SEVERE so far. */
  public List<String> consoleErrors() {
    return console().stream()
        .filter(line -> line.startsWith(Level.SEVERE.getName() + " "))
        .toList();
  }

  /**
   * Runs a step of a test; when it fails, saves a screenshot, the page source and the console under
   * target/explorer-browser/ before rethrowing.
   */
  public void keepingEvidence(String name, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | AssertionError e) {
      try {
        Files.createDirectories(EVIDENCE);
        Files.write(EVIDENCE.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        Files.writeString(EVIDENCE.resolve(name + ".html"), driver.getPageSource());
        Files.write(EVIDENCE.resolve(name + ".console.txt"), console(), StandardCharsets.UTF_8);
        e.addSuppressed(
            new AssertionError("Screenshot, page source and console saved in " + EVIDENCE));
      } catch (IOException | RuntimeException saving) {
        e.addSuppressed(saving);
      }
      throw e;
    }
  }

  /**
   * Saves a screenshot of the whole page as it is now (beyond the window, through the DevTools
   * protocol) under target/screenshots/{name}.png.
   */
  public void screenshot(String name) {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          java.util.Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs axe-core (Deque's checker, from its jar on the test class path) on the page as it is now,
   * against WCAG 2.0/2.1 A and AA, and returns the violations of impact serious or critical, each
   * as "rule-id (impact): help — targets".
   */
  public List<String> seriousAccessibilityViolations() {
    driver.executeScript(Axe.SCRIPT);
    Object result =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
    List<String> violations = new ArrayList<>();
    for (Object violation : (List<?>) result) {
      violations.add(String.valueOf(violation));
    }
    return violations;
  }

  /** axe-core's script, read once from its webjar. */
  private static final class Axe {
    static final String SCRIPT = read();

    private static String read() {
      String version =
          property("META-INF/maven/org.webjars.npm/axe-core/pom.properties", "version");
      return resource("META-INF/resources/webjars/axe-core/" + version + "/axe.min.js");
    }

    private static String property(String resource, String name) {
      java.util.Properties properties = new java.util.Properties();
      try {
        properties.load(new java.io.StringReader(resource(resource)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties.getProperty(name);
    }

    private static String resource(String path) {
      try (var in = Browser.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException(path + " is not on the test class path (axe-core)");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // a left-over temporary profile is harmless
      }
    }
  }
}
