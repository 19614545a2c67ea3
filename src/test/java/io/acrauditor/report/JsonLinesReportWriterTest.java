package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AuditResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesReportWriterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void eachLineIsAFindingThatParsesAloneAndCarriesItsRun() {
    AuditResult result = ReportFixtures.withHostileNames();
    String text = new String(new JsonLinesReportWriter().render(result), StandardCharsets.UTF_8);
    assertThat(text).endsWith("}\n");
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(result.findings().size());

    JsonNode document = JSON.readTree(new JsonReportWriter().render(result));
    List<String> fingerprints = new ArrayList<>();
    for (String line : lines) {
      JsonNode finding = JSON.readTree(line);
      assertThat(finding.get("runId").asString()).isEqualTo(result.run().runId());
      assertThat(finding.get("tenantId").asString()).isEqualTo(ReportFixtures.TENANT);
      assertThat(finding.get("auditedAt").asString()).isEqualTo(result.run().startedAt());
      assertThat(finding.get("toolVersion").asString()).isEqualTo(result.run().toolVersion());
      assertThat(finding.get("severity").asString()).isIn("critical", "high", "medium", "low", "info");
      fingerprints.add(finding.get("fingerprint").asString());
    }
    // The same findings, in the same order, as findings.json.
    List<String> expected = new ArrayList<>();
    document.get("findings").forEach(f -> expected.add(f.get("fingerprint").asString()));
    assertThat(fingerprints).isEqualTo(expected);
    JsonNode first = JSON.readTree(lines.get(0));
    JsonNode firstInDocument = document.get("findings").get(0);
    for (String field : List.of("ruleId", "title", "subject", "message", "evidence", "remediation", "status", "firstSeen")) {
      assertThat(first.get(field)).as(field).isEqualTo(firstInDocument.get(field));
    }
  }

  @Test
  void noFindingsIsAnEmptyFile() {
    AuditResult rich = ReportFixtures.rich();
    AuditResult none = new AuditResult(rich.run(), rich.summary(), List.of(), List.of(), rich.coverage(),
        rich.accessMatrix(), rich.rules(), null);
    assertThat(new JsonLinesReportWriter().render(none)).isEmpty();
  }
}
