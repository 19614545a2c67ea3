package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Opens the written report in real headless Chromium: what a reviewer's browser does with it, not
 * what an HTML parser thinks of it. Skipped where Chromium is not installed, except in CI.
 */
class ChromiumReportTest {
  // Debian's chromium and chromium-driver packages; overridable for other layouts.
  private static final Path CHROMIUM = Path.of(System.getProperty("acr.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("acr.chromedriver", "/usr/bin/chromedriver"));

  private static ChromeDriver browser;
  private static Path workDir;
  private static AuditResult result;
  private static List<LogEntry> consoleEntries;
  private static String skipReason;

  @BeforeAll
  static void openReport() throws IOException {
    skipReason = missingChromium();
    if (skipReason != null) {
      return;
    }
    workDir = Files.createTempDirectory("acr-report-browser");
    result = ReportFixtures.withHostileNames();
    Path report =
        ReportWriters.standard(Optional.empty()).writeAll(result, workDir.resolve("run")).get(0);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1280,1000",
        "--user-data-dir=" + workDir.resolve("profile"));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.get(report.toUri().toString());
    consoleEntries = browser.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Null when the browser can run; otherwise why not (and in CI, a failure instead). */
  private static String missingChromium() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (installed) {
      return null;
    }
    String message =
        "Chromium is not installed (need " + CHROMIUM + " and " + CHROMEDRIVER
            + ", Debian packages chromium and chromium-driver): skipping the browser test of the HTML report";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message.replace("skipping", "CI=true, so not skipping"));
    }
    return message;
  }

  // Skipping per test rather than in @BeforeAll makes each skip, and its reason, show in the report.
  @BeforeEach
  void requireChromium() {
    Assumptions.assumeTrue(skipReason == null, skipReason);
  }

  @AfterAll
  static void close() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (workDir != null) {
      try (var files = Files.walk(workDir)) {
        files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void consoleHasNoErrors() {
    assertThat(consoleEntries).noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue());
  }

  @Test
  void everyFindingAndTheAccessMatrixAreShown() {
    for (Finding f : result.findings()) {
      WebElement article = browser.findElement(By.id("finding-" + f.fingerprint()));
      assertThat(article.isDisplayed()).isTrue();
      assertThat(article.getTagName()).isEqualTo("tr");
      assertThat(article.getDomAttribute("data-fingerprint")).isEqualTo(f.fingerprint());
    }
    List<WebElement> rows = browser.findElements(By.cssSelector("#access tr.access-row"));
    assertThat(rows).hasSize(result.accessMatrix().stream().toList().size()).allMatch(WebElement::isDisplayed);
    assertThat(browser.findElement(By.id("coverage-gaps")).getText())
        .isEqualTo("Coverage gaps: what this audit could not see");
  }

  @Test
  void hostileNamesAreTextAndNeverRun() {
    Finding evil = result.findings().get(result.findings().size() - 1);
    WebElement row = browser.findElement(By.id("finding-" + evil.fingerprint()));
    assertThat(row.findElement(By.className("subject-name")).getText()).contains(ReportFixtures.SCRIPT);
    // The message is folded away under the row until opened: its text is there, as text.
    WebElement detail = row.findElement(By.xpath("following-sibling::tr[1]"));
    assertThat(detail.findElement(By.className("message")).getDomProperty("textContent")).contains(ReportFixtures.IMG);
    assertThat(browser.findElements(By.cssSelector("script, img"))).isEmpty();
    Object pwned = ((JavascriptExecutor) browser).executeScript("return typeof window.__pwned;");
    assertThat(pwned).isEqualTo("undefined");
  }

  @Test
  void changesPanelAndTrendChartAreVisible() {
    WebElement panel = browser.findElement(By.id("changes"));
    assertThat(panel.isDisplayed()).isTrue();
    WebElement chart = panel.findElement(By.cssSelector("svg.trend-chart"));
    assertThat(chart.isDisplayed()).isTrue();
    assertThat(chart.getRect().getWidth()).isGreaterThan(300);
    assertThat(chart.getRect().getHeight()).isGreaterThan(120);
    List<WebElement> runs = chart.findElements(By.cssSelector("g.trend-run"));
    assertThat(runs).hasSize(result.comparison().trend().size());
    for (WebElement run : runs) {
      // Every bar is drawn: it has a real box on the page, not just an element in the DOM.
      assertThat(run.getRect().getHeight()).as(run.getDomAttribute("data-run-id")).isGreaterThan(40);
    }
    assertThat(browser.findElements(By.cssSelector("tr.finding .status-new"))).isNotEmpty().allMatch(WebElement::isDisplayed);
    assertThat(browser.findElement(By.id("resolved")).isDisplayed()).isTrue();
  }

  @Test
  void screenshotIsKeptUnderTheBuildDirectory() throws IOException {
    Path buildDir = Path.of(System.getProperty("acr.build.dir", "target"));
    Files.createDirectories(buildDir);
    // The whole page, not just the first screen: whoever reviews the screenshot wants the layout.
    Long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
    Map<String, Object> shot =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", height, "scale", 1)));
    Path png = buildDir.resolve("report-screenshot.png");
    Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
    assertThat(Files.size(png)).isGreaterThan(10_000);

    // The top of the page alone, at full size: the summary and what changed, as a reviewer first sees them.
    WebElement changes = browser.findElement(By.id("changes"));
    int bottom = changes.getRect().getY() + changes.getRect().getHeight() + 24;
    Map<String, Object> top =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", bottom, "scale", 1)));
    Path summary = buildDir.resolve("report-summary-screenshot.png");
    Files.write(summary, Base64.getDecoder().decode((String) top.get("data")));
    assertThat(Files.size(summary)).isGreaterThan(10_000);
  }

  @Test
  void theVerdictTheCoverageSentenceAndTheFiveWorstFitTheFirstScreenAt1440By900() throws IOException {
    try {
      HeadlessChromium.viewport(browser, 1440, 900);
      HeadlessChromium.assertFirstScreen(browser, 900);
      assertThat(browser.findElements(By.cssSelector("#worst-problems li"))).hasSize(5);
      Path buildDir = Path.of(System.getProperty("acr.build.dir", "target"));
      Files.createDirectories(buildDir);
      Files.write(buildDir.resolve("report-first-screen-fixture.png"), HeadlessChromium.screenshot(browser));
    } finally {
      browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  @Test
  void nothingIsWiderThanA390PixelPhone() {
    try {
      HeadlessChromium.viewport(browser, 390, 844);
      HeadlessChromium.assertNothingWiderThan(browser, 390);
    } finally {
      browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }
}
