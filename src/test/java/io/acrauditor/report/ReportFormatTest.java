package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.findings.AuditResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {
  @TempDir Path tmp;

  @Test
  void findingsJsonIsAlwaysChosenAndNamesAreCaseInsensitive() {
    assertThat(ReportFormat.parse(ReportFormat.DEFAULT)).containsExactlyInAnyOrder(ReportFormat.HTML, ReportFormat.PDF, ReportFormat.JSON);
    assertThat(ReportFormat.parse("SARIF, csv")).containsExactlyInAnyOrder(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.CSV);
  }

  @Test
  void anUnknownOrEmptyNameIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> ReportFormat.parse("html,pdf2"))
        .hasMessage("unknown format 'pdf2'; valid formats: html, pdf, sarif, ocsf, csv, jsonl, json");
    assertThatThrownBy(() -> ReportFormat.parse("html,,csv")).hasMessageContaining("empty format");
  }

  @Test
  void everyFormatIsWrittenUnderItsNameAndFindingsJsonLast() throws Exception {
    AuditResult result = ReportFixtures.rich();
    List<Path> written = ReportWriters.forFormats(new ReportOptions(EnumSet.allOf(ReportFormat.class), "Confidential"), Optional.empty())
        .writeAll(result, tmp.resolve("run"));
    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
        "report.html", "report.pdf", "findings.sarif", "findings.ocsf.jsonl", "findings.csv", "findings.jsonl", "findings.json");
    for (ReportFormat format : ReportFormat.values()) {
      assertThat(tmp.resolve("run").resolve(format.fileName())).isNotEmptyFile();
    }
    try (var files = Files.list(tmp.resolve("run"))) {
      assertThat(files).as("no temporary file left").hasSize(ReportFormat.values().length);
    }
  }
}
