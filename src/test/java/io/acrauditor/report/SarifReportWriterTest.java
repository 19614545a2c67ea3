package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SarifReportWriterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SarifSchema SCHEMA = new SarifSchema();

  private final SarifReportWriter writer = new SarifReportWriter();

  private JsonNode render(AuditResult result) {
    return JSON.readTree(new String(writer.render(result), StandardCharsets.UTF_8));
  }

  @Test
  void validAgainstTheSarif210Schema() {
    assertThat(SCHEMA.validate(render(ReportFixtures.rich()))).isEmpty();
    assertThat(SCHEMA.validate(render(FormatFixtures.withFormulaNames()))).isEmpty();
    assertThat(SCHEMA.validate(render(ReportFixtures.withoutComparison(ReportFixtures.rich())))).isEmpty();
  }

  @Test
  void theSchemaCatchesWhatIsWrong() {
    ObjectNode doc = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) doc.get("runs").get(0).get("results").get(0)).put("level", "critical");
    assertThat(SCHEMA.validate(doc)).anySatisfy(e -> assertThat(e).contains("/runs/0/results/0/level"));
  }

  @Test
  void theDriverDescribesEveryRuleApplied() {
    AuditResult result = ReportFixtures.rich();
    JsonNode driver = render(result).at("/runs/0/tool/driver");
    assertThat(driver.get("name").asString()).isEqualTo("ACR Access Auditor");
    assertThat(driver.get("version").asString()).isEqualTo(result.run().toolVersion());
    List<String> ids = new ArrayList<>();
    driver.get("rules").forEach(r -> ids.add(r.get("id").asString()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(result.rules().stream().map(r -> r.id()).toList());

    JsonNode admin = rule(driver, "registry.admin-user-enabled");
    assertThat(admin.get("name").asString()).isEqualTo("AdminUserEnabled");
    assertThat(admin.at("/shortDescription/text").asString()).isEqualTo("Admin user enabled");
    assertThat(admin.at("/fullDescription/text").asString()).startsWith("The admin user is a single shared credential");
    assertThat(admin.get("helpUri").asString()).isEqualTo(ReportFixtures.LEARN_ADMIN.url());
    // The fixture's rule has no remediation of its own: the help borrows its finding's text.
    Finding adminFinding = result.findings().stream().filter(f -> f.ruleId().equals("registry.admin-user-enabled"))
        .findFirst().orElseThrow();
    assertThat(admin.at("/help/text").asString()).contains(adminFinding.remediation().text());
    assertThat(admin.at("/properties/tags").toString()).contains("\"security\"").contains("\"MCSB IM-1\"");
    assertThat(admin.at("/properties/security-severity").asString()).isEqualTo("8.0");
    assertThat(admin.at("/defaultConfiguration/level").asString()).isEqualTo("error");

    assertThat(rule(driver, "roleAssignment.pull-identity-beyond-pull").at("/properties/security-severity").asString())
        .isEqualTo("9.5");
    assertThat(rule(driver, "token.all-passwords-expired").at("/properties/security-severity").asString()).isEqualTo("5.5");
    assertThat(rule(driver, "token.password-expiring-soon").at("/properties/security-severity").asString()).isEqualTo("2.0");
    assertThat(rule(driver, "coverage.gap").at("/properties").has("security-severity")).isFalse();
    assertThat(rule(driver, "coverage.gap").at("/defaultConfiguration/level").asString()).isEqualTo("note");
  }

  @Test
  void oneResultPerFindingWithItsRuleFingerprintAndResource() {
    AuditResult result = ReportFixtures.rich();
    JsonNode run = render(result).at("/runs/0");
    JsonNode results = run.get("results");
    assertThat(results.size()).isEqualTo(result.findings().size());
    Map<String, Finding> byFingerprint = new HashMap<>();
    result.findings().forEach(f -> byFingerprint.put(f.fingerprint(), f));
    for (JsonNode r : results) {
      Finding f = byFingerprint.get(r.at("/partialFingerprints/acrAuditorFingerprint~1v1").asString());
      assertThat(f).as("a result for a finding").isNotNull();
      assertThat(r.get("ruleId").asString()).isEqualTo(f.ruleId());
      assertThat(run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asString()).isEqualTo(f.ruleId());
      JsonNode logical = r.at("/locations/0/logicalLocations/0");
      assertThat(logical.get("fullyQualifiedName").asString()).isEqualTo(f.subject().resourceId());
      assertThat(logical.get("kind").asString()).isEqualTo("resource");
      assertThat(r.get("baselineState").asString())
          .isEqualTo(ReportFixtures.NEW_FINDING_SUBJECTS.contains(f.subject().name()) ? "new" : "unchanged");
      assertThat(r.get("level").asString()).isEqualTo(switch (f.severity()) {
        case CRITICAL, HIGH -> "error";
        case MEDIUM -> "warning";
        case LOW, INFO -> "note";
      });
    }
  }

  @Test
  void markupInMessagesStaysTextWhenAViewerRendersMarkdown() {
    JsonNode results = render(FormatFixtures.withFormulaNames()).at("/runs/0/results");
    Parser parser = Parser.builder().build();
    HtmlRenderer html = HtmlRenderer.builder().build();
    int hostile = 0;
    for (JsonNode r : results) {
      String text = r.at("/message/text").asString();
      String rendered = html.render(parser.parse(text));
      assertThat(rendered).as(text).doesNotContain("<script").doesNotContain("<img").doesNotContain("<a ")
          .doesNotContain("<em>").doesNotContain("<strong>").doesNotContain("<code>");
      if (text.contains("<script")) {
        hostile++;
        // The words are all still there, shown as text.
        assertThat(rendered).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
      }
    }
    assertThat(hostile).as("the hostile finding was rendered").isPositive();
  }

  @Test
  void aMessageCannotStartABlockOrALink() {
    assertThat(SarifText.plain("# [x](javascript:alert(1))\n* **b**")).doesNotContain("\n");
    String rendered = HtmlRenderer.builder().build()
        .render(Parser.builder().build().parse(SarifText.plain("# [x](javascript:alert(1))\n* **b** `c` ![i](y)")));
    assertThat(rendered).startsWith("<p>").doesNotContain("<h1>").doesNotContain("<a ").doesNotContain("<li>")
        .doesNotContain("<img").doesNotContain("<strong>").doesNotContain("<code>");
  }

  @Test
  void outputIsTheSameWhateverTheInputOrder() {
    AuditResult result = ReportFixtures.rich();
    byte[] first = writer.render(result);
    for (long seed = 1; seed <= 3; seed++) {
      assertThat(writer.render(ReportFixtures.shuffled(result, seed))).isEqualTo(first);
    }
  }

  private static JsonNode rule(JsonNode driver, String id) {
    for (JsonNode r : driver.get("rules")) {
      if (r.get("id").asString().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id);
  }
}
