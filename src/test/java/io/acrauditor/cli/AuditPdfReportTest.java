package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.report.PdfDocuments;
import io.acrauditor.report.PdfPageFill;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --format} and {@code --classification} end to end, and the demo estate's report.pdf. */
@SpringBootTest(args = "version")
class AuditPdfReportTest {
  /**
   * The demo estate's PDF: 15 pages for 33 findings of 32 rules (a browser's print of the first
   * report was 52 pages, the first PDF 34). Issue 9 asks for 15 at most.
   */
  static final int DEMO_MAX_PAGES = 15;

  /** The page margins of print.css's {@code @page} rule, in mm: top, right, bottom, left. */
  static final float[] PAGE_MARGINS_MM = {12, 10, 12, 10};

  /** No page under a third full, except the last. */
  static final double MIN_FILL = 1.0 / 3;

  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run(String... args) {
    CommandLine cli = application.newCommandLine();
    return CliRun.of(cli, args);
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theDemoPdfCarriesTheMarkingRunIdAndPageNumberOnEveryPageWithEmbeddedFonts() throws IOException {
    Path out = tmp.resolve("demo");
    // A history of its own: the demo's first run over its scope, whatever ran before in this JVM.
    String history = "jdbc:h2:file:" + tmp.resolve("history").resolve("db").toAbsolutePath();
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--classification", "ACME internal - audit only",
        "--db-url", history);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(files(out)).containsExactly("findings.json", "report.html", "report.pdf", "snapshot.json");
    assertThat(result.out()).contains(out.resolve("report.pdf").toAbsolutePath().normalize().toString());
    JsonNode findings = JsonMapper.builder().build().readTree(out.resolve("findings.json").toFile());
    String runId = findings.at("/run/runId").asString();
    String tenant = findings.at("/run/tenantId").asString();
    int total = findings.at("/summary/findings").asInt();

    byte[] bytes = Files.readAllBytes(out.resolve("report.pdf"));
    PdfDocuments pdf = PdfDocuments.read(bytes);

    assertThat(pdf.pages()).isBetween(2, DEMO_MAX_PAGES);
    // The verdict first, in the gate's words: 1 critical and 6 high findings in the demo estate
    // (docs/demo-estate.md), the same count the command line's result line gives.
    assertThat(result.out()).contains("Result: 7 finding(s) at or above high");
    assertThat(PdfDocuments.compact(pdf.pageTexts().get(0)))
        .contains("FAIL7findingsatorabovehigh(gate:--fail-onhigh).")
        .contains("Coverage:3of4subscriptions")
        .contains("Thefiveworstproblems");
    for (int i = 0; i < pdf.pages(); i++) {
      assertThat(PdfDocuments.compact(pdf.pageTexts().get(i)))
          .as("page %d of %d", i + 1, pdf.pages())
          .contains("ACMEinternal-auditonly")
          .contains("Run" + runId)
          .contains("Tenant" + tenant)
          .contains("page" + (i + 1) + "of" + pdf.pages());
    }
    assertThat(PdfDocuments.compact(pdf.pageTexts().get(0))).contains("Containerregistryaccessaudit");
    assertThat(pdf.compact()).contains("Findingsbyrule").contains("Accessmatrix").contains("Aboutthisrun");
    PdfPageFill fill = PdfPageFill.measure(bytes, PAGE_MARGINS_MM[0], PAGE_MARGINS_MM[1], PAGE_MARGINS_MM[2], PAGE_MARGINS_MM[3]);
    for (PdfPageFill.Page page : fill.pages()) {
      assertThat(page.beyondRightEdge()).as("text beyond the right margin on page %d", page.number()).isEmpty();
      if (page.number() < fill.pages().size()) {
        assertThat(page.fill()).as("fill of page %d of %d", page.number(), pdf.pages()).isGreaterThanOrEqualTo(MIN_FILL);
      }
    }
    assertThat(pdf.unembeddedFonts()).isEmpty();
    assertThat(pdf.fonts()).isNotEmpty();
    assertThat(Files.readString(out.resolve("report.html"))).contains("ACME internal - audit only");
    firstRunCountsEveryFindingAsNewEverywhere(result, findings, out.resolve("report.html"), total);
    writeFirstPageImage(out.resolve("report.pdf"));
  }

