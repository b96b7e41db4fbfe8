package org.coopstats.packaged;

import java.util.List;
import java.util.Locale;
import org.coopstats.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Swagger UI as a user sees it. Operations are found by HTTP method and path only (the {@code
 * data-path} Swagger UI writes on each summary), never by tag or operationId, so the contract can
 * rename those freely.
 */
final class SwaggerUi {

  private final Browser browser;

  SwaggerUi(Browser browser) {
    this.browser = browser;
  }

  /** Opens the explorer and waits until the document is loaded and its operations are listed. */
  SwaggerUi open(String url) {
    browser.driver.get(url);
    browser
        .waitUpTo(60)
        .withMessage("Swagger UI listed no operation (the OpenAPI document did not load?)")
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
    return this;
  }

  /** "Authorize" → the HTTP Basic form → "Authorize" → "Close". */
  void authorizeBasic(String username, String password) {
    browser.driver.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
    WebElement user =
        browser
            .waitUpTo(10)
            .withMessage("The Authorize dialog shows no HTTP Basic form")
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-basic-username")));
    user.sendKeys(username);
    browser.driver.findElement(By.id("auth-basic-password")).sendKeys(password);
    // The label stays when the inputs give way to "Authorized".
    By form =
        By.xpath("//label[@for='auth-basic-username']/ancestor::div[@class='auth-container']");
    browser.driver.findElement(form).findElement(By.cssSelector("button.authorize")).click();
    // Once authorized the form offers "Logout" in place of "Authorize".
    browser
        .waitUpTo(10)
        .withMessage("The HTTP Basic credentials were not accepted by the Authorize dialog")
        .until(
            d ->
                !d.findElement(form)
                    .findElements(By.cssSelector("button[aria-label='Remove authorization']"))
                    .isEmpty());
    browser.driver.findElement(form).findElement(By.cssSelector("button.btn-done")).click();
    browser
        .waitUpTo(10)
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".dialog-ux")));
  }

  Operation operation(String method, String path) {
    return new Operation(method.toLowerCase(Locale.ROOT), path);
  }

  /** What the explorer shows of the server's answer. */
  record Shown(String status, String body, String requestUrl, String curl) {}

  /** One operation block; found again for every step, as React re-renders it. */
  final class Operation {

    private final By block;
    private final String name;

    private Operation(String method, String path) {
      this.name = method.toUpperCase(Locale.ROOT) + " " + path;
      // The first block with this method and path (an operation with several tags is listed
      // under each of them).
      this.block =
          By.xpath(
              "(//div[contains(concat(' ', normalize-space(@class), ' '), ' opblock-"
                  + method
                  + " ')][.//*[@data-path='"
                  + path
                  + "']])[1]");
    }

    private WebElement block() {
      return browser.driver.findElement(block);
    }

    private WebElement visible(String css, String what) {
      return browser
          .waitUpTo(10)
          .withMessage(name + ": " + what + " (" + css + ") not shown")
          .until(
              d ->
                  d.findElement(block).findElements(By.cssSelector(css)).stream()
                      .filter(WebElement::isDisplayed)
                      .findFirst()
                      .orElse(null));
    }

    Operation expand() {
      browser
          .waitUpTo(10)
          .withMessage(name + " is not in the explorer")
          .until(ExpectedConditions.presenceOfElementLocated(block));
      if (!block().getDomAttribute("class").contains("is-open")) {
        block().findElement(By.cssSelector(".opblock-summary-control")).click();
      }
      visible(".opblock-body", "the operation's details");
      return this;
    }

    /** "Try it out", unless the explorer opens operations ready to try (try-it-out-enabled). */
    Operation tryItOut() {
      visible(".try-out__btn", "\"Try it out\"");
      if (block().findElements(By.cssSelector(".try-out__btn.cancel")).isEmpty()) {
        visible(".try-out__btn", "\"Try it out\"").click();
      }
      visible(".execute", "\"Execute\"");
      return this;
    }

    /** Replaces the value of a scalar parameter (path, query or header). */
    Operation parameter(String parameter, String value) {
      WebElement input = visible("tr[data-param-name='" + parameter + "'] input", parameter);
      input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
      return this;
    }

    /**
     * Chooses the request's media type (where the operation offers a choice) and gives the body:
     * typed into the text area, or, where the contract declares a binary body, as a file chosen in
     * the file input.
     */
    Operation requestBody(String mediaType, String body) {
      String section = ".opblock-section-request-body";
      List<WebElement> types =
          block().findElements(By.cssSelector(section + " .body-param-content-type select"));
      if (!types.isEmpty()) {
        new Select(types.get(0)).selectByValue(mediaType);
      }
      WebElement input =
          visible(
              section + " textarea.body-param__text, " + section + " input[type='file']",
              "the request body");
      if ("textarea".equals(input.getTagName())) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(body);
      } else {
        input.sendKeys(browser.file("body", body).toString());
      }
      return this;
    }

    /** "Execute", then waits for the server's answer to be shown. */
    Shown execute(int seconds) {
      visible(".execute", "\"Execute\"").click();
      By status = By.cssSelector(".live-responses-table tr.response .response-col_status");
      try {
        browser.waitUpTo(seconds).until(d -> !d.findElement(block).findElements(status).isEmpty());
      } catch (TimeoutException e) {
        boolean spinning = !block().findElements(By.cssSelector(".loading-container")).isEmpty();
        throw new AssertionError(
            name
                + ": no server response shown "
                + seconds
                + " s after \"Execute\""
                + (spinning ? " (Swagger UI still shows its loading spinner)" : "")
                + "; browser console errors: "
                + browser.consoleErrors(),
            e);
      }
      WebElement response =
          block().findElement(By.cssSelector(".live-responses-table tr.response"));
      List<WebElement> body =
          response.findElements(By.cssSelector(".response-col_description .highlight-code pre"));
      List<WebElement> url = block().findElements(By.cssSelector(".request-url pre"));
      List<WebElement> curl = block().findElements(By.cssSelector(".curl-command"));
      return new Shown(
          response.findElement(By.cssSelector(".response-col_status")).getText().trim(),
          body.isEmpty() ? "" : body.get(0).getText(),
          url.isEmpty() ? "" : url.get(0).getText(),
          curl.isEmpty() ? "" : curl.get(0).getText());
    }
  }
}
