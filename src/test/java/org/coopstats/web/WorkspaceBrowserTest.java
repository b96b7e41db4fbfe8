package org.coopstats.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.coopstats.support.Api;
import org.coopstats.support.Browser;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The statistician's workspace in a real browser (Debian's Chromium), end to end as a provider's
 * user does it: sign in, create a draft, upload a file with three faults and read them, upload a
 * good one by drag and drop, review the changes, schedule the release and see it appear at the
 * release second (the service's clock is moved, never waited for), withdraw it with a reason.
 */
@QuarkusTest
@TestProfile(TestClockProfile.class)
@WithTestResource(PostgresResource.class)
class WorkspaceBrowserTest {

  /** Three faulty rows (an unknown area, a negative count, a malformed period) and a good one. */
  static final String THREE_FAULTS =
      """
      REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE
      XXX,COOPS,2021,12
      CA-ON,COOPS,2021,-1085
      CA-AB,COOPS,21,493
      CA-QC,COOPS,2021,2503
      """;

  static final String GOOD =
      """
      REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE
      CA-QC,COOPS,2021,2503
      CA-NU,COOPS,2021,4321
      """;

  /** The explorer's view of the figure only this test uploads (4,321 in Nunavut). */
  static final String EXPLORER_VIEW = "/?flow=COOP_STATS&MEASURE=COOPS&REF_AREA=CA-NU";

  @Inject MutableClock clock;

  private Browser browser;
  private String provider;
  private String user;

  @BeforeAll
  static void needsABrowser() {
    Browser.assumeInstalled();
  }

  @BeforeEach
  void aProviderWithAUser() {
    Api.actAsAdmin();
    provider = Api.newProvider();
    user = Api.newUser(provider, "submitter", "publisher");
    Api.actAnonymously();
    browser = new Browser();
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aProvidersUserUploadsReviewsSchedulesAndWithdraws() {
    browser.keepingEvidence(
        "workspace",
        () -> {
          signIn();
          long dataset = createDataset("Cooperatives by province, 2021");

          upload(browser.file("three-faults.csv", THREE_FAULTS));
          List<WebElement> faults = waitForRows("#faults tbody tr", 3);
          assertThat(faults)
              .extracting(WebElement::getText)
              .anySatisfy(row -> assertThat(row).contains("R01").contains("XXX"))
              .anySatisfy(row -> assertThat(row).contains("R02").contains("-1085"))
              .anySatisfy(row -> assertThat(row).contains("R01").contains("21"));
          assertThat(text("#upload-outcome")).contains("nothing was stored");
          assertNoSeriousAccessibilityViolations("the report");
          browser.screenshot("workspace-report");

          sortReportBy("Line", "descending");
          assertThat(waitForRows("#faults tbody tr", 3).get(0).getText()).contains("4");

          drop("good.csv", GOOD);
          browser.waitUpTo(20).until(d -> text("#upload-outcome").contains("Stored in the draft"));
          browser.waitUpTo(10).until(d -> text("#changes-summary").contains("2 added"));
          assertThat(waitForRows("#changes-table tbody tr", 2))
              .extracting(WebElement::getText)
              .anySatisfy(
                  row -> assertThat(row).contains("CA-QC").contains("ADDED").contains("2,503"));

          Instant releaseAt =
              clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
          schedule(releaseAt);
          browser.waitUpTo(10).until(d -> text("#release-message").contains("is scheduled for"));
          browser.waitUpTo(10).until(d -> text("#dataset-header").contains("Scheduled"));
          assertNoSeriousAccessibilityViolations("a dataset");
          browser.screenshot("workspace-dataset");

          clock.advance(Duration.between(clock.instant(), releaseAt).minusSeconds(1));
          assertThat(publicTotal()).as("a second before the release").isZero();
          assertThat(explorerShows("4,321")).as("the explorer a second before").isFalse();
          clock.advance(Duration.ofSeconds(1));
          assertThat(publicTotal()).as("at the release second").isEqualTo(2);
          assertThat(explorerShows("4,321")).as("the explorer at the release second").isTrue();

          open("/workspace/?dataset=" + dataset);

          browser.waitUpTo(10).until(d -> text("#dataset-header").contains("Published"));
          withdraw("The Ontario figure double-counts federations.");
          browser.waitUpTo(10).until(d -> text("#dataset-header").contains("Withdrawn"));
          browser.waitUpTo(10).until(d -> text("#audit-table").contains("WITHDRAWN"));
          assertThat(text("#audit-table")).contains("RELEASE_SCHEDULED").contains(user);
          assertThat(publicTotal()).as("after the withdrawal").isZero();

          open("/workspace/");
          waitForRows("#dataset-table tbody tr", 1);
          assertThat(text("#dataset-table")).contains("Withdrawn").contains(Long.toString(dataset));
          assertNoSeriousAccessibilityViolations("the dataset list");
          browser.screenshot("workspace-datasets");
        });
  }

  @Test
  void onAPhoneNothingIsWiderThanTheScreen() {
    browser.keepingEvidence(
        "workspace-phone",
        () -> {
          browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
          signIn();
          createDataset("Cooperatives on a phone");
          upload(browser.file("three-faults.csv", THREE_FAULTS));
          waitForRows("#faults tbody tr", 3);
          Number overflow =
              (Number)
                  browser.driver.executeScript(
                      "return document.documentElement.scrollWidth - window.innerWidth;");
          assertThat(overflow.intValue()).as("pixels wider than the screen").isLessThanOrEqualTo(0);
          browser.screenshot("workspace-phone");
        });
  }

  @Test
  void aWrongPasswordIsSaidPlainly() {
    browser.keepingEvidence(
        "workspace-sign-in",
        () -> {
          open("/workspace/");
          type("#username", user);
          type("#password", "not-the-password");
          browser.driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
          browser.waitUpTo(10).until(d -> text("#sign-in-message").contains("wrong"));
          assertNoSeriousAccessibilityViolations("the sign-in form");
          browser.screenshot("workspace-sign-in");
        });
  }

  private void signIn() {
    open("/workspace/");
    type("#username", user);
    type("#password", Api.PASSWORD);
    browser.driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    browser.waitUpTo(10).until(d -> text("#signed-in-user").equals(user));
  }

  private long createDataset(String title) {
    type("#new-title", title);
    Select structure = new Select(browser.driver.findElement(By.id("new-structure")));
    assertThat(structure.getOptions())
        .extracting(option -> option.getAttribute("value"))
        .as("derived structures take no uploads")
        .contains("COOP_STATS", "CONTEXT")
        .doesNotContain("COOP_INDICATORS");
    structure.selectByValue("COOP_STATS");
    browser.driver.findElement(By.cssSelector("#create-dataset button[type=submit]")).click();
    browser.waitUpTo(10).until(ExpectedConditions.urlContains("dataset="));
    browser.waitUpTo(10).until(d -> text("#dataset-header").contains(title));
    String url = browser.driver.getCurrentUrl();
    return Long.parseLong(url.substring(url.indexOf("dataset=") + "dataset=".length()));
  }

  private void upload(java.nio.file.Path file) {
    browser.driver.findElement(By.id("upload-file")).sendKeys(file.toString());
  }

  /** Drops a file on the drop zone as a user dragging it from their desktop would. */
  private void drop(String name, String content) {
    browser.driver.executeScript(
        "const file = new File([arguments[1]], arguments[0], {type: 'text/csv'});"
            + "const data = new DataTransfer(); data.items.add(file);"
            + "document.getElementById('drop-zone').dispatchEvent("
            + "new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));",
        name,
        content);
  }

  private void sortReportBy(String column, String order) {
    By heading =
        By.xpath("//section[@id='faults']//th[button[normalize-space()='" + column + "']]");
    while (!order.equals(browser.driver.findElement(heading).getAttribute("aria-sort"))) {
      browser.driver.findElement(heading).findElement(By.tagName("button")).click();
    }
  }

  /** Types the release time into the datetime-local field, in the browser's own time zone. */
  private void schedule(Instant releaseAt) {
    browser.driver.executeScript(
        "const at = new Date(arguments[0]);"
            + "const local = new Date(at.getTime() - at.getTimezoneOffset() * 60000)"
            + ".toISOString().slice(0, 19);"
            + "const input = document.getElementById('release-at'); input.value = local;"
            + "input.dispatchEvent(new Event('input', {bubbles: true}));",
        releaseAt.toEpochMilli());
    assertThat(text("#release-at-utc")).contains(releaseAt.toString());
    browser.driver.findElement(By.cssSelector("#schedule-form button[type=submit]")).click();
  }

  private void withdraw(String reason) {
    type("#withdraw-reason", reason);
    browser.driver.findElement(By.cssSelector("#withdraw-form button[type=submit]")).click();
  }

  /**
   * Whether the public explorer, opened afresh on {@link #EXPLORER_VIEW}, shows {@code figure} once
   * it has drawn its first result (it marks that moment: performance mark explorer-ready).
   */
  private boolean explorerShows(String figure) {
    open(EXPLORER_VIEW);
    browser
        .waitUpTo(20)
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser.driver.executeScript(
                        "return performance.getEntriesByName('explorer-ready').length > 0;")));
    return browser.driver.findElement(By.id("main")).getText().contains(figure);
  }

  /** What the public (no credentials) sees of the provider's data. */
  private int publicTotal() {
    return given()
        .queryParam("provider", provider)
        .get("/api/v1/observations")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  private void assertNoSeriousAccessibilityViolations(String view) {
    assertThat(browser.seriousAccessibilityViolations()).as("axe on %s", view).isEmpty();
  }

  private List<WebElement> waitForRows(String css, int count) {
    browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector(css)).size() == count);
    return browser.driver.findElements(By.cssSelector(css));
  }

  private String text(String css) {
    List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private void type(String css, String text) {
    WebElement field =
        browser.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    field.clear();
    field.sendKeys(text);
  }

  private void open(String path) {
    browser.driver.get("http://localhost:" + RestAssured.port + path);
  }
}
