package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for the report's layout checks: what a reviewer's screen shows, not what
 * a parser thinks. Missing Chromium skips a test, except under {@code CI=true}, where it fails.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of(System.getProperty("acr.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("acr.chromedriver", "/usr/bin/chromedriver"));

  private HeadlessChromium() {}

  /** Null when Chromium can run; otherwise why not (and under CI=true, a failure instead). */
  public static String missing() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return null;
    }
    String message = "Chromium is not installed (need " + CHROMIUM + " and " + CHROMEDRIVER
        + ", Debian packages chromium and chromium-driver): skipping the browser test of the HTML report";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message.replace("skipping", "CI=true, so not skipping"));
    }
    return message;
  }

  public static ChromeDriver start(Path profile, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--hide-scrollbars", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }

  /** Makes the page's viewport exactly {@code width} x {@code height} CSS pixels and scrolls to the top. */
  public static void viewport(ChromeDriver browser, int width, int height) {
    // A phone-sized viewport is a phone: overlay scrollbars that take no width, as on one.
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
  }

  /** The verdict, the coverage sentence and the five worst problems end within the first {@code height} pixels. */
  public static void assertFirstScreen(ChromeDriver browser, int height) {
    for (String id : List.of("gate-verdict", "coverage-sentence", "worst-problems")) {
      WebElement e = browser.findElement(By.id(id));
      assertThat(e.isDisplayed()).as(id).isTrue();
      assertThat(e.getRect().getY() + e.getRect().getHeight()).as(id + " ends within the first screen").isLessThanOrEqualTo(height);
    }
    assertThat(browser.findElements(By.cssSelector("#worst-problems li")))
        .hasSizeBetween(1, 5)
        .allSatisfy(li -> assertThat(li.getRect().getY() + li.getRect().getHeight()).isLessThanOrEqualTo(height));
  }

  /** No element reaches past the right edge of a {@code width}-pixel viewport, and the page does not scroll sideways. */
  public static void assertNothingWiderThan(ChromeDriver browser, int width) {
    @SuppressWarnings("unchecked")
    List<String> wide = (List<String>) ((JavascriptExecutor) browser).executeScript(
        "const out = [];"
            + "for (const e of document.body.querySelectorAll('*')) {"
            + "  const r = e.getBoundingClientRect();"
            + "  if ((r.width > 0 || r.height > 0) && (r.right > arguments[0] + 0.5 || r.left < -0.5)) {"
            + "    out.push(e.tagName + '.' + e.className + ' right=' + Math.round(r.right) + ' ' + (e.textContent || '').trim().slice(0, 40));"
            + "  }"
            + "}"
            + "return out.slice(0, 20);", width);
    assertThat(wide).as("elements wider than the %d px viewport", width).isEmpty();
    Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
    Object overflowing = ((JavascriptExecutor) browser).executeScript(
        "const out = [];"
            + "for (const e of document.querySelectorAll('*')) {"
            + "  if (e.scrollWidth > arguments[0] && e.clientWidth <= arguments[0]) {"
            + "    out.push(e.tagName + '.' + e.className + ' scrollWidth=' + e.scrollWidth + ' clientWidth=' + e.clientWidth);"
            + "  }"
            + "}"
            + "return out.slice(0, 10);", width);
    assertThat(scrollWidth).as("the page scrolls sideways: %s", overflowing).isLessThanOrEqualTo(width);
  }

  /** A PNG of the viewport as it stands. */
  public static byte[] screenshot(ChromeDriver browser) {
    Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  static Dimension size(int width, int height) {
    return new Dimension(width, height);
  }
}
