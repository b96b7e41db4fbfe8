package org.coopstats.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coopstats.support.Api;
import org.coopstats.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The data explorer at / of the packaged app, in a real browser, as an analyst uses it: choose
 * Canada's active cooperatives, read 5,605 for 2021 in the table and the chart, download the CSV,
 * share the link, read it in French, on a phone. The demo data (src/main/resources/demo) has
 * Canada's 5,846 (2018), 5,531 (2020) and 5,605 (2021) active cooperatives.
 */
@QuarkusIntegrationTest
@WithTestResource(DemoDatabaseResource.class)
class DataExplorerIT {

  private static final String CANADA_VIEW = "/?flow=COOP_STATS&REF_AREA=CAN&MEASURE=COOPS";

  private Browser browser;

  @BeforeAll
  static void needsABrowser() {
    Browser.assumeInstalled();
  }

  @BeforeEach
  void openABrowser() {
    browser = new Browser();
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void canadasCooperativesAreInTheTableAndTheChart() {
    browser.keepingEvidence(
        "explorer-canada",
        () -> {
          open("/");
          recordFirstView();
          // Another dataflow first, so that choosing COOP_STATS again starts from no filter.
          choose("source", "flow:CONTEXT");
          waitForUrl("flow=CONTEXT");
          choose("source", "flow:COOP_STATS");
          waitForUrl("flow=COOP_STATS");
          tick("REF_AREA", "CAN");
          tick("MEASURE", "COOPS");
          waitForUrl("REF_AREA=CAN&MEASURE=COOPS");

          assertThat(cell("Canada", "2021")).isEqualTo("5,605");
          assertThat(cell("Canada", "2018")).isEqualTo("5,846");
          assertThat(rowHeadings()).containsExactly("Canada");
          assertThat(chartValues()).contains(5605L, 5531L, 5846L);
          assertThat(chartCanvas().getAttribute("aria-label"))
              .contains("Line chart")
              .contains("5,531")
              .contains("5,846");
          assertThat(browser.seriousAccessibilityViolations()).isEmpty();
          browser.screenshot("explorer");
          scrollTo(chartCanvas());
          browser.screenshot("explorer-chart");
          assertThat(browser.consoleErrors()).isEmpty();
        });
  }

  @Test
  void theCsvDownloadedFromThePageIsTheApisAnswer() throws IOException {
    browser.keepingEvidence(
        "explorer-download",
        () -> {
          open(CANADA_VIEW);
          waitForTable();
        });
    WebElement link = browser.driver.findElement(By.cssSelector("a[data-format='csv']"));
    String href = link.getDomAttribute("href");
    assertThat(href)
        .startsWith("/api/v1/observations?")
        .contains("REF_AREA=CAN", "MEASURE=COOPS", "format=csv");
    link.click();
    Path file = browser.downloaded(30);

    byte[] fromTheApi =
        given().urlEncodingEnabled(false).get(href).then().statusCode(200).extract().asByteArray();
    assertThat(Files.readAllBytes(file)).isEqualTo(fromTheApi);
    assertThat(new String(fromTheApi, StandardCharsets.UTF_8))
        .contains("CAN,COOPS,_T,_T,_T,_Z,_Z,_Z,2021,5605");

    // The other formats' links are the same query, each answered in its format.
    assertThat(formatLink("xlsx")).isEqualTo(href.replace("format=csv", "format=xlsx"));
    assertThat(formatLink("jsonstat")).isEqualTo(href.replace("format=csv", "format=jsonstat"));
    given()
        .urlEncodingEnabled(false)
        .get(formatLink("xlsx"))
        .then()
        .statusCode(200)
        .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    given()
        .urlEncodingEnabled(false)
        .get(formatLink("jsonstat"))
        .then()
        .statusCode(200)
        .body("value", org.hamcrest.Matchers.hasItem(5605));
    // SDMX: the key in the structure's order, one position per dimension.
    assertThat(formatLink("sdmxCsv"))
        .isEqualTo("/sdmx/v2.1/data/COOP_STATS/CAN.COOPS......?format=csv");
    assertThat(given().get(formatLink("sdmxCsv")).then().statusCode(200).extract().asString())
        .contains("5605");
  }

  private String formatLink(String format) {
    return browser
        .driver
        .findElement(By.cssSelector("a[data-format='" + format + "']"))
        .getDomAttribute("href");
  }

  @Test
  void aSharedLinkOpensTheSameViewAndTheHistoryWalksThroughViews() {
    browser.keepingEvidence(
        "explorer-shared",
        () -> {
          open(CANADA_VIEW + "&cols=REF_AREA&chart=bar");
          waitForTable();
          // Periods in rows, the area in the columns, as the link says; bars, as it says.
          assertThat(rowHeadings()).containsExactly("2018", "2020", "2021");
          assertThat(cell("2021", "Canada")).isEqualTo("5,605");
          assertThat(chartType()).isEqualTo("bar");
          assertThat(new Select(byId("chart-type")).getFirstSelectedOption().getText())
              .isEqualTo("Bars across categories");

          choose("place-TIME_PERIOD", "cols");
          waitForUrl("cols=TIME_PERIOD");
          assertThat(rowHeadings()).containsExactly("Canada");

          browser.driver.navigate().back();
          browser
              .waitUpTo(10)
              .until(driver -> rowHeadings().equals(List.of("2018", "2020", "2021")));
          assertThat(browser.driver.getCurrentUrl()).contains("cols=REF_AREA");
          browser.driver.navigate().forward();
          browser.waitUpTo(10).until(driver -> rowHeadings().equals(List.of("Canada")));
        });
  }

  @Test
  void inFrenchTheLabelsAreFrench() {
    browser.keepingEvidence(
        "explorer-french",
        () -> {
          open(CANADA_VIEW);
          waitForTable();
          choose("lang", "fr");
          waitForUrl("lang=fr");
          browser
              .waitUpTo(10)
              .until(driver -> caption().contains("Coopératives actives en fin de période"));
          assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
              .isEqualTo("fr");
          assertThat(browser.driver.findElement(By.tagName("h1")).getText())
              .isEqualTo("Statistiques des coopératives");
          // French groups thousands with a (narrow) no-break space.
          assertThat(cell("Canada", "2021").replaceAll("\\h", " ")).isEqualTo("5 605");
          assertThat(browser.seriousAccessibilityViolations()).isEmpty();
          browser.screenshot("explorer-fr");
        });
  }

  @Test
  void aTableAndAnIndicatorAreViewsToo() {
    browser.keepingEvidence(
        "explorer-table-indicator",
        () -> {
          open("/?table=COOPS_BY_REGION&REF_AREA=CAN&TIME_PERIOD=2021");
          waitForTable();
          assertThat(cell("Quebec", null)).isEqualTo("2,503");
          assertThat(chartType()).isEqualTo("bar");
          assertThat(browser.seriousAccessibilityViolations()).isEmpty();
          browser.screenshot("explorer-table");

          choose("source", "indicator:COOPS_PER_100K");
          waitForUrl("indicator=COOPS_PER_100K");
          tick("REF_AREA", "CAN");
          waitForUrl("REF_AREA=CAN");
          assertThat(cell("Canada", "2021")).isEqualTo("15.2");
          assertThat(browser.seriousAccessibilityViolations()).isEmpty();
          browser.screenshot("explorer-indicator");
        });
  }

  @Test
  void flagsAreFootnotesAndAConfidentialFigureIsNotShown() {
    Api.publishedProvider(
        "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS\n"
            + "KOR,COOPS,2019,100,E,F\n"
            + "KOR,COOPS,2020,110,P,F\n"
            + "KOR,COOPS,2021,120,A,C\n");
    browser.keepingEvidence(
        "explorer-flags",
        () -> {
          open("/?flow=COOP_STATS&REF_AREA=KOR&MEASURE=COOPS");
          waitForTable();
          assertThat(cellText("South Korea", "2019")).isEqualTo("100 notes: E");
          assertThat(cellText("South Korea", "2020")).isEqualTo("110 notes: P");
          assertThat(cellText("South Korea", "2021")).isEqualTo("conf.");
          String legend = browser.driver.findElement(By.cssSelector(".legend")).getText();
          assertThat(legend)
              .contains("E\nEstimated value", "P\nProvisional value")
              .contains("conf.\nconfidential: not published (CONF_STATUS C");
          assertThat(browser.driver.findElement(By.cssSelector("table.explorer-table")).getText())
              .doesNotContain("120");
          assertThat(chartValues()).containsExactly(100L, 110L);
          assertThat(browser.seriousAccessibilityViolations()).isEmpty();
          browser.screenshot("explorer-flags");
        });
  }

  @Test
  void aBigResultIsCutAndSaysItsTotal() {
    List<String> countries =
        given()
            .get("/api/v1/codelists/CL_AREA")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.findAll { it.parent == null }.id", String.class);
    StringBuilder csv = new StringBuilder("REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\n");
    countries.stream()
        .filter(area -> !List.of("CAN", "TZA", "KOR").contains(area))
        .forEach(
            area -> {
              for (int year = 2000; year <= 2020; year++) {
                csv.append(area).append(",COOPS_REG,").append(year).append(",1000\n");
              }
            });
    Api.publishedProvider(csv.toString());
    int total =
        Integer.parseInt(
            given()
                .get("/api/v1/observations?MEASURE=COOPS_REG&limit=1")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Total-Count"));
    assertThat(total).isGreaterThan(5000);

    browser.keepingEvidence(
        "explorer-big",
        () -> {
          open("/?flow=COOP_STATS&MEASURE=COOPS_REG");
          waitForTable();
          String status = browser.driver.findElement(By.cssSelector(".result-status")).getText();
          assertThat(status)
              .startsWith("Showing the first 5,000 of " + String.format("%,d", total));
          long cells = (Long) js("return document.querySelectorAll('td.number .value').length;");
          assertThat(cells).isEqualTo(5000);
        });
  }

  @Test
  void onAPhoneTheViewFitsTheScreen() {
    browser.keepingEvidence(
        "explorer-phone",
        () -> {
          browser.windowSize(390, 844);
          open(CANADA_VIEW);
          waitForTable();
          long pageWidth = (Long) js("return document.documentElement.scrollWidth;");
          long viewport = (Long) js("return document.documentElement.clientWidth;");
          assertThat(pageWidth).as("no sideways scrolling").isLessThanOrEqualTo(viewport);
          assertThat(cell("Canada", "2021")).isEqualTo("5,605");
          assertThat(browser.seriousAccessibilityViolations()).isEmpty();
          // The controls come first on a phone; a link there leads to the result.
          browser.driver.findElement(By.cssSelector("a.to-result")).click();
          browser.waitUpTo(5).until(driver -> driver.getCurrentUrl().endsWith("#result"));
          browser.screenshot("explorer-phone");
        });
  }

  private void open(String path) {
    browser.driver.get("http://localhost:" + RestAssured.port + path);
  }

  /** The page marks 'explorer-ready' once its first result is shown. */
  private void recordFirstView() {
    Object ready =
        browser
            .waitUpTo(30)
            .until(
                driver ->
                    js(
                        "const m = performance.getEntriesByName('explorer-ready');"
                            + " return m.length ? m[0].startTime : null;"));
    @SuppressWarnings("unchecked")
    List<Number> requests =
        (List<Number>)
            js(
                "const until = performance.getEntriesByName('explorer-ready')[0].startTime;"
                    + "const all = performance.getEntriesByType('resource')"
                    + "  .filter(r => r.startTime <= until);"
                    + "return [all.length, all.reduce((sum, r) => sum + r.transferSize, 0)];");
    String line =
        String.format(
            "First view of / (navigation start to the first table shown): %.0f ms,"
                + " %d requests after the page, %.0f kB transferred%n",
            ((Number) ready).doubleValue(),
            requests.get(0).intValue(),
            requests.get(1).doubleValue() / 1024);
    System.out.print(line);
    try {
      Files.createDirectories(Browser.SCREENSHOTS);
      Files.writeString(Browser.SCREENSHOTS.resolve("first-view.txt"), line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void waitForTable() {
    browser
        .waitUpTo(30)
        .until(
            driver ->
                !driver.findElements(By.cssSelector("table.explorer-table")).isEmpty()
                    && driver.findElements(By.cssSelector("#result[aria-busy]")).isEmpty());
  }

  /** Waits for the page's URL to hold the text, then for its result to be shown. */
  private void waitForUrl(String text) {
    browser.waitUpTo(10).until(driver -> driver.getCurrentUrl().contains(text));
    waitForTable();
  }

  private void choose(String selectId, String value) {
    new Select(byId(selectId)).selectByValue(value);
  }

  /**
   * Ticks a code in a dimension's filter with the keyboard alone: Enter on the filter's summary
   * opens it, Space ticks the box.
   */
  private void tick(String dimension, String code) {
    WebElement filter = byId("filter-" + dimension);
    if (filter.getDomAttribute("open") == null) {
      filter.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
      browser.waitUpTo(5).until(driver -> filter.getDomAttribute("open") != null);
    }
    WebElement box = byId("code-" + dimension + "-" + code);
    assertThat(box.isSelected()).as("%s %s already ticked", dimension, code).isFalse();
    box.sendKeys(Keys.SPACE);
  }

  private WebElement byId(String id) {
    return browser.waitUpTo(10).until(driver -> driver.findElement(By.id(id)));
  }

  /** The figure shown at a row (by its first heading) and column (by its heading; null: one). */
  private String cell(String row, String column) {
    return (String)
        js(
            "const table = document.querySelector('table.explorer-table');"
                + "const heads = [...table.querySelectorAll('thead tr:first-child th:not(.dimension-name)')]"
                + "  .map(th => th.textContent);"
                + "const line = [...table.querySelectorAll('tbody tr')]"
                + "  .find(tr => tr.querySelector('th').textContent === arguments[0]);"
                + "const cells = line.querySelectorAll('td.number');"
                + "const cell = arguments[1] === null ? cells[0] : cells[heads.indexOf(arguments[1])];"
                + "return cell.querySelector('.value').textContent;",
            row,
            column);
  }

  /** What a cell says, as a screen reader reads it (its flags included). */
  private String cellText(String row, String column) {
    return (String)
        js(
            "const table = document.querySelector('table.explorer-table');"
                + "const heads = [...table.querySelectorAll('thead tr:first-child th:not(.dimension-name)')]"
                + "  .map(th => th.textContent);"
                + "const line = [...table.querySelectorAll('tbody tr')]"
                + "  .find(tr => tr.querySelector('th').textContent === arguments[0]);"
                + "return line.querySelectorAll('td.number')[heads.indexOf(arguments[1])]"
                + "  .textContent.replace(/\\s+/g, ' ').trim();",
            row,
            column);
  }

  @SuppressWarnings("unchecked")
  private List<String> rowHeadings() {
    return (List<String>)
        js(
            "return [...document.querySelectorAll('table.explorer-table tbody tr')]"
                + ".map(tr => tr.querySelector('th').textContent);");
  }

  private String caption() {
    return browser.driver.findElement(By.cssSelector("table.explorer-table caption")).getText();
  }

  private WebElement chartCanvas() {
    return browser.driver.findElement(By.cssSelector("figure.chart canvas"));
  }

  /** Every value the Chart.js instance on the chart's canvas draws. */
  @SuppressWarnings("unchecked")
  private List<Long> chartValues() {
    return (List<Long>)
        js(
            "const chart = Chart.getChart(arguments[0]);"
                + "return chart.data.datasets.flatMap(d => d.data).filter(v => v !== null);",
            chartCanvas());
  }

  private String chartType() {
    return (String) js("return Chart.getChart(arguments[0]).config.type;", chartCanvas());
  }

  private void scrollTo(WebElement element) {
    js("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) browser.driver).executeScript(script, arguments);
  }
}
