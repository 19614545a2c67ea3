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
    assertThat(ReportFormat.parse(ReportFormat.DEFAULT)).containsExactly(ReportFormat.HTML, ReportFormat.JSON);
    assertThat(ReportFormat.parse("SARIF, csv")).containsExactly(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.CSV);
  }

  @Test
  void anUnknownOrEmptyNameIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> ReportFormat.parse("html,pdf2"))
        .hasMessage("unknown format 'pdf2'; expected one or more of html, json, sarif, ocsf, csv, jsonl");
    assertThatThrownBy(() -> ReportFormat.parse("html,,csv")).hasMessageContaining("empty format");
  }

  @Test
  void everyFormatIsWrittenUnderItsNameAndFindingsJsonLast() throws Exception {
    AuditResult result = ReportFixtures.rich();
    List<Path> written = ReportWriters.forFormats(EnumSet.allOf(ReportFormat.class), Optional.empty())
        .writeAll(result, tmp.resolve("run"));
    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
        "report.html", "findings.sarif", "findings.ocsf.jsonl", "findings.csv", "findings.jsonl", "findings.json");
    for (ReportFormat format : ReportFormat.values()) {
      assertThat(tmp.resolve("run").resolve(format.fileName())).isNotEmptyFile();
    }
    try (var files = Files.list(tmp.resolve("run"))) {
      assertThat(files).as("no temporary file left").hasSize(ReportFormat.values().length);
    }
  }
}
