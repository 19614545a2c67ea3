package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.acrauditor.findings.AuditResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.pdf from the report fixtures, read back with PDFBox. The demo estate's PDF is in {@code DemoPdfReportTest}. */
class PdfReportWriterTest {
  private static final String CLASSIFICATION = "Restricted - ACME audit";

  @TempDir Path tmp;

  private static PdfDocuments pdf(PdfReportWriter writer, AuditResult result) throws IOException {
    return PdfDocuments.read(writer.render(result));
  }

  @Test
  void everyPageCarriesTheClassificationTenantRunIdAndPageXofY() throws IOException {
    AuditResult result = ReportFixtures.rich();
    PdfDocuments doc = pdf(new PdfReportWriter(Optional.empty(), CLASSIFICATION), result);

    assertThat(doc.pages()).isGreaterThan(1);
    for (int i = 0; i < doc.pages(); i++) {
      String page = PdfDocuments.compact(doc.pageTexts().get(i));
      assertThat(page)
          .as("page %d", i + 1)
          .contains(PdfDocuments.compact(CLASSIFICATION))
          .contains(ReportFixtures.TENANT)
          .contains("Run" + result.run().runId())
          .contains("page" + (i + 1) + "of" + doc.pages());
    }
  }

  @Test
  void everyFontIsEmbedded() throws IOException {
    PdfDocuments doc = pdf(new PdfReportWriter(Optional.empty(), CLASSIFICATION), ReportFixtures.rich());

    assertThat(doc.fonts()).isNotEmpty().allSatisfy(f -> assertThat(f).contains("Liberation"));
    assertThat(doc.unembeddedFonts()).isEmpty();
  }

  @Test
  void hostileStringsAreTextAndThePdfHasNoActiveContent() throws IOException {
    PdfDocuments doc = pdf(new PdfReportWriter(Optional.empty(), CLASSIFICATION), ReportFixtures.withHostileNames());

    String text = doc.compact();
    assertThat(text).contains(PdfDocuments.compact(ReportFixtures.SCRIPT)).contains(PdfDocuments.compact(ReportFixtures.IMG));
    assertThat(doc.actions())
        .as("links only: to a place in the report, or to an https address")
        .allSatisfy(a -> assertThat(a).matches("GoTo|URI https://.*"));
    assertThat(doc.actions()).noneMatch(a -> a.contains("javascript:"));
  }

  @Test
  void aHostileClassificationIsTextInTheHtmlAndOnEveryPdfPage() throws IOException {
    String marking = ReportFixtures.SCRIPT + ReportFixtures.IMG;
    String html = new String(
        new HtmlReportWriter(Optional.empty(), 50, marking).render(ReportFixtures.rich()), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(org.jsoup.Jsoup.parse(html).selectFirst(".classification").text()).isEqualTo(marking);
    assertThat(html).doesNotContain(ReportFixtures.SCRIPT).doesNotContain("<img");

    PdfDocuments doc = pdf(new PdfReportWriter(Optional.empty(), marking), ReportFixtures.rich());
    assertThat(doc.pageTexts()).allSatisfy(page -> assertThat(PdfDocuments.compact(page)).contains(PdfDocuments.compact(marking)));
  }

  @Test
  void nothingIsFetchedWhateverATemplateLinks() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path secret = Files.writeString(tmp.resolve("secret.css"), "body { color: red }");
      Path templates = Files.createDirectories(tmp.resolve("templates"));
      Files.writeString(templates.resolve("print-margins.ftlh"), """
          <link rel="stylesheet" href="%1$s/style.css">
          <link rel="stylesheet" href="%2$s">
          <style>@import url("%1$s/import.css"); @font-face { font-family: X; src: url("%1$s/font.ttf"); }</style>
          <img src="%1$s/pixel.png" alt="remote">
          <object data="%1$s/object.pdf"></object>
          <div style="background-image: url('%1$s/bg.png')">remote background</div>
          """.formatted(base, secret.toUri()));

      PdfDocuments doc = pdf(new PdfReportWriter(Optional.of(templates), CLASSIFICATION), ReportFixtures.rich());

      assertThat(doc.compact()).contains("remotebackground");
      assertThat(requests.get()).as("requests to the local web server").isZero();
      assertThat(doc.compact()).doesNotContain("color:red");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aLargeResultIsBoundedAndSaysWhatItLeftOut() throws IOException {
    AuditResult result = ReportFixtures.rich();
    int findings = result.findings().size();
    PdfReportWriter bounded = new PdfReportWriter(Optional.empty(), CLASSIFICATION, new PrintLimits(2, 1, 100));

    String text = pdf(bounded, result).compact();

    assertThat(text)
        .contains(PdfDocuments.compact("the 2 most severe of " + findings + "; " + (findings - 2) + " more in findings.json"))
        .contains(PdfDocuments.compact("the paths of 1 of " + result.accessMatrix().registryCount() + " registries"));
    assertThat(pdf(new PdfReportWriter(Optional.empty(), CLASSIFICATION), result).compact())
        .doesNotContain("morein findings.json".replace(" ", ""));
  }

  @Test
  void writesAPdf() throws IOException {
    byte[] bytes = new PdfReportWriter(Optional.empty(), CLASSIFICATION).render(ReportFixtures.rich());
    Path out = Path.of(System.getProperty("acr.build.dir", "target"), "pdf", "fixture-report.pdf");
    Files.createDirectories(out.getParent());
    Files.write(out, bytes);
    assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }
}
