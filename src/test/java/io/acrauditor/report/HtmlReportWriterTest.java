package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.index.AccessPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  private final HtmlReportWriter writer = new HtmlReportWriter(Optional.empty());

  private static String html(HtmlReportWriter writer, AuditResult result) {
    return new String(writer.render(result), StandardCharsets.UTF_8);
  }

  private Document render(AuditResult result) {
    return Jsoup.parse(html(writer, result));
  }

  @Test
  void everyFindingIsPresentByFingerprintWithItsDetails() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    assertThat(doc.select("article.finding")).hasSize(result.findings().size());
    for (Finding f : result.findings()) {
      Element article = doc.getElementById("finding-" + f.fingerprint());
      assertThat(article).as(f.ruleId()).isNotNull();
      assertThat(article.attr("data-fingerprint")).isEqualTo(f.fingerprint());
      assertThat(article.text()).contains(f.message()).contains(f.subject().resourceId());
      for (String command : f.remediation().commands()) {
        assertThat(article.select("pre.command > code").eachText()).contains(command);
      }
    }
  }

  @Test
  void findingsAreGroupedBySeverityThenRule() {
    Document doc = render(ReportFixtures.rich());
    assertThat(doc.select(".severity-group").eachAttr("id"))
        .containsExactly("severity-critical", "severity-high", "severity-medium", "severity-low", "severity-info");
    Element critical = doc.getElementById("severity-critical");
    assertThat(critical.select(".rule-group")).hasSize(1);
    assertThat(critical.select("article.finding")).hasSize(2);
  }

  @Test
  void accessMatrixHasEveryPathGroupedByRegistryAndMarksBeyondPull() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    Elements rows = doc.select("#access tr.access-row");
    assertThat(rows).hasSize(result.accessMatrix().size());
    assertThat(doc.select("#access .registry h3").eachText())
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).startsWith("contosoplatformacr"))
        .anySatisfy(t -> assertThat(t).startsWith("contososaasacr"));
    long beyond = result.accessMatrix().stream().filter(AccessPath::beyondPull).count();
    assertThat(doc.select("#access tr.beyond-pull")).hasSize((int) beyond);
    assertThat(doc.select("#access tr.beyond-pull .flag").eachText()).allMatch(t -> t.equals("More than pull"));
    assertThat(doc.select("#access td .path").eachText())
        .contains("RBAC role", "ABAC repository role", "Token", "Admin user");
    assertThat(doc.select("#access tr.access-row").text()).contains("sp-ci-legacy", "Owner", "subscription");
  }

  @Test
  void headerCarriesTheRunMetadata() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    String header = doc.select("header.report-header").text();
    assertThat(header)
        .contains(ReportFixtures.TENANT, result.run().snapshotSha256(), result.run().ruleCatalogDigest(), "0.1.0")
        .contains("2026-10-24T00:00:00Z → 2026-11-23T00:00:00Z");
  }

  @Test
  void summaryHasCountsAndAnAccessibleSvgChart() {
    Document doc = render(ReportFixtures.rich());
    assertThat(doc.select(".card[data-severity=critical] .card-count").text()).isEqualTo("2");
    Element svg = doc.selectFirst("#summary svg");
    assertThat(svg).isNotNull();
    assertThat(svg.attr("role")).isEqualTo("img");
    assertThat(svg.selectFirst("title").text()).isEqualTo("Findings by severity");
    assertThat(svg.select("rect.bar")).hasSize(5);
    assertThat(doc.select("table.top-rules tbody tr").first().text()).contains("roleAssignment.pull-identity-beyond-pull");
  }

  @Test
  void coverageGapsAndEvaluationErrorsAreShown() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    assertThat(doc.getElementById("coverage-gaps").text()).isEqualTo("Coverage gaps: what this audit could not see");
    Elements gaps = doc.select("#coverage tr.gap-row");
    assertThat(gaps).hasSize(result.coverage().gaps().size());
    assertThat(gaps.text()).contains("/subscriptions/" + ReportFixtures.SUB_SANDBOX, "403", "AuthorizationFailed");
    assertThat(doc.select("#coverage table.subscriptions tbody tr")).hasSize(2);
    assertThat(doc.select("#evaluation-errors tr.evaluation-error")).hasSize(1);
    assertThat(doc.select("#rules .rule-entry")).hasSize(result.rules().size());
  }

  @Test
  void pageIsSelfContainedWithAStrictCspAndNoScript() {
    String html = html(writer, ReportFixtures.withHostileNames());
    Document doc = Jsoup.parse(html);
    Element csp = doc.selectFirst("head > meta[http-equiv=Content-Security-Policy]");
    assertThat(csp).isNotNull();
    assertThat(csp.attr("content")).isEqualTo(CSP);
    assertThat(csp.elementSiblingIndex()).isLessThan(doc.selectFirst("head > style").elementSiblingIndex());
    assertThat(doc.select("script, iframe, object, embed, link, img, base, form")).isEmpty();
    for (Element el : doc.getAllElements()) {
      for (Attribute a : el.attributes()) {
        assertThat(a.getKey().toLowerCase(Locale.ROOT)).as("event handler on <%s>", el.tagName()).doesNotStartWith("on");
        if (a.getKey().equals("src") || a.getKey().equals("srcset")) {
          assertThat(a.getValue()).startsWith("data:");
        }
      }
    }
    String css = doc.select("style").html().toLowerCase(Locale.ROOT);
    assertThat(css).contains("@page").contains("size: a4").doesNotContain("@import").doesNotContain("url(");
    assertThat(doc.select("[style]").eachAttr("style")).noneMatch(s -> s.contains("url("));
    assertThat(doc.select("a[href]").eachAttr("href"))
        .allMatch(h -> h.startsWith("#") || h.startsWith("https://") || h.startsWith("http://"));
  }

  @Test
  void hostileNamesAreEscapedEverywhere() {
    AuditResult result = ReportFixtures.withHostileNames();
    String html = html(writer, result);
    Document doc = Jsoup.parse(html);
    assertThat(html).doesNotContain(ReportFixtures.SCRIPT).doesNotContain("<img");
    assertThat(doc.select("script, img")).isEmpty();
    Finding evil = result.findings().get(result.findings().size() - 1);
    Element article = doc.getElementById("finding-" + evil.fingerprint());
    assertThat(article.selectFirst(".subject-name").text()).contains(ReportFixtures.SCRIPT).contains(ReportFixtures.IMG);
    assertThat(article.selectFirst(".message").text()).contains(ReportFixtures.SCRIPT).contains(ReportFixtures.IMG);
    assertThat(article.select("table.kv td").eachText()).anySatisfy(t -> assertThat(t).contains(ReportFixtures.SCRIPT));
    assertThat(article.selectFirst("pre.command code").text()).contains(ReportFixtures.SCRIPT);
    // A javascript: reference is shown as text, never as a link.
    assertThat(article.select(".refs a")).isEmpty();
    assertThat(article.select(".refs li").text()).contains("Unsafe " + ReportFixtures.SCRIPT);
    assertThat(doc.select("#access .registry h3").text()).contains(ReportFixtures.SCRIPT);
    assertThat(doc.select("#access .identity").eachText()).contains(ReportFixtures.IMG);
    assertThat(doc.select("#evaluation-errors").text()).contains(ReportFixtures.SCRIPT);
  }

  @Test
  void outputIsDeterministic() {
    AuditResult result = ReportFixtures.rich();
    byte[] first = writer.render(result);
    assertThat(new HtmlReportWriter(Optional.empty()).render(ReportFixtures.shuffled(result, 7))).isEqualTo(first);
  }

  @Test
  void aTemplateInTheTemplatesDirOverridesTheBuiltInOne(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("header.ftlh"), "<header class=\"custom\">Acme audit for ${run.tenantId}</header>\n");
    Files.writeString(dir.resolve("report.css"), "body { color: #123456; }\n");
    Document doc = Jsoup.parse(html(new HtmlReportWriter(Optional.of(dir)), ReportFixtures.rich()));
    assertThat(doc.select("header.custom").text()).isEqualTo("Acme audit for " + ReportFixtures.TENANT);
    assertThat(doc.select("style").html()).contains("#123456");
    assertThat(doc.select("article.finding")).isNotEmpty();
  }

  @Test
  void overridingTemplatesCannotReachIntoJava(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("header.ftlh"),
        "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}\n");
    HtmlReportWriter hostile = new HtmlReportWriter(Optional.of(dir));
    assertThatThrownBy(() -> hostile.render(ReportFixtures.rich()))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("header.ftlh");

    Files.writeString(dir.resolve("header.ftlh"), "${run?api.getClass()}\n");
    HtmlReportWriter api = new HtmlReportWriter(Optional.of(dir));
    assertThatThrownBy(() -> api.render(ReportFixtures.rich())).isInstanceOf(ReportRenderException.class);
  }

  @Test
  void aBrokenTemplateFailsWithItsNameAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("summary.ftlh"), "<section>\n${noSuchVariable}\n</section>\n");
    assertThatThrownBy(() -> new HtmlReportWriter(Optional.of(dir)).render(ReportFixtures.rich()))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("summary.ftlh:2");
  }

  @Test
  void aMissingTemplatesDirIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> new HtmlReportWriter(Optional.of(dir.resolve("nope"))))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("nope");
  }
}
