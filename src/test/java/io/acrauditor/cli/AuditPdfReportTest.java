package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.report.PdfDocuments;
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
   * The demo estate's PDF with today's templates is 34 pages: 30 findings, one card each (a
   * browser's print of report.html was 52). Issue 9 asks for 15 at most: lower this to 15 when the
   * findings are grouped by rule.
   */
  static final int DEMO_MAX_PAGES = 36;

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
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--classification", "ACME internal - audit only");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(files(out)).containsExactly("findings.json", "report.html", "report.pdf", "snapshot.json");
    assertThat(result.out()).contains(out.resolve("report.pdf").toAbsolutePath().normalize().toString());
    JsonNode findings = JsonMapper.builder().build().readTree(out.resolve("findings.json").toFile());
    String runId = findings.at("/run/runId").asString();
    String tenant = findings.at("/run/tenantId").asString();
    int total = findings.at("/summary/findings").asInt();

    PdfDocuments pdf = PdfDocuments.read(Files.readAllBytes(out.resolve("report.pdf")));

    assertThat(pdf.pages()).isBetween(2, DEMO_MAX_PAGES);
    for (int i = 0; i < pdf.pages(); i++) {
      assertThat(PdfDocuments.compact(pdf.pageTexts().get(i)))
          .as("page %d of %d", i + 1, pdf.pages())
          .contains("ACMEinternal-auditonly")
          .contains("Run" + runId)
          .contains("Tenant" + tenant)
          .contains("page" + (i + 1) + "of" + pdf.pages());
    }
    assertThat(PdfDocuments.compact(pdf.pageTexts().get(0))).contains("Containerregistryaccessaudit").contains("Summary");
    assertThat(pdf.compact()).contains("Findings" + total);
    assertThat(pdf.unembeddedFonts()).isEmpty();
    assertThat(pdf.fonts()).isNotEmpty();
    assertThat(Files.readString(out.resolve("report.html"))).contains("ACME internal - audit only");
    writeFirstPageImage(out.resolve("report.pdf"));
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

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CANNOT_AUDIT);
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
    assertThat(failed.exitCode()).as(failed.out()).isEqualTo(ExitCodes.CANNOT_AUDIT);
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