  /**
   * A first run has nothing to compare with, so every finding is new: the summary line,
   * findings.json's counts, the report's severity tiles and its rows all say so.
   */
  private static void firstRunCountsEveryFindingAsNewEverywhere(CliRun result, JsonNode findings, Path html, int total)
      throws IOException {
    assertThat(total).isEqualTo(33);
    assertThat(result.out()).contains("Since the previous run: none (first run over this scope), so all 33 finding(s) are new");
    assertThat(findings.at("/comparison/counts/new").asInt()).isEqualTo(33);
    org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(html.toFile());
    int tiles = doc.select("#verdict .sev-tile .tile-new").stream()
        .mapToInt(e -> Integer.parseInt(e.text().replace(" new", "")))
        .sum();
    assertThat(tiles).as(doc.select("#verdict .sev-tiles").text()).isEqualTo(33);
    assertThat(doc.select("table.affected .status-new")).hasSize(33);
  }

  /** docs/report-pdf-page1.png is a copy of this, made by hand after a template change. */
  private static void writeFirstPageImage(Path pdf) throws IOException {
    boolean present = Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pdftoppm")));
    if (!present) {
      String why = "pdftoppm (poppler-utils) is not installed: no PNG of the PDF's first page";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + " (CI=true: .ci/run should have installed it)");
      }
      Assumptions.abort(why);
    }
    Path dir = Files.createDirectories(Path.of(System.getProperty("acr.build.dir", "target"), "pdf"));
    Files.copy(pdf, dir.resolve("demo-report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path prefix = dir.resolve("demo-report-page1");
    Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
        pdf.toString(), prefix.toString()).redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    Path png = dir.resolve("demo-report-page1.png");
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    assertThat(Files.size(png)).isBetween(1_000L, 300_000L);
  }

  @Test
  void formatJsonWritesOnlyFindingsAndTheSnapshot() throws IOException {
    Path out = tmp.resolve("json");
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(files(out)).containsExactly("findings.json", "snapshot.json");
    assertThat(result.out()).doesNotContain("report.html").doesNotContain("report.pdf").contains("findings.json");
  }

  @Test
  void findingsJsonIsWrittenEvenWhenNotAskedForAndNamesIgnoreCaseAndBlanks() throws IOException {
    Path out = tmp.resolve("pdf");
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--format", " PDF ");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(files(out)).containsExactly("findings.json", "report.pdf", "snapshot.json");
  }

  @Test
  void anUnknownFormatIsAOneLineUsageErrorBeforeAnythingIsWritten() {
    Path out = tmp.resolve("bad");
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--format", "html,docx");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains("--format: unknown format 'docx'; valid formats: html, pdf, sarif, ocsf, csv, jsonl, json");
    assertThat(result.err().strip().lines().filter(l -> l.contains("docx"))).hasSize(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void aRestartWritesTheFormatsTheRunWasStartedWith() throws IOException {
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    // Parses, so the run starts; fails on the data, in the report step, after collect and evaluate.
    Path broken = templates.resolve("appendix.ftlh");
    Files.writeString(broken, "${run.noSuchField}");
    Path out = tmp.resolve("restart");
    CliRun failed = run("audit", "--demo", "--out", out.toString(), "--templates", templates.toString(),
        "--format", "pdf", "--classification", "Kept across restarts");
    assertThat(failed.exitCode()).as(failed.out()).isEqualTo(ExitCodes.BAD_INPUT);
    Matcher id = Pattern.compile("--restart ([0-9a-f-]{36})").matcher(failed.err());
    assertThat(id.find()).as(failed.err()).isTrue();

    Files.delete(broken);
    CliRun restarted = run("audit", "--restart", id.group(1));

    assertThat(restarted.exitCode()).as(restarted.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(files(out)).contains("findings.json", "report.pdf").doesNotContain("report.html");
    PdfDocuments pdf = PdfDocuments.read(Files.readAllBytes(out.resolve("report.pdf")));
    assertThat(PdfDocuments.compact(pdf.pageTexts().get(0))).contains("Keptacrossrestarts");
  }
}
