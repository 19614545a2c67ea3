package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Remediation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resource name can carry characters a reader does not see: a right-to-left override that
 * shows "evil" U+202E "gnp.exe" as "evilexe.png", an escape sequence that rewrites the terminal. In
 * findings.json they are written as visible \\uXXXX escapes, and the value still decodes exactly.
 */
class JsonEscapingTest {
  private static final String BIDI = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F";
  private static final String CONTROLS = "\u0000\u0007\u001B[31m\u007F\u0085\u009B";
  private static final String HOSTILE = "evil" + BIDI + CONTROLS + "gnp.exe";

  @Test
  void invisibleAndReorderingCharactersAreWrittenAsEscapes() {
    AuditResult rich = ReportFixtures.rich();
    Finding first = rich.findings().get(0);
    Finding hostile = new Finding(first.ruleId(), first.title(), first.severity(),
        ReportFixtures.subject("/subscriptions/s/registries/" + HOSTILE, HOSTILE, "registry", "s"),
        "Registry " + HOSTILE + " is open.", ReportFixtures.evidence("name", HOSTILE),
        new Remediation("Fix " + HOSTILE, List.of("az acr update --name '" + HOSTILE + "'")),
        first.references(), first.fingerprint());
    List<Finding> findings = new ArrayList<>(rich.findings());
    findings.add(hostile);
    AuditResult result = new AuditResult(rich.run(), rich.summary(), findings, rich.evaluationErrors(),
        rich.coverage(), rich.accessMatrix(), rich.rules(), rich.comparison());

    String text = new String(new JsonReportWriter().render(result), StandardCharsets.UTF_8);

    for (char c : (BIDI + CONTROLS).replace("[31m", "").toCharArray()) {
      assertThat(text).as("U+%04X", (int) c).doesNotContain(String.valueOf(c));
    }
    assertThat(text).contains("evil\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F"
        + "\\u0000\\u0007\\u001B[31m\\u007F\\u0085\\u009Bgnp.exe");
    JsonNode doc = JsonMapper.builder().build().readTree(text);
    JsonNode written = null;
    for (JsonNode finding : doc.get("findings")) {
      if (finding.get("message").asString().equals("Registry " + HOSTILE + " is open.")) {
        written = finding;
      }
    }
    assertThat(written).as("the hostile finding").isNotNull();
    assertThat(written.get("subject").get("name").asString()).isEqualTo(HOSTILE);
    assertThat(written.get("remediation").get("commands").get(0).asString()).isEqualTo("az acr update --name '" + HOSTILE + "'");
  }

  @Test
  void ordinaryTextIsLeftAsItIs() {
    String text = new String(new JsonReportWriter().render(ReportFixtures.rich()), StandardCharsets.UTF_8);
    assertThat(text).contains("sp-ci-legacy → Owner").doesNotContain("\\u2192");
  }
}
