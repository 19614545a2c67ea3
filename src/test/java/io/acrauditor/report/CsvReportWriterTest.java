package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.acrauditor.findings.AuditResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** findings.csv read back with Apache Commons CSV, a parser that did not write it. */
class CsvReportWriterTest {
  private final CsvReportWriter writer = new CsvReportWriter();

  private static final List<String> HEADER = List.of(
      "run_id", "audited_at", "severity", "rule_id", "title", "status", "subject_name", "resource_id",
      "subscription_id", "resource_group", "first_seen", "fingerprint", "message", "remediation_command");

  private static List<CSVRecord> parse(String text) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
  }

  @Test
  void oneRowPerFindingThenTheResolvedOnesWithTheirStatus() throws IOException {
    AuditResult result = ReportFixtures.rich();
    String text = new String(writer.render(result), StandardCharsets.UTF_8);
    assertThat(text.lines().findFirst()).contains(String.join(",", HEADER));
    assertThat(text).contains("\r\n").doesNotContain("\n\n").doesNotStartWith("\uFEFF");

    List<CSVRecord> rows = parse(text);
    int resolved = result.comparison().resolved().size();
    assertThat(rows).hasSize(result.findings().size() + resolved);
    assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(HEADER);

    Map<String, String> statusByFingerprint =
        rows.stream().collect(Collectors.toMap(r -> r.get("fingerprint"), r -> r.get("status")));
    for (var f : result.findings()) {
      String expected = ReportFixtures.NEW_FINDING_SUBJECTS.contains(f.subject().name()) ? "new" : "open";
      assertThat(statusByFingerprint).containsEntry(f.fingerprint(), expected);
    }
    for (var p : result.comparison().resolved()) {
      assertThat(statusByFingerprint).containsEntry(p.fingerprint(), "resolved");
    }
    assertThat(rows).extracting(r -> r.get("run_id")).containsOnly(result.run().runId());
    assertThat(rows).extracting(r -> r.get("audited_at")).containsOnly(result.run().startedAt());
  }

  @Test
  void aFindingRowCarriesItsSubjectAndTheFirstCommand() throws IOException {
    AuditResult result = ReportFixtures.rich();
    var finding = result.findings().stream().filter(f -> f.remediation() != null && !f.remediation().commands().isEmpty())
        .findFirst().orElseThrow();
    CSVRecord row = parse(new String(writer.render(result), StandardCharsets.UTF_8)).stream()
        .filter(r -> r.get("fingerprint").equals(finding.fingerprint())).findFirst().orElseThrow();
    assertThat(List.of(row.get("rule_id"), row.get("severity"), row.get("subject_name"), row.get("resource_id"),
            row.get("subscription_id"), row.get("resource_group"), row.get("message"), row.get("remediation_command")))
        .containsExactly(finding.ruleId(), finding.severity().label(), finding.subject().name(),
            finding.subject().resourceId(), finding.subject().subscriptionId(), finding.subject().resourceGroup(),
            finding.message(), finding.remediation().commands().get(0));
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsFormulasStartWithAQuote() throws IOException {
    List<CSVRecord> rows = parse(new String(writer.render(FormatFixtures.withFormulaNames()), StandardCharsets.UTF_8));
    for (String name : FormatFixtures.FORMULA_NAMES) {
      assertThat(rows)
          .as("the token named %s", name)
          .filteredOn(r -> r.get("subject_name").equals("'" + name))
          .singleElement()
          .satisfies(r -> assertThat(r.get("message")).isEqualTo("Token " + name + " can push."))
          .satisfies(r -> assertThat(r.get("remediation_command")).startsWith("az acr token update --name " + name));
    }
    for (CSVRecord row : rows) {
      for (String cell : row.values()) {
        assertThat(cell).as("no cell starts a formula").doesNotStartWith("=").doesNotStartWith("+")
            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
      }
    }
  }

  @Test
  void commasQuotesLineBreaksAndNonAsciiComeBackWhole() throws IOException {
    byte[] bytes = writer.render(FormatFixtures.withFormulaNames());
    List<CSVRecord> rows = parse(new String(bytes, StandardCharsets.UTF_8));
    assertThat(rows).filteredOn(r -> r.get("subject_name").equals(FormatFixtures.AWKWARD_NAME))
        .extracting(r -> r.get("rule_id"), r -> r.size())
        .containsExactly(tuple("token.scope-map-write", HEADER.size()));
    assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(HEADER.size()));
  }

  @Test
  void neutralisingLeavesOrdinaryValuesAlone() {
    assertThat(CsvReportWriter.cell("contososaasacr")).isEqualTo("contososaasacr");
    assertThat(CsvReportWriter.cell("/subscriptions/x")).isEqualTo("/subscriptions/x");
    assertThat(CsvReportWriter.cell("")).isEmpty();
    assertThat(CsvReportWriter.cell(null)).isNull();
    assertThat(CsvReportWriter.cell("a=b")).isEqualTo("a=b");
    assertThat(CsvReportWriter.cell("=1")).isEqualTo("'=1");
  }
}
